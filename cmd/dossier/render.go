package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/index"
)

// print writes an answer as JSON or as text for a terminal.
func (o *options) print(a *bot.Answer) error {
	if o.json {
		enc := json.NewEncoder(o.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(a)
	}
	return renderText(o.stdout, a)
}

// renderText writes the human form of an answer: a heading, then each
// result with its details and citations.
func renderText(w io.Writer, a *bot.Answer) error {
	var b strings.Builder
	if a.Query != "" {
		fmt.Fprintf(&b, "Q: %s\n", a.Query)
	}
	if a.Text != "" {
		fmt.Fprintf(&b, "%s\n", a.Text)
	}
	if a.Analysis != nil {
		writeAnalysis(&b, a.Analysis)
	}
	section := ""
	for i, r := range a.Results {
		b.WriteString("\n")
		if r.Section != "" && r.Section != section {
			section = r.Section
			fmt.Fprintf(&b, "## %s\n\n", section)
		}
		text := r.Text
		var first *bot.Citation
		if len(r.Citations) > 0 {
			first = &r.Citations[0]
		}
		quoteShown := first != nil && first.Quote == r.Text
		if quoteShown {
			text = first.Plain
		}
		fmt.Fprintf(&b, "%d. %s\n", i+1, text)
		if r.Speaker != "" {
			fmt.Fprintf(&b, "   speaker: %s\n", r.Speaker)
		}
		if r.Date != "" && a.Command != "sources" {
			fmt.Fprintf(&b, "   date: %s\n", r.Date)
		}
		if r.Context != "" {
			fmt.Fprintf(&b, "   context: %s\n", r.Context)
		}
		if r.Explain != nil {
			fmt.Fprintf(&b, "   why: %s\n", r.Explain)
		}
		for j, c := range r.Citations {
			if j == 0 && quoteShown {
				fmt.Fprintf(&b, "   %s %s\n", c.Cite(), c.Doc)
				continue
			}
			fmt.Fprintf(&b, "   %s %s: “%s”\n", c.Cite(), c.Doc, c.Plain)
		}
	}
	_, err := io.WriteString(w, b.String())
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
	for _, t := range q.Terms {
		forms := append([]string{t.Stem}, t.Alts...)
		for _, ph := range t.Phrases {
			forms = append(forms, strings.Join(ph, " "))
		}
		parts = append(parts, fmt.Sprintf("term: %s [%s] weight %.2f", t.Word, strings.Join(forms, "|"), t.Weight))
	}
	fmt.Fprintf(b, "Read as: %s\n", strings.Join(parts, "; "))
}
