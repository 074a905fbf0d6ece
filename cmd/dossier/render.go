package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dossier/dossier/bot"
)

// print writes an answer as JSON or as text for a terminal.
func (o *options) print(a *bot.Answer) error {
	if o.json {
		return o.printJSON(a)
	}
	return renderText(o.stdout, a)
}

// printJSON writes v as indented JSON, leaving <, > and & as they are.
func (o *options) printJSON(v any) error {
	enc := json.NewEncoder(o.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
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
