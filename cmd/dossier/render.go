package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/index"
)

// print writes an answer as JSON or as text for a terminal.
func (o *options) print(a *bot.Answer) error {
	if o.json {
		return renderJSON(o.stdout, a)
	}
	return renderText(o.stdout, a, o.outputStyle())
}

// printJSON writes v as indented JSON, leaving <, > and & as they are.
func (o *options) printJSON(v any) error {
	return writeJSON(o.stdout, v)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// jsonCitation is a citation in the JSON contract: with the snippet, the
// quote in Discord's Markdown with the matched words in bold.
type jsonCitation struct {
	bot.Citation
	Snippet string `json:"snippet,omitempty"`
}

// jsonResult is a result in the JSON contract; its citations hide the
// result's own.
type jsonResult struct {
	bot.Result
	Citations []jsonCitation `json:"citations"`
}

// jsonAnswer is an answer in the JSON contract; its results hide the
// answer's own.
type jsonAnswer struct {
	*bot.Answer
	Results []jsonResult `json:"results"`
}

// renderJSON writes an answer in the JSON contract.
func renderJSON(w io.Writer, a *bot.Answer) error {
	out := jsonAnswer{Answer: a, Results: make([]jsonResult, 0, len(a.Results))}
	for _, r := range a.Results {
		jr := jsonResult{Result: r, Citations: make([]jsonCitation, 0, len(r.Citations))}
		for _, c := range r.Citations {
			jr.Citations = append(jr.Citations, jsonCitation{Citation: c, Snippet: discord.Snippet(c)})
		}
		out.Results = append(out.Results, jr)
	}
	return writeJSON(w, out)
}

// ANSI escapes for the terminal's emphasis.
const (
	ansiBold  = "\x1b[1m"
	ansiFaint = "\x1b[2m"
	ansiReset = "\x1b[22m" // normal intensity: ends bold and faint
)

// bold emphasises s on a colour terminal.
func (st style) bold(s string) string {
	if !st.color || s == "" {
		return s
	}
	return ansiBold + s + ansiReset
}

// faint shows s, a label, in a lighter tone on a colour terminal.
func (st style) faint(s string) string {
	if !st.color || s == "" {
		return s
	}
	return ansiFaint + s + ansiReset
}

// quote shows a citation's verbatim words in quotation marks, balanced
// (Citation.Balance), with the words that matched in bold on a colour
// terminal and plain everywhere else.
func (st style) quote(c bot.Citation) string {
	var b strings.Builder
	lead, trail := c.Balance()
	open, end := c.Enclosure()
	b.WriteString(open + lead)
	pos := 0
	for _, m := range c.Marks {
		if m.Start < pos || m.End > len(c.Quote) || m.Start >= m.End {
			continue // not a span of this quote: show the words plain
		}
		b.WriteString(c.Quote[pos:m.Start] + st.bold(c.Quote[m.Start:m.End]))
		pos = m.End
	}
	b.WriteString(c.Quote[pos:] + trail + end)
	return b.String()
}

// indentLines indents every line of s but the first by n spaces, so text
// of several lines (a quotation of several paragraphs) stays under the
// label or number it follows; blank lines are dropped, so one result stays
// one block.
func indentLines(s string, n int) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	lines := strings.Split(s, "\n")
	out := []string{strings.TrimRight(lines[0], " ")}
	for _, l := range lines[1:] {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, strings.Repeat(" ", n)+l)
		}
	}
	return strings.Join(out, "\n")
}

// renderText writes the human form of an answer: a heading, then each
// result with its details and each passage it cites, once, labelled with
// what it shows. Lines are wrapped to st.width when it is set.
func renderText(w io.Writer, a *bot.Answer, st style) error {
	var b strings.Builder
	if a.Query != "" && a.Command != "summary" {
		// A brief answers no question, and its text names its topic.
		fmt.Fprintf(&b, "%s %s\n", st.bold("Q:"), a.Query)
	}
	if a.Text != "" {
		fmt.Fprintf(&b, "%s\n", a.Text)
	}
	if p := a.Pointer("dossier "); p != "" {
		fmt.Fprintf(&b, "%s\n", st.faint(p))
	}
	if a.Analysis != nil {
		writeAnalysis(&b, a.Analysis)
	}
	section := ""
	// pad lines a result's details up under its text, past its number
	// ("10. " is four wide).
	pad := "   "
	detail := func(label, value string) {
		if value != "" {
			fmt.Fprintf(&b, "%s%s %s\n", pad, st.faint(label+":"), value)
		}
	}
	for i, r := range a.Results {
		b.WriteString("\n")
		if r.Section != "" && r.Section != section {
			section = r.Section
			fmt.Fprintf(&b, "%s\n\n", st.bold(section))
		}
		text := r.Text
		if c, ok := r.Words(); ok {
			text = st.quote(c)
		}
		// A quotation of several paragraphs stays under its number.
		pad = strings.Repeat(" ", len(strconv.Itoa(i+1))+2)
		fmt.Fprintf(&b, "%d. %s\n", i+1, indentLines(text, len(pad)))
		detail("speaker", r.Speaker)
		if a.Command != "sources" {
			detail("date", r.Date)
		}
		detail("context", r.Context)
		if r.Explain != nil {
			detail("why", r.Explain.String())
		}
		for _, l := range r.Lines() {
			c := l.Citation
			fmt.Fprintf(&b, "%s%s %s %s", pad, st.faint(l.Label+":"), c.Cite(), c.Doc)
			for i, q := range l.Quotes {
				if i == 0 {
					b.WriteString(" — ")
				} else {
					b.WriteString(" … ")
				}
				b.WriteString(indentLines(st.quote(q), len(pad)+len(l.Label)+2))
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, wrap(b.String(), st.width))
	return err
}

// writeAnalysis shows how ask read a question (--explain).
func writeAnalysis(b *strings.Builder, q *index.Question) {
	var parts []string
	if q.Type != "" {
		parts = append(parts, "answer: "+q.Type)
	}
	if len(q.Counted) > 0 {
		parts = append(parts, "counting: "+strings.Join(q.Counted, " "))
	}
	if q.YesNo {
		parts = append(parts, "yes/no")
	}
	if q.Speaker != "" {
		parts = append(parts, "words of: "+q.Speaker)
	}
	for _, e := range q.Entities {
		parts = append(parts, fmt.Sprintf("entity: %s (%s)", e.Word, e.ID))
	}
	for _, d := range q.Dates {
		parts = append(parts, "date: "+d.Word)
	}
	for _, f := range q.Future {
		parts = append(parts, "after the sources: "+f)
	}
	for _, t := range q.Terms {
		forms := append([]string{t.Stem}, t.Alts...)
		for _, ph := range t.Phrases {
			forms = append(forms, strings.Join(ph, " "))
		}
		known := ""
		if !t.Known {
			known = ", not in the sources"
		}
		parts = append(parts, fmt.Sprintf("term: %s [%s] weight %.2f%s", t.Word, strings.Join(forms, "|"), t.Weight, known))
	}
	if len(parts) == 0 {
		parts = append(parts, "no word to search for")
	}
	fmt.Fprintf(b, "Read as: %s\n", strings.Join(parts, "; "))
}
