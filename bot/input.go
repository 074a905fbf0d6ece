package bot

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// InputError is a problem with what the user asked, with a message meant
// for them.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// IsInputError reports whether err is the user's to fix.
func IsInputError(err error) bool {
	var ie *InputError
	return errors.As(err, &ie)
}

func inputErrorf(format string, args ...any) error {
	return &InputError{Msg: fmt.Sprintf(format, args...)}
}

// link matches a web address, which names no one in the sources.
var link = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+`)

// escape matches a terminal's escape sequences: CSI ("\x1b[31m") and OSC
// ("\x1b]0;title\x07"). A lone escape character is removed with the other
// control characters.
var escape = regexp.MustCompile(`\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)?`)

// mention matches Discord mention syntax: users, roles, channels,
// @everyone and @here. It names no one in the sources, so it is dropped.
var mention = regexp.MustCompile(`<(@[!&]?|#)\d+>|@(everyone|here)\b`)

// Clean makes user text safe to process: invalid UTF-8 becomes a space;
// terminal escape sequences ("\x1b[31m"), control characters other than
// white space, and invisible format characters (zero-width spaces,
// bidirectional overrides) are removed, so "Blin\u200bken" is "Blinken";
// Discord mentions are dropped, runs of white space fold to one, and the
// ends are trimmed. Compatibility forms are folded (Unicode NFKC), so
// full-width "ｋｉｒｂｙ" is "kirby".
func Clean(s string) string {
	s = norm.NFKC.String(strings.ToValidUTF8(s, " "))
	s = escape.ReplaceAllString(s, "")
	s = mention.ReplaceAllString(s, " ")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError:
			return ' '
		case unicode.IsSpace(r):
			return r
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// echo quotes user text back in a message, cleaned and shortened, so a
// long or hostile input cannot flood the reply.
func echo(s string) string {
	return "“" + shorten(Clean(s), 60) + "”"
}

// shorten cuts s to n characters, the last of them "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) > n {
		return strings.TrimSpace(string([]rune(s)[:n-1])) + "…"
	}
	return s
}

// someWords keeps a reply that names the user's words short, however many
// and however long they are: five words at most, each cut to 30
// characters, then how many more there are.
func someWords(words []string) []string {
	out := make([]string, 0, min(len(words), 6))
	for i, w := range words {
		if i == 5 {
			out = append(out, fmt.Sprintf("%d more", len(words)-i))
			break
		}
		out = append(out, shorten(w, 30))
	}
	return out
}

// tooLong rejects an option longer than n characters.
func tooLong(what, s string, n int) error {
	if c := utf8.RuneCountInString(s); c > n {
		return inputErrorf("That %s is %d characters long; keep it to %d or fewer.", what, c, n)
	}
	return nil
}
