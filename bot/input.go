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

// link matches a web address, which names no one in the sources; it
// stops before a bracket, so "(see www.x.com)" keeps its ")".
var link = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s()<>\[\]]+`)

// mdLink matches a Markdown link to a web address, "[text](url)": its
// text stays, the address goes.
var mdLink = regexp.MustCompile(`(?i)\[([^\[\]]*)\]\(\s*(?:https?://|www\.)[^()\s]*\)`)

// escape matches a terminal's escape sequences: CSI ("\x1b[31m", or its
// one-character form "\u009b31m") and a terminated OSC ("\x1b]0;title\x07").
// A lone escape character, or an OSC never ended, loses only its control
// characters, with the others: the words after it stay.
var escape = regexp.MustCompile(`(\x1b\[|\x{9b})[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,200}(\x07|\x1b\\)`)

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
	if strings.ContainsAny(s, "\x1b\u009b") { // rare: spare the regexp
		s = escape.ReplaceAllString(s, "")
	}
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

// someWords lists the user's words in a reply, kept short however many
// and however long they are: five at most, each cut to 30 characters and
// put as show puts it (quoted, or capitalized as a name), then how many
// more there are, joined with conj.
func someWords(words []string, show func([]string) []string, conj string) string {
	shown := make([]string, 0, min(len(words), 5))
	for _, w := range words[:min(len(words), 5)] {
		shown = append(shown, shorten(w, 30))
	}
	shown = show(shown)
	if n := len(words) - len(shown); n > 0 {
		shown = append(shown, fmt.Sprintf("%d more", n))
	}
	return joinList(shown, conj)
}

// tooLong rejects an option longer than n characters.
func tooLong(what, s string, n int) error {
	if c := utf8.RuneCountInString(s); c > n {
		return inputErrorf("That %s is %d characters long; keep it to %d or fewer.", what, c, n)
	}
	return nil
}
