// Package discord is Dossier's Discord front end: application command
// definitions, the interaction handler shared by the gateway and the HTTP
// interactions endpoint, and the rendering of answers into embeds within
// Discord's limits.
package discord

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
)

// pageBudget leaves room under MaxTotal for the header embed's footer and
// rounding, so a page never exceeds the limit. A header is at most
// maxHeaderSize and a result at most maxResultSize, so any page holds its
// header and at least one result.
const (
	pageBudget    = 5600
	maxHeaderSize = 1600
	maxResultSize = 2000
)

const colour = 0x4F6D7A

// noMentions is set on every message: text from a question or a source can
// never ping @everyone, a role or a user.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// fit shortens s to at most n characters at a word boundary, marking the
// cut with "…" so a quote is never silently cut mid-word.
func fit(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := string([]rune(s)[:n-4]) // room for a closing "**" and " …"
	if i := strings.LastIndexAny(cut, " \n"); i > len(cut)/2 {
		cut = cut[:i]
	}
	// Never leave a dangling escape or half a bold marker.
	cut = strings.TrimRight(cut, `\*`)
	if strings.Count(cut, "**")%2 == 1 {
		cut += "**"
	}
	// A quotation cut short still closes after the ellipsis.
	closing := ""
	if strings.Count(cut, "“") > strings.Count(cut, "”") {
		closing += "”"
	}
	if strings.Count(cut, `"`)%2 == 1 {
		closing += `"`
	}
	return cut + " …" + closing
}

// Title returns the heading of an answer's reply, worded by its command's
// entry in the command table. The handler, which holds the table, uses
// titleOf instead of building the table again.
func Title(a *bot.Answer) string {
	for _, c := range bot.Commands() {
		if c.Name == a.Command {
			return titleOf(&c, a)
		}
	}
	return titleOf(nil, a)
}

// titleOf titles an answer of command c (nil if not in the table).
func titleOf(c *bot.Command, a *bot.Answer) string {
	if c == nil {
		return a.Command
	}
	return c.Title(EscapeMarkdown(a.Query))
}

// quoted shows a citation's verbatim words in Markdown, matched words in
// bold, with the quotation marks a cut left open or closed balanced
// (Citation.Balance); n bounds the words' length.
func quoted(c bot.Citation, n int) string {
	lead, trail := c.Balance()
	return lead + fit(Snippet(c), n) + trail
}

// blockQuote quotes text of one or more lines as a Markdown block quote.
func blockQuote(text string) string {
	return "> " + strings.ReplaceAll(text, "\n", "\n> ")
}

// resultEmbed renders one result: its text and details, then each passage
// it cites, once, as a field labelled with what the passage shows.
func resultEmbed(n int, r bot.Result) *discordgo.MessageEmbed {
	text := EscapeMarkdown(r.Text)
	if c, ok := r.Words(); ok {
		open, end := c.Enclosure()
		text = open + quoted(c, 900) + end // the verbatim words, matched words in bold
	}
	var meta []string
	if r.Speaker != "" {
		meta = append(meta, "**Speaker:** "+EscapeMarkdown(r.Speaker))
	}
	if r.Date != "" {
		meta = append(meta, "**Date:** "+r.Date)
	}
	if r.Claimant != "" && r.Casualty != nil {
		meta = append(meta, "**Claimant type:** "+EscapeMarkdown(r.ClaimantLabel))
	}
	if r.Context != "" {
		meta = append(meta, "**Context:** "+EscapeMarkdown(r.Context))
	}
	desc := fmt.Sprintf("**%d.** %s", n, text)
	if len(meta) > 0 {
		desc += "\n" + strings.Join(meta, " · ")
	}
	e := &discordgo.MessageEmbed{Description: fit(desc, 1000), Color: colour}
	size := embedSize(e)
	lines := r.Lines()
	for i, l := range lines {
		c := l.Citation
		value := "the words above, verbatim"
		if len(l.Quotes) > 0 {
			var qs []string
			size := 0
			for j, q := range l.Quotes {
				v := blockQuote(quoted(q, max(400/len(l.Quotes), 80)))
				if size+utf8.RuneCountInString(v) > 800 {
					qs = append(qs, fmt.Sprintf("> … and %d more from this passage", len(l.Quotes)-j))
					break
				}
				qs = append(qs, v)
				size += utf8.RuneCountInString(v) + 1
			}
			value = strings.Join(qs, "\n")
		}
		f := &discordgo.MessageEmbedField{
			Name:  fit(upperFirst(l.Label)+": "+c.Cite()+" "+EscapeMarkdown(c.Doc), 120),
			Value: value,
		}
		n := utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
		if len(e.Fields) == MaxFields-1 || size+n > maxResultSize-60 {
			// Say what was left out rather than drop it silently.
			rest := len(lines) - i
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "More sources", Value: fmt.Sprintf("… and %d more %s", rest, bot.Plural(rest, "citation", "citations"))})
			break
		}
		e.Fields = append(e.Fields, f)
		size += n
	}
	return e
}

