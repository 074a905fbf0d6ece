package discord

import (
	"strings"

	"github.com/dossier/dossier/bot"
)

var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, `*`, `\*`, `_`, `\_`, "`", "\\`", `~`, `\~`, `|`, `\|`,
	`>`, `\>`, `<`, `\<`, `#`, `\#`, `[`, `\[`, `]`, `\]`, `@`, "@\u200b",
)

// EscapeMarkdown escapes the characters Discord's Markdown gives meaning to,
// and breaks "@" so text can never read as a mention even where
// allowed_mentions is not honoured.
func EscapeMarkdown(s string) string { return markdownEscaper.Replace(s) }

// Snippet renders a citation's quote in Discord Markdown: the words that
// matched in bold, every other Markdown character escaped, so source text
// cannot format or link.
func Snippet(c bot.Citation) string {
	var b strings.Builder
	pos := 0
	for _, m := range c.Marks {
		if m.Start < pos || m.End > len(c.Quote) || m.Start >= m.End {
			continue // not a span of this quote: show the words plain
		}
		b.WriteString(EscapeMarkdown(c.Quote[pos:m.Start]))
		b.WriteString("**" + EscapeMarkdown(c.Quote[m.Start:m.End]) + "**")
		pos = m.End
	}
	b.WriteString(EscapeMarkdown(c.Quote[pos:]))
	return b.String()
}
