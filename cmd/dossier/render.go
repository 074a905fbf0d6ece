package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/discord"
)

// print writes an answer as JSON or as text for a terminal.
func (o *options) print(a *bot.Answer) error {
	if o.json {
		return renderJSON(o.stdout, a)
	}
	return renderText(o.stdout, a)
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
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// plain renders a citation's quote for a terminal: verbatim, with the
// words that matched between ** (readable without any Markdown).
func plain(c bot.Citation) string {
	var b strings.Builder
	pos := 0
	for _, m := range c.Marks {
		if m.Start < pos || m.End > len(c.Quote) || m.Start >= m.End {
			continue
		}
		b.WriteString(c.Quote[pos:m.Start] + "**" + c.Quote[m.Start:m.End] + "**")
		pos = m.End
	}
	b.WriteString(c.Quote[pos:])
	return b.String()
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
			text = plain(*first)
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
			fmt.Fprintf(&b, "   %s %s: “%s”\n", c.Cite(), c.Doc, plain(c))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
