package bot_test

import (
	"testing"

	"github.com/dossier/dossier/bot"
)

// TestClean checks that invisible characters inside a word are removed,
// not turned into spaces that split it, and that white space stays white
// space.
func TestClean(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Blin\u200bken", "Blinken"}, // zero-width space
		{"Psa\x1bki", "Psaki"},       // a lone escape
		{"who said\x07\x1b[31m deter\x00 future", "who said deter future"}, // bell, colour, NUL
		{"\x1b]0;title\x07Kirby", "Kirby"},                                 // a terminal title
		{"\u202eKirby\u202c", "Kirby"},                                     // bidirectional override
		{"who\tsaid\nit", "who said it"},                                   // white space folds
		{"ｋｉｒｂｙ", "kirby"},                                                 // full width
		{"bad\xffbyte", "bad byte"},                                        // invalid UTF-8
		{"hi <@123456> @everyone", "hi"},                                   // mentions
	}
	for _, tt := range tests {
		if got := bot.Clean(tt.in); got != tt.want {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
