package knowledge

import (
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Kind is the kind of an event. Each kind has one label, which every
// answer, chart and index document uses.
type Kind string

// The kinds of event.
const (
	USStrike      Kind = "us-strike"
	MilitiaAttack Kind = "militia-attack"
	Protest       Kind = "protest"
	Statement     Kind = "statement"
	Parade        Kind = "parade"
	Designation   Kind = "designation"
	// Background events (2002–2016) are what the sources recall, not the
	// story; the timeline leaves them out unless asked.
	Background Kind = "background"
)

// Kinds returns every event kind.
func Kinds() []Kind {
	return []Kind{USStrike, MilitiaAttack, Protest, Statement, Parade, Designation, Background}
}

// Label is the kind as people read it: "US strike", "militia attack".
func (k Kind) Label() string {
	switch k {
	case USStrike:
		return "US strike"
	case MilitiaAttack:
		return "militia attack"
	case Protest, Statement, Parade, Designation, Background:
		return string(k)
	}
	return ""
}

// UnmarshalYAML reads a kind, refusing one that is not in Kinds.
func (k *Kind) UnmarshalYAML(n *yaml.Node) error {
	return decodeEnum(n, k, Kinds(), "kind")
}

// ClaimantType grades who makes a casualty claim. Each type has one label.
type ClaimantType string

// The types of claimant.
const (
	USOfficial     ClaimantType = "us-official"
	IraqiOfficial  ClaimantType = "iraqi-official"
	SyrianOfficial ClaimantType = "syrian-official"
	Militia        ClaimantType = "militia"
	// ArmedGroup is a non-state force that is not one of the militias.
	ArmedGroup ClaimantType = "armed-group"
	Monitor    ClaimantType = "monitor"
	StateMedia ClaimantType = "state-media"
	Anonymous  ClaimantType = "anonymous"
	// Report is the outlet's own unattributed account.
	Report ClaimantType = "report"
)

// ClaimantTypes returns every claimant type.
func ClaimantTypes() []ClaimantType {
	return []ClaimantType{USOfficial, IraqiOfficial, SyrianOfficial, Militia, ArmedGroup, Monitor, StateMedia, Anonymous, Report}
}

// Label is the type as people read it: "US official", "anonymous sources".
func (c ClaimantType) Label() string {
	switch c {
	case USOfficial:
		return "US official"
	case IraqiOfficial:
		return "Iraqi official"
	case SyrianOfficial:
		return "Syrian official"
	case ArmedGroup:
		return "armed group"
	case StateMedia:
		return "state media"
	case Anonymous:
		return "anonymous sources"
	case Report:
		return "unattributed report"
	case Militia, Monitor:
		return string(c)
	}
	return ""
}

// UnmarshalYAML reads a claimant type, refusing one not in ClaimantTypes.
func (c *ClaimantType) UnmarshalYAML(n *yaml.Node) error {
	return decodeEnum(n, c, ClaimantTypes(), "claimant_type")
}

func decodeEnum[T ~string](n *yaml.Node, v *T, valid []T, field string) error {
	var s string
	if err := n.Decode(&s); err != nil {
		return lineError(n, "%s is not a string", field)
	}
	names := make([]string, len(valid))
	for i, x := range valid {
		if string(x) == s {
			*v = x
			return nil
		}
		names[i] = string(x)
	}
	return lineError(n, "%s %q is not one of %s", field, s, strings.Join(names, ", "))
}

// Precision is how precisely a record's date is known.
type Precision string

// The precisions of a date.
const (
	PrecisionDay   Precision = "day"
	PrecisionMonth Precision = "month"
	PrecisionYear  Precision = "year"
	// PrecisionApproximate is a date worked out from the text ("on
	// Monday", "a day after"); the record's date_note says how.
	PrecisionApproximate Precision = "approximate"
)

// Precisions returns every precision a date may have.
func Precisions() []Precision {
	return []Precision{PrecisionDay, PrecisionMonth, PrecisionYear, PrecisionApproximate}
}

// UnmarshalYAML reads a precision, refusing one not in Precisions.
func (p *Precision) UnmarshalYAML(n *yaml.Node) error {
	return decodeEnum(n, p, Precisions(), "precision")
}

// Month returns the month a folded word names ("june", "jun", "sept"), the
// one list of month names Dossier reads.
func Month(word string) (time.Month, bool) {
	if len(word) < 3 || len(word) > len("september") {
		return 0, false // every word of a question passes here
	}
	for i, name := range monthNames {
		if word == name || word == name[:3] || (i == 8 && word == "sept") {
			return time.Month(i + 1), true
		}
	}
	return 0, false
}

// monthNames are the months in lower case, as Month compares them.
var monthNames = [12]string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// fieldError is a problem with one value in a YAML file, at its line.
type fieldError struct {
	line int
	msg  string
}

func (e *fieldError) Error() string { return e.msg }

func lineError(n *yaml.Node, format string, args ...any) error {
	return &fieldError{line: n.Line, msg: fmt.Sprintf(format, args...)}
}