// upperFirst capitalises a label's first letter.
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[size:]
}

// Pages splits an answer into pages of embeds, each page within Discord's
// limits: at most MaxEmbeds embeds and pageBudget characters.
func Pages(a *bot.Answer) [][]*discordgo.MessageEmbed { return pages(a, Title(a)) }

// pages splits an answer titled title into pages.
func pages(a *bot.Answer, title string) [][]*discordgo.MessageEmbed {
	text := EscapeMarkdown(a.Text)
	if p := a.Pointer("/"); p != "" {
		text += "\n" + EscapeMarkdown(p)
	}
	header := func() *discordgo.MessageEmbed {
		return &discordgo.MessageEmbed{
			Title:       fit(title, MaxTitle),
			Description: fit(text, maxHeaderSize-MaxTitle),
			Color:       colour,
		}
	}
	var pages [][]*discordgo.MessageEmbed
	cur := []*discordgo.MessageEmbed{header()}
	size := embedSize(cur[0])
	for i, r := range a.Results {
		e := resultEmbed(i+1, r)
		s := embedSize(e)
		if len(cur) > 1 && (len(cur) == MaxEmbeds || size+s > pageBudget) {
			pages = append(pages, cur)
			cur = []*discordgo.MessageEmbed{header()}
			size = embedSize(cur[0])
		}
		cur = append(cur, e)
		size += s
	}
	pages = append(pages, cur)
	for i, p := range pages {
		if len(pages) > 1 {
			p[0].Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Page %d of %d", i+1, len(pages))}
		}
	}
	return pages
}

// Message renders page p of an answer (clamped to the pages there are) with
// Previous/Next buttons when there are several pages and key (the command
// and its arguments) fits in a custom_id.
func Message(a *bot.Answer, p int, key string) *discordgo.InteractionResponseData {
	return message(a, p, key, Title(a))
}

// message renders page p of an answer titled title.
func message(a *bot.Answer, p int, key, title string) *discordgo.InteractionResponseData {
	all := pages(a, title)
	p = max(0, min(p, len(all)-1))
	d := &discordgo.InteractionResponseData{Embeds: all[p], AllowedMentions: noMentions()}
	if a.NotCovered {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	if len(all) > 1 {
		prev, next := pageID(p-1, key), pageID(p+1, key)
		if len(prev) <= MaxCustomID && len(next) <= MaxCustomID {
			d.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "Previous", Style: discordgo.SecondaryButton, CustomID: prev, Disabled: p == 0},
				discordgo.Button{Label: "Next", Style: discordgo.PrimaryButton, CustomID: next, Disabled: p == len(all)-1},
			}}}
		} else {
			last := all[p][0]
			last.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Page 1 of %d — narrow the filters to see the rest", len(all))}
		}
	}
	return d
}

// Notice is a short reply only the asker sees: an error, a cooldown, a
// "not covered".
func Notice(text string) *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{
		Content:         fit(EscapeMarkdown(text), MaxContent),
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: noMentions(),
	}
}
