package knowledge

import (
	"encoding/binary"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Cite is a verbatim quote from a document.
type Cite struct {
	Doc   string `yaml:"doc" json:"doc"`
	Quote string `yaml:"quote" json:"quote"`
}

// Source is how every record cites the documents it comes from: a verbatim
// quote from one document, and further quotes (Also) where one quote does
// not hold everything the record says. Each quote stays within one sentence
// of its document.
type Source struct {
	// Doc and Quote are the main citation. For a quotation record, Quote is
	// the words quoted.
	Doc   string `yaml:"doc" json:"doc"`
	Quote string `yaml:"quote" json:"quote"`
	// Also are further citations: the words that name a quotation's
	// speaker, or the sentences that hold a summary's other facts.
	Also []Cite `yaml:"also" json:"also,omitempty"`

	// lines are the lines of the record's fields in its file, so a problem
	// with one field points at it.
	lines map[string]int
}

// setFieldLines notes the line of each field of the record's node.
func (s *Source) setFieldLines(n *yaml.Node) {
	s.lines = make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		s.lines[n.Content[i].Value] = n.Content[i].Line
	}
}

// lineOf returns the line of a field, or def when it is not known.
func (s Source) lineOf(field string, def int) int {
	if l, ok := s.lines[field]; ok {
		return l
	}
	return def
}

// Cites returns every citation of the record, the main one first.
func (s Source) Cites() []Cite {
	return append([]Cite{{Doc: s.Doc, Quote: s.Quote}}, s.Also...)
}

// Event is one dated event the sources report.
type Event struct {
	ID string `yaml:"id" json:"id"`
	// When is the date, to its precision.
	When      Date      `yaml:"date" json:"date"`
	Precision Precision `yaml:"precision" json:"precision"`
	DateNote  string    `yaml:"date_note" json:"date_note,omitempty"`
	Kind      Kind      `yaml:"kind" json:"kind"`
	Where     string    `yaml:"where" json:"where,omitempty"`
	Places    []string  `yaml:"places" json:"places,omitempty"`
	Actors    []string  `yaml:"actors" json:"actors,omitempty"`
	Targets   []string  `yaml:"targets" json:"targets,omitempty"`
	// RetaliationFor links a strike to the attacks it answered.
	RetaliationFor []string `yaml:"retaliation_for" json:"retaliation_for,omitempty"`
	Summary        string   `yaml:"summary" json:"summary"`
	Source         `yaml:",inline"`
	Line           int `yaml:"-" json:"-"`
}

// Quote is one direct quotation, attributed to one speaker.
type Quote struct {
	ID        string    `yaml:"id" json:"id"`
	Speaker   string    `yaml:"speaker" json:"speaker"`
	When      Date      `yaml:"date" json:"date"`
	Precision Precision `yaml:"precision" json:"precision"`
	Context   string    `yaml:"context" json:"context"`
	Event     string    `yaml:"event" json:"event,omitempty"`
	// SameWords groups records that report one statement; when their
	// speakers differ, the attribution is disputed.
	SameWords string `yaml:"same_words" json:"same_words,omitempty"`
	// Source cites the words quoted (Quote) and, in Also, the words that
	// name the speaker.
	Source `yaml:",inline"`
	Line   int `yaml:"-" json:"-"`
}

// Casualty is one casualty claim about one event.
type Casualty struct {
	ID            string       `yaml:"id" json:"id"`
	Event         string       `yaml:"event" json:"event"`
	Claimant      string       `yaml:"claimant" json:"claimant"`
	ClaimantActor string       `yaml:"claimant_actor" json:"claimant_actor,omitempty"`
	ClaimantType  ClaimantType `yaml:"claimant_type" json:"claimant_type"`
	Killed        Figure       `yaml:"killed" json:"killed"`
	Injured       Figure       `yaml:"injured" json:"injured"`
	Who           string       `yaml:"who" json:"who,omitempty"`
	Disputes      []string     `yaml:"disputes" json:"disputes,omitempty"`
	Note          string       `yaml:"note" json:"note,omitempty"`
	Source        `yaml:",inline"`
	Line          int `yaml:"-" json:"-"`
}

// Figure is a casualty figure as a claim states it: a range with an open or
// unknown end.
type Figure struct {
	// Stated is false when the claim says nothing about this figure.
	Stated bool
	// Known is false for "several", "a group": stated but not counted.
	Known bool
	Min   int
	// Max is nil for an open range ("at least 7").
	Max *int
}

var (
	atLeast = regexp.MustCompile(`^at least (\d+)$`)
	span    = regexp.MustCompile(`^(\d+)\s*[-–]\s*(\d+)$`)
)

// ParseFigure reads a casualty figure: "", "4", "at least 7", "3-5" or
// "unknown".
func ParseFigure(s string) (Figure, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return Figure{}, nil
	case s == "unknown":
		return Figure{Stated: true}, nil
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		return Figure{Stated: true, Known: true, Min: n, Max: &n}, nil
	}
	if m := atLeast.FindStringSubmatch(s); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			return Figure{Stated: true, Known: true, Min: n}, nil
		}
	}
	if m := span.FindStringSubmatch(s); m != nil {
		lo, err1 := strconv.Atoi(m[1])
		hi, err2 := strconv.Atoi(m[2])
		if err1 == nil && err2 == nil && lo <= hi {
			return Figure{Stated: true, Known: true, Min: lo, Max: &hi}, nil
		}
	}
	return Figure{}, fmt.Errorf("figure %q is not a number, \"at least N\", \"N-M\" or \"unknown\"", s)
}

// UnmarshalYAML reads a figure as ParseFigure does.
func (f *Figure) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return lineError(n, "figure is not a number, \"at least N\", \"N-M\" or \"unknown\"")
	}
	v, err := ParseFigure(n.Value)
	if err != nil {
		return lineError(n, "%v", err)
	}
	*f = v
	return nil
}

// GobEncode encodes the figure for a knowledge cache. Gob itself would
// drop an upper bound of 0 (a zero value) and read "0" back as "at least 0".
func (f Figure) GobEncode() ([]byte, error) {
	var flags byte
	if f.Stated {
		flags |= 1
	}
	if f.Known {
		flags |= 2
	}
	out := binary.AppendVarint([]byte{flags}, int64(f.Min))
	if f.Max != nil {
		out[0] |= 4
		out = binary.AppendVarint(out, int64(*f.Max))
	}
	return out, nil
}

// GobDecode decodes a figure encoded by GobEncode.
func (f *Figure) GobDecode(raw []byte) error {
	if len(raw) == 0 {
		return errors.New("figure: no bytes")
	}
	flags, rest := raw[0], raw[1:]
	lo, n := binary.Varint(rest)
	if n <= 0 {
		return errors.New("figure: bad minimum")
	}
	*f = Figure{Stated: flags&1 != 0, Known: flags&2 != 0, Min: int(lo)}
	if flags&4 != 0 {
		hi, m := binary.Varint(rest[n:])
		if m <= 0 {
			return errors.New("figure: bad maximum")
		}
		v := int(hi)
		f.Max = &v
	}
	return nil
}

// String renders the figure for people: "4", "at least 7", "3–5",
// "unstated number", "not stated".
func (f Figure) String() string {
	switch {
	case !f.Stated:
		return "not stated"
	case !f.Known:
		return "an unstated number"
	case f.Max == nil:
		return fmt.Sprintf("at least %d", f.Min)
	case *f.Max == f.Min:
		return strconv.Itoa(f.Min)
	}
	return fmt.Sprintf("%d–%d", f.Min, *f.Max)
}
