package main

import (
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier/dossier/bot/bottest"
)

// TestOutputStyle checks how answers look on a terminal (ANSI emphasis,
// wrapped to its width), with NO_COLOR or TERM=dumb (plain, wrapped) and
// piped (plain, unwrapped, as the goldens).
func TestOutputStyle(t *testing.T) {
	args := []string{"ask", "Who said the strikes would deter future action?"}
	piped, _, err := runCLI(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	const width = 60
	tests := []struct {
		name  string
		tty   bool
		env   map[string]string
		color bool
	}{
		{"terminal", true, nil, true},
		{"NO_COLOR", true, map[string]string{"NO_COLOR": "1"}, false},
		{"dumb terminal", true, map[string]string{"TERM": "dumb"}, false},
		{"piped", false, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &options{
				terminal: func(io.Writer) (int, bool) { return width, tt.tty },
				getenv:   func(k string) string { return tt.env[k] },
			}
			out, _, err := runWith(t, o, args...)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(out, "**") {
				t.Errorf("output shows Markdown bold:\n%s", out)
			}
			if got := strings.Contains(out, "\x1b[1m"); got != tt.color {
				t.Errorf("ANSI bold in output = %v, want %v:\n%q", got, tt.color, out)
			}
			if !tt.color && strings.Contains(out, "\x1b") {
				t.Errorf("plain output has escape sequences: %q", out)
			}
			if !tt.tty {
				if out != piped {
					t.Errorf("piped output differs from the golden form:\n%s\nwant\n%s", out, piped)
				}
				return
			}
			// On a terminal, lines fit its width, and wrapping loses no
			// word: the text is the piped text, broken differently.
			for _, l := range strings.Split(out, "\n") {
				if n := visibleLen(l); n > width {
					t.Errorf("line of %d characters on a %d-column terminal: %q", n, width, l)
				}
			}
			if got, want := strings.Fields(stripANSI(out)), strings.Fields(piped); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("wrapped text differs from the piped text:\n%s\nwant the words of\n%s", out, piped)
			}
		})
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"short line", 20, "short line"},
		{"1. one two three four five six", 14, "1. one two\n   three four\n   five six"},
		{"   source: [003 §2] 003.txt — “On June 27”", 24, "   source: [003 §2]\n           003.txt — “On\n           June 27”"},
		{"\x1b[2msource:\x1b[22m aaa bbb ccc ddd eee", 20, "\x1b[2msource:\x1b[22m aaa bbb ccc\n        ddd eee"},
		{"averyveryverylongword next", 10, "averyveryverylongword\nnext"},
		{"a b\n\nc d", 3, "a b\n\nc d"},
		{"unwrapped line", 0, "unwrapped line"},
		// A figure opening an unindented line would read as a list item.
		{"claims of deaths: 3. Each figure", 18, "claims of\ndeaths: 3. Each\nfigure"},
		{"1. a list item: 3. b", 16, "1. a list item:\n   3. b"}, // indented, it reads as the item's text
	}
	for _, tt := range tests {
		if got := wrap(tt.in, tt.width); got != tt.want {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

var (
	citeLine = regexp.MustCompile(`(?s)^   (source|attributed in|also in|in answer to): (\[[^\]]+\]) \S+\.txt( — “.*”)?$`)
	bareCite = regexp.MustCompile(`^\s+\[[^\]]+ §\d+\]`)
	// item starts a line of a result: its number, or a labelled detail.
	item = regexp.MustCompile(`^(\d+\. |   [a-z ]+: )`)
)

// logicalLines joins the lines a quotation of several paragraphs spreads
// over to the line they continue.
func logicalLines(block string) []string {
	var out []string
	for _, l := range strings.Split(block, "\n") {
		if len(out) > 0 && !item.MatchString(l) && strings.HasPrefix(l, "   ") {
			out[len(out)-1] += "\n" + l
			continue
		}
		out = append(out, l)
	}
	return out
}

// TestOneCitationPerPassage runs every command over the embedded data and
// checks each result: every citation labelled, each passage cited once,
// quotation marks balanced on every line (a quotation of several
// paragraphs counting as one).
func TestOneCitationPerPassage(t *testing.T) {
	runs := [][]string{
		{"timeline", "--all"}, {"casualties"}, {"casualties", "2021-06-27"}, {"casualties", "Camp", "Taji"},
		{"who-said", "Blinken"}, {"who-said", "Psaki"}, {"who-said", "Kirby"}, {"who-said", "--quote", "deterrent message"},
		{"summary"}, {"summary", "--topic", "reactions"}, {"summary", "--topic", "casualties"}, {"summary", "--topic", "legal"},
		{"sources"}, {"ask", "Who said the strikes would deter future action?"}, {"ask", "--limit", "10", "What did Blinken say?"},
		{"ask", "--limit", "10", "How many people died in the June 2021 strikes?"},
	}
	answered := 0
	for _, args := range runs {
		out, _, err := runCLI(t, args...)
		if err != nil {
			t.Fatalf("run(%q): %v", args, err)
		}
		for _, block := range strings.Split(out, "\n\n") {
			seen := map[string]bool{}
			for _, l := range logicalLines(block) {
				if strings.HasPrefix(l, "   ") && !item.MatchString(l) {
					t.Errorf("%q: line %q continues nothing", args, l)
				}
				if !bottest.Balanced(l) {
					t.Errorf("%q: unbalanced quotation marks in %q", args, l)
				}
				if bareCite.MatchString(l) {
					t.Errorf("%q: unlabelled citation %q", args, l)
				}
				if strings.HasPrefix(l, "   in answer to: ") {
					answered++
				}
				m := citeLine.FindStringSubmatch(l)
				if m == nil {
					continue
				}
				if seen[m[2]] {
					t.Errorf("%q: passage %s cited twice in one result:\n%s", args, m[2], block)
				}
				seen[m[2]] = true
			}
		}
	}
	if answered == 0 {
		t.Errorf("no strike's citation was labelled \"in answer to\"")
	}
}

// TestDetailsUnderText checks that a result's details line up under its
// text past its number, however wide: four spaces after "10. ".
func TestDetailsUnderText(t *testing.T) {
	out, _, err := runCLI(t, "timeline")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, block := range strings.Split(out, "\n\n") {
		lines := strings.Split(block, "\n")
		num, _, ok := strings.Cut(lines[0], ". ")
		if !ok || len(lines) < 2 || strings.ContainsAny(num, " \t") {
			continue
		}
		want := strings.Repeat(" ", len(num)+2)
		for _, l := range lines[1:] {
			if l == "" {
				continue // the output's end
			}
			if !strings.HasPrefix(l, want) || l[len(want)] == ' ' {
				t.Errorf("timeline: result %s detail line %q, want it indented %d spaces", num, l, len(want))
			}
		}
		checked++
	}
	if checked < 10 {
		t.Errorf("timeline: %d results checked, want 10 or more", checked)
	}
}
