package bot

import (
	"strings"

	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/seeds"
)

// Answer is a command's reply, independent of how it is shown.
type Answer struct {
	Command string   `json:"command"`
	Query   string   `json:"query,omitempty"`
	Text    string   `json:"text,omitempty"`
	Results []Result `json:"results"`
	// NotCovered is set when the sources cannot answer; front ends show
	// such replies only to the asker, and --json says so, so a client
	// need not read it from the text.
	NotCovered bool `json:"not_covered,omitempty"`
	// See names a command that answers the request better: a short
	// question that names a list ("timeline pls") is answered, and
	// pointed to the command that lists it.
	See string `json:"see,omitempty"`
	// Analysis is how ask read the question, shown with --explain.
	Analysis *index.Question `json:"analysis,omitempty"`
}

// Result is one cited item of an answer.
type Result struct {
	Text     string `json:"text"`
	Date     string `json:"date,omitempty"`
	Speaker  string `json:"speaker,omitempty"`
	Claimant string `json:"claimant,omitempty"`
	// Context says where or to whom words were said.
	Context string `json:"context,omitempty"`
	// Section is the heading a summary groups the result under.
	Section string `json:"section,omitempty"`
	// Casualty holds the figures of a casualty claim; nil elsewhere.
	*Casualty
	// Event describes the event a result is the record of; nil
	// elsewhere. Only --json shows it: the text says it in words.
	Event     *EventInfo `json:"event,omitempty"`
	Citations []Citation `json:"citations"`
	// Explain says why the result ranked where it did (ask --explain).
	Explain *Explain `json:"explain,omitempty"`
}

// Casualty is the figures of one casualty claim. Killed and Injured are the
// minimum figures, null when the claim states none.
type Casualty struct {
	Killed     *int   `json:"killed"`
	Injured    *int   `json:"injured"`
	KilledMax  *int   `json:"killed_max,omitempty"`
	InjuredMax *int   `json:"injured_max,omitempty"`
	Who        string `json:"who,omitempty"`
	// ClaimantType grades the claimant: us-official, militia, monitor, …
	ClaimantType string `json:"claimant_type"`
	// ClaimantLabel is the claimant type as people read it ("US
	// official", "anonymous sources"), the one label every front end shows.
	ClaimantLabel string `json:"-"`
	// Disputes lists the ids of claims this one contradicts.
	Disputes []string `json:"disputes,omitempty"`
}

// EventInfo is what the knowledge base records of an event, for clients
// that sort or filter events themselves.
type EventInfo struct {
	// ID is the event's key in knowledge/events.yaml.
	ID string `json:"id"`
	// Kind is "us-strike", "militia-attack", "statement" …
	Kind string `json:"kind"`
	// Precision says how exactly Date is known: day, month, year or
	// approximate.
	Precision string `json:"precision"`
	// Where describes the place in words; Places, Actors and Targets name
	// the actors involved.
	Where   string   `json:"where,omitempty"`
	Places  []string `json:"places,omitempty"`
	Actors  []string `json:"actors,omitempty"`
	Targets []string `json:"targets,omitempty"`
	// RespondsTo lists the ids of the attacks a strike answered.
	RespondsTo []string `json:"responds_to,omitempty"`
}

// Citation points at the verbatim words a result came from.
type Citation struct {
	// Doc is the document's file name.
	Doc string `json:"doc"`
	// Passage is the passage ID, "003:12".
	Passage string `json:"passage"`
	// PassageEnd is the passage a quote running over several paragraphs
	// ends in, "003:14"; empty when it keeps to Passage.
	PassageEnd string `json:"passage_end,omitempty"`
	// Quote is verbatim from Doc (white space aside).
	Quote string `json:"quote"`
	// Marks are the words of Quote that matched the question, as byte
	// spans in order; each front end emphasises them in its own way.
	Marks []Span `json:"-"`
	// Role says what the citation shows of its result; empty for the
	// words the result comes from.
	Role Role `json:"role,omitempty"`
	// at is one more than where Quote starts in the passage (white space
	// folded); 0 when not known. opened is set when a quotation mark
	// comes right before it. They, and PassageEnd, are set for the answers
	// of Commands' Run, which every front end calls.
	at     int
	opened bool
}

// Role is what a citation shows of its result.
type Role string

// The roles of citations.
const (
	// Origin is the passage a result comes from.
	Origin Role = ""
	// Attribution is the passage naming who spoke a quotation's words.
	Attribution Role = "attribution"
	// Disputed is a passage giving a quotation's words to someone else.
	Disputed Role = "disputed"
	// Also is another document reporting the same event or claim.
	Also Role = "also"
	// Answered is the source of an attack a strike answered.
	Answered Role = "answered"
	// Question is the reporter's question a quotation answers.
	Question Role = "question"
)

// Label is how front ends introduce a citation of the role.
func (r Role) Label() string {
	switch r {
	case Attribution:
		return "attributed in"
	case Disputed:
		return "given to another speaker in"
	case Also:
		return "also in"
	case Answered:
		return "in answer to"
	case Question:
		return "asked in"
	}
	return "source"
}

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// marks returns a snippet's matched words as spans of its quote.
func marks(s index.Snippet) []Span {
	if len(s.Marks) == 0 {
		return nil
	}
	out := make([]Span, len(s.Marks))
	for i, m := range s.Marks {
		out[i] = Span{m.Start, m.End}
	}
	return out
}

// Cite returns the citation as users see it: "[003 §12]", or "[003
// §12–14]" for words running over several passages.
func (c Citation) Cite() string {
	first := seeds.CiteID(c.Passage)
	_, end, ok := strings.Cut(c.PassageEnd, ":")
	if !ok || c.PassageEnd == c.Passage || !strings.HasSuffix(first, "]") {
		return first
	}
	return strings.TrimSuffix(first, "]") + "–" + end + "]"
}
