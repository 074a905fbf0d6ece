package main

import (
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"
)

// defaultWidth is the width text is wrapped to when the output is not a
// terminal, or the terminal does not say how wide it is.
const defaultWidth = 80

// isTerminal reports whether w is a terminal and, if so, how wide.
func (o *options) isTerminal(w io.Writer) (width int, ok bool) {
	if o.terminal != nil {
		return o.terminal(w)
	}
	if c, ok := w.(*countingWriter); ok {
		w = c.w
	}
	f, isFile := w.(*os.File)
	if !isFile || !term.IsTerminal(int(f.Fd())) {
		return 0, false
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width <= 0 {
		width = defaultWidth
	}
	return width, true
}

// style is how text is shown on the standard output: the width to wrap
// it to (0: none), and whether emphasis is drawn with ANSI escapes.
type style struct {
	width int
	color bool
}

// outputStyle decides how to show text on the standard output: on a
// terminal, wrapped to its width, with ANSI emphasis unless NO_COLOR is set
// (https://no-color.org) or TERM is dumb; piped or redirected, plain and
// unwrapped, one line per line of the answer, for other programs.
func (o *options) outputStyle() style {
	width, tty := o.isTerminal(o.stdout)
	if !tty {
		return style{}
	}
	color := o.getenv == nil || (o.getenv("NO_COLOR") == "" && o.getenv("TERM") != "dumb")
	return style{width: width, color: color}
}

// visibleLen counts the runes of s a terminal shows, leaving out ANSI
// escape sequences.
func visibleLen(s string) int { return utf8.RuneCountInString(stripANSI(s)) }

// wrap breaks each line of text at spaces so that no line is wider than
// width; a wrapped line continues under its first word after any leading
// spaces, list number ("12. ") or label ("   source: ").
func wrap(text string, width int) string {
	if width <= 0 {
		return text
	}
	lines := strings.Split(text, "\n")
	var out []string
	for _, l := range lines {
		out = append(out, wrapLine(l, width)...)
	}
	return strings.Join(out, "\n")
}

func wrapLine(line string, width int) []string {
	if visibleLen(line) <= width {
		return []string{line}
	}
	indent := strings.Repeat(" ", hangingIndent(line))
	if len(indent) > width/2 {
		indent = ""
	}
	var out []string
	lead := len(line) - len(strings.TrimLeft(line, " "))
	cur, curLen := line[:lead], lead
	first := true
	for _, w := range strings.Fields(line[lead:]) {
		wl := visibleLen(w)
		switch {
		case first:
			cur += w
			curLen += wl
			first = false
		case curLen+1+wl > width:
			next := indent + w
			// A figure opening an unindented line ("3. Each figure …")
			// would read as a list item: the word before it goes along.
			if i := strings.LastIndexByte(cur, ' '); indent == "" && listNumber(w) && i > lead {
				cur, next = cur[:i], cur[i+1:]+" "+w
			}
			out = append(out, cur)
			cur, curLen = next, visibleLen(next)
		default:
			cur += " " + w
			curLen += 1 + wl
		}
	}
	return append(out, cur)
}

// hangingIndent is the column where the text of a list item or labelled
// line starts.
func hangingIndent(line string) int {
	line = stripANSI(line)
	lead := len(line) - len(strings.TrimLeft(line, " "))
	rest := line[lead:]
	// "12. text"
	if i := strings.Index(rest, ". "); i > 0 && i <= 3 && strings.Trim(rest[:i], "0123456789") == "" {
		return lead + i + 2
	}
	// "source: text", a label of one to a few words ending in a colon.
	if i := strings.Index(rest, ": "); i > 0 && utf8.RuneCountInString(rest[:i]) <= 16 && !strings.ContainsAny(rest[:i], "\"“[") {
		return lead + utf8.RuneCountInString(rest[:i]) + 2
	}
	return lead
}

// stripANSI removes ANSI escape sequences from s.
func stripANSI(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '\x1b')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], 'm')
		if j < 0 {
			return b.String()
		}
		s = s[i+j+1:]
	}
}

// listNumber reports whether a word is a figure closed by "." or ")", as
// a list item's number is written ("3.", "12)").
func listNumber(w string) bool {
	w = stripANSI(w)
	if len(w) < 2 || (w[len(w)-1] != '.' && w[len(w)-1] != ')') {
		return false
	}
	for _, r := range w[:len(w)-1] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
