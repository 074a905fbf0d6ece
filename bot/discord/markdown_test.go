package discord_test

import (
	"strings"
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/discord"
)

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"@everyone", "@\u200beveryone"},
		{"<@&123>", `\<@` + "\u200b" + `&123\>`},
		{"**bold** _x_ `code`", `\*\*bold\*\* \_x\_ ` + "\\`code\\`"},
		{"#Iraq & [link](x)", `\#Iraq & \[link\](x)`},
	}
	for _, tt := range tests {
		if got := discord.EscapeMarkdown(tt.in); got != tt.want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSnippet(t *testing.T) {
	tests := []struct {
		quote string
		marks []bot.Span
		want  string
	}{
		{"no marks *here*", nil, `no marks \*here\*`},
		{"deter future action now", []bot.Span{{Start: 0, End: 19}}, "**deter future action** now"},
		{"a_b and c", []bot.Span{{Start: 0, End: 3}, {Start: 8, End: 9}}, `**a\_b** and **c**`},
		{"out of range", []bot.Span{{Start: 4, End: 99}}, "out of range"},
	}
	for _, tt := range tests {
		if got := discord.Snippet(bot.Citation{Quote: tt.quote, Marks: tt.marks}); got != tt.want {
			t.Errorf("Snippet(%q, %v) = %q, want %q", tt.quote, tt.marks, got, tt.want)
		}
	}
}

// TestMessagePointer shows the command an answer points to in the reply's
// header, written as a slash command.
func TestMessagePointer(t *testing.T) {
	a := &bot.Answer{Command: "ask", Query: "timeline pls", Text: "1 cited answer from 1 source.", See: "timeline", Results: []bot.Result{}}
	got := discord.Message(a, 0, "").Embeds[0].Description
	if !strings.Contains(got, "See also /timeline: events in date order") {
		t.Errorf("Message(%q).Embeds[0].Description = %q, want a pointer to /timeline", a.Query, got)
	}
	a.See = ""
	if got := discord.Message(a, 0, "").Embeds[0].Description; strings.Contains(got, "See also") {
		t.Errorf("Message(%q) without See: Description = %q, want no pointer", a.Query, got)
	}
}
