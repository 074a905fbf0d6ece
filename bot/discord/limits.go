package discord

import (
	"fmt"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
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
