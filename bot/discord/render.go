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

// Discord's message limits, in characters.
const (
	MaxContent    = 2000
	MaxTitle      = 256
	MaxDesc       = 4096
	MaxFields     = 25
	MaxFieldName  = 256
	MaxFieldValue = 1024
	MaxFooter     = 2048
	MaxTotal      = 6000 // across all embeds of one message
	MaxEmbeds     = 10
	MaxCustomID   = 100
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
	return cut + " …"
}

// embedSize counts the characters Discord counts toward the 6,000 total.
func embedSize(e *discordgo.MessageEmbed) int {
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
	if e.Footer != nil {
		n += utf8.RuneCountInString(e.Footer.Text)
	}
	if e.Author != nil {
		n += utf8.RuneCountInString(e.Author.Name)
	}
	for _, f := range e.Fields {
		n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
	}
	return n
}

// Title returns the heading of an answer's reply.
func Title(a *bot.Answer) string {
	q := EscapeMarkdown(a.Query)
	switch a.Command {
	case "ask":
		return q
	case "timeline":
		if q == "" {
			return "Timeline"
		}
		return "Timeline — " + q
	case "who-said":
		return "Who said: " + q
	case "casualties":
		if q == "" {
			return "Casualty claims"
		}
		return "Casualty claims — " + q
	case "summary":
		return "Summary — " + q
	case "sources":
		return "Sources"
	}
	return a.Command
}

// resultEmbed renders one result: its text and details, then each
// citation as a field with its snippet.
func resultEmbed(n int, r bot.Result) *discordgo.MessageEmbed {
	text := EscapeMarkdown(r.Text)
	first := 0
	if len(r.Citations) > 0 && r.Citations[0].Quote == r.Text {
		text = Snippet(r.Citations[0]) // the verbatim words, matched words in bold
	}
	var meta []string
	if r.Speaker != "" {
		meta = append(meta, "**Speaker:** "+EscapeMarkdown(r.Speaker))
	}
	if r.Date != "" {
		meta = append(meta, "**Date:** "+r.Date)
	}
	if r.Claimant != "" && r.Casualty != nil {
		meta = append(meta, "**Claimant type:** "+EscapeMarkdown(r.ClaimantType))
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
	for i, c := range r.Citations[first:] {
		value := "> " + fit(Snippet(c), 400)
		if i == 0 && c.Quote == r.Text {
			value = "the words above, verbatim"
		}
		f := &discordgo.MessageEmbedField{
			Name:  fit(c.Cite()+" "+EscapeMarkdown(c.Doc), 120),
			Value: value,
		}
		n := utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
		if len(e.Fields) == MaxFields-1 || size+n > maxResultSize-60 {
			// Say what was left out rather than drop it silently.
			rest := len(r.Citations) - first - i
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "More sources", Value: fmt.Sprintf("… and %d more %s", rest, bot.Plural(rest, "citation", "citations"))})
			break
		}
		e.Fields = append(e.Fields, f)
		size += n
	}
	return e
}

// Pages splits an answer into pages of embeds, each page within Discord's
// limits: at most MaxEmbeds embeds and pageBudget characters.
func Pages(a *bot.Answer) [][]*discordgo.MessageEmbed {
	header := func() *discordgo.MessageEmbed {
		return &discordgo.MessageEmbed{
			Title:       fit(Title(a), MaxTitle),
			Description: fit(EscapeMarkdown(a.Text), maxHeaderSize-MaxTitle),
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
	pages := Pages(a)
	p = max(0, min(p, len(pages)-1))
	d := &discordgo.InteractionResponseData{Embeds: pages[p], AllowedMentions: noMentions()}
	if a.NotCovered {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	if len(pages) > 1 {
		prev, next := pageID(p-1, key), pageID(p+1, key)
		if len(prev) <= MaxCustomID && len(next) <= MaxCustomID {
			d.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "Previous", Style: discordgo.SecondaryButton, CustomID: prev, Disabled: p == 0},
				discordgo.Button{Label: "Next", Style: discordgo.PrimaryButton, CustomID: next, Disabled: p == len(pages)-1},
			}}}
		} else {
			last := pages[p][0]
			last.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Page 1 of %d — narrow the filters to see the rest", len(pages))}
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

// CheckLimits reports the first way a reply breaks Discord's message limits.
func CheckLimits(d *discordgo.InteractionResponseData) error {
	count := utf8.RuneCountInString
	if n := count(d.Content); n > MaxContent {
		return fmt.Errorf("content is %d characters, over %d", n, MaxContent)
	}
	if len(d.Embeds) > MaxEmbeds {
		return fmt.Errorf("%d embeds, over %d", len(d.Embeds), MaxEmbeds)
	}
	total := 0
	for i, e := range d.Embeds {
		switch {
		case count(e.Title) > MaxTitle:
			return fmt.Errorf("embed %d title is %d characters, over %d", i, count(e.Title), MaxTitle)
		case count(e.Description) > MaxDesc:
			return fmt.Errorf("embed %d description is %d characters, over %d", i, count(e.Description), MaxDesc)
		case len(e.Fields) > MaxFields:
			return fmt.Errorf("embed %d has %d fields, over %d", i, len(e.Fields), MaxFields)
		case e.Footer != nil && count(e.Footer.Text) > MaxFooter:
			return fmt.Errorf("embed %d footer is over %d characters", i, MaxFooter)
		}
		for j, f := range e.Fields {
			if f.Name == "" || f.Value == "" || count(f.Name) > MaxFieldName || count(f.Value) > MaxFieldValue {
				return fmt.Errorf("embed %d field %d is empty or too long (name %d, value %d)", i, j, count(f.Name), count(f.Value))
			}
		}
		total += embedSize(e)
	}
	if total > MaxTotal {
		return fmt.Errorf("embeds total %d characters, over %d", total, MaxTotal)
	}
	for _, row := range d.Components {
		if ar, ok := row.(discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if b, ok := c.(discordgo.Button); ok && len(b.CustomID) > MaxCustomID {
					return fmt.Errorf("custom_id %q is over %d characters", b.CustomID, MaxCustomID)
				}
			}
		}
	}
	return nil
}
