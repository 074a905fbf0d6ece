package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dossier/dossier/bot"
)

// runWith runs the program in-process with o's streams and environment
// filled in where o leaves them empty.
func runWith(t *testing.T, o *options, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	o.stdout, o.stderr = &out, &errb
	if o.getenv == nil {
		o.getenv = func(string) string { return "" }
	}
	err := runOptions(t.Context(), args, o)
	return out.String(), errb.String(), err
}

func TestVersion(t *testing.T) {
	out, _, err := runCLI(t, "--version")
	if err != nil {
		t.Fatal(err)
	}
	want := "dossier " + bot.Build().String() + "\n"
	if out != want || !strings.Contains(out, "go1.") {
		t.Errorf("dossier --version = %q, want %q", out, want)
	}
}

func TestCheckJSON(t *testing.T) {
	out, _, err := runCLI(t, "check", "--json")
	if err != nil {
		t.Fatalf("check --json: %v", err)
	}
	var r checkReport
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Command != "check" || !r.OK || r.Problems == nil || len(r.Problems) != 0 {
		t.Errorf("check --json = %q (%v), want ok with an empty problem list", out, err)
	}

	dir := t.TempDir()
	files, _ := filepath.Glob("../../knowledge/*.yaml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(f) == "quotes.yaml" {
			data = bytes.Replace(data, []byte("Iraq reiterates its refusal"), []byte("Iraq repeats its refusal"), 1)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, stderr, err := runCLI(t, "--json", "--knowledge", dir, "check")
	if err == nil || exitCode(err) != 1 {
		t.Fatalf("check --json on a broken quote: err %v, want exit 1", err)
	}
	if stderr != "" {
		t.Errorf("check --json wrote %q on stderr, want the problems in the JSON only", stderr)
	}
	r = checkReport{}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("check --json printed %q: %v", out, err)
	}
	if r.OK || len(r.Problems) != 1 || r.Problems[0].File != "quotes.yaml" || r.Problems[0].Record != "quote rasool-arena" || r.Problems[0].Line == 0 {
		t.Errorf("check --json = %+v, want one problem in quotes.yaml, record quote rasool-arena, with its line", r)
	}
}

// TestJSONErrors checks that with --json an error is printed as JSON on
// standard output too, with its exit status, where the command has JSON
// output, in the one line main prints on stderr.
func TestJSONErrors(t *testing.T) {
	for _, tt := range []struct {
		args    []string
		command string
		exit    int
	}{
		{[]string{"ask", "--json", ""}, "ask", 2},
		{[]string{"--json", "timeline", "--from", "feb 30"}, "timeline", 2},
		{[]string{"casualties", "--json", "2021-13-01"}, "casualties", 2},
		{[]string{"--json", "--corpus", filepath.Join(t.TempDir(), "none"), "ask", "who ordered the strikes"}, "ask", 1},
	} {
		out, _, err := runCLI(t, tt.args...)
		if err == nil || exitCode(err) != tt.exit {
			t.Errorf("dossier %q: err %v, want exit %d", tt.args, err, tt.exit)
			continue
		}
		var e jsonError
		if jerr := json.Unmarshal([]byte(out), &e); jerr != nil || e.Command != tt.command || e.Exit != tt.exit || e.Error != oneLine(err) {
			t.Errorf("dossier %q printed %q (%v), want {command %q, error %q, exit %d}", tt.args, out, jerr, tt.command, oneLine(err), tt.exit)
		}
	}
	// A command with no JSON output refuses --json in plain words only.
	out, _, err := runCLI(t, "--json", "index", "build", "--out", t.TempDir())
	if exitCode(err) != 2 || out != "" {
		t.Errorf("dossier --json index build: out %q, err %v; want nothing printed, exit 2", out, err)
	}
}

// TestJSONNotCovered checks that --json says whether the sources answer,
// so a client need not read it from the text.
func TestJSONNotCovered(t *testing.T) {
	for _, tt := range []struct {
		args    []string
		covered bool
	}{
		{[]string{"ask", "--json", "what did putin say about the strikes"}, false},
		{[]string{"ask", "--json", "who ordered the strikes"}, true},
		{[]string{"who-said", "--json", "Trump"}, false},
	} {
		out, _, err := runCLI(t, tt.args...)
		if err != nil {
			t.Fatalf("dossier %q: %v", tt.args, err)
		}
		var a struct {
			NotCovered *bool           `json:"not_covered"`
			Results    json.RawMessage `json:"results"`
		}
		if err := json.Unmarshal([]byte(out), &a); err != nil {
			t.Fatalf("dossier %q printed %q: %v", tt.args, out, err)
		}
		if got := a.NotCovered == nil; got != tt.covered || !tt.covered && !*a.NotCovered {
			t.Errorf("dossier %q: not_covered %v, want covered %v", tt.args, a.NotCovered, tt.covered)
		}
	}
}

func TestStdin(t *testing.T) {
	for _, tt := range []struct {
		args  []string
		stdin string
		want  []string
	}{
		{[]string{"ask", "-"}, "Who said the strikes would\ndeter future action?\n", []string{"ask", "-"}},
		{[]string{"who-said", "-"}, "Kirby", []string{"who-said", "Kirby"}},
		{[]string{"casualties", "-"}, "Camp Taji\n", []string{"casualties", "Camp", "Taji"}},
		// An option's words, as the command's own are read.
		{[]string{"who-said", "--quote", "-"}, "deter future action", []string{"who-said", "--quote", "deter future action"}},
		{[]string{"eval", "-"}, "cases:\n  - {q: \"Who said the strikes would deter future action?\", want: [\"deter future action\"]}\n", []string{"eval", "EVALFILE"}},
	} {
		o := &options{stdin: strings.NewReader(tt.stdin)}
		got, _, err := runWith(t, o, tt.args...)
		if err != nil {
			t.Fatalf("run(%q) with %q on stdin: %v", tt.args, tt.stdin, err)
		}
		args := tt.want
		switch tt.args[0] {
		case "ask":
			args = []string{"ask", "Who said the strikes would deter future action?"}
		case "eval":
			args = []string{"eval", writeSet(t, tt.stdin)}
		}
		want, _, err := runCLI(t, args...)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("run(%q) with %q on stdin = %q, want %q", tt.args, tt.stdin, got, want)
		}
	}
	// An empty stdin is an empty question.
	_, _, err := runWith(t, &options{stdin: strings.NewReader("")}, "ask", "-")
	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), "Ask a question") {
		t.Errorf("ask - with nothing on stdin: err %v, want exit 2 asking for a question", err)
	}
	// So is a flood: it is read only as far as needed to refuse it, and
	// the refusal claims no length it did not read.
	_, _, err = runWith(t, &options{stdin: io.MultiReader(strings.NewReader(strings.Repeat("strikes ", 100000)))}, "ask", "-")
	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), "more than 64 KB") {
		t.Errorf("ask - with 800 KB on stdin: err %v, want exit 2, more than 64 KB", err)
	}
	_, _, err = runWith(t, &options{stdin: strings.NewReader(strings.Repeat("strikes ", 100))}, "ask", "-")
	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), "That question is 799 characters long; keep it to 300 or fewer") {
		t.Errorf("ask - with 800 characters on stdin: err %v, want exit 2, 799 characters (the last space trimmed), too long", err)
	}
}

// TestProgress checks the indexing progress report: one redrawn line on a
// terminal, plain lines when stderr is a file or a pipe.
func TestProgress(t *testing.T) {
	for _, tty := range []bool{false, true} {
		var errb bytes.Buffer
		o := &options{stderr: &errb, terminal: func(io.Writer) (int, bool) { return 80, tty }}
		p := o.progress(1000)
		for done := 0; done <= 1000; done += 50 {
			p(done, 1000)
		}
		o.endProgress(p)
		got := errb.String()
		if tty {
			if !strings.HasPrefix(got, "\rindexing [") || !strings.Contains(got, "1000/1000") || !strings.HasSuffix(got, "\n") {
				t.Errorf("progress on a terminal = %q, want a redrawn line ending at 1000/1000", got)
			}
			continue
		}
		lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		if strings.Contains(got, "\r") || len(lines) != 11 || lines[10] != strings.TrimSpace(lines[10]) || !strings.HasPrefix(lines[10], "indexing: 1000/1000 passages (100%)") {
			t.Errorf("progress when piped = %q, want 11 plain lines, the last at 1000/1000", got)
		}
	}
}

// TestCompletion checks that shell completion offers values from the
// knowledge base, and never file names, for every option that takes them.
func TestCompletion(t *testing.T) {
	tests := []struct {
		args []string
		want []string // each must be offered
		not  []string // none may be offered
	}{
		{[]string{"who-said", "Kir"}, []string{"John Kirby"}, []string{"Antony Blinken"}},
		{[]string{"who-said", "bink"}, []string{"Antony Blinken"}, nil},
		// Names starting so, not those an alias holds ("Fatah bloc").
		{[]string{"who-said", "Bl"}, []string{"Antony Blinken"}, []string{"Fatah Coalition", "Iran"}},
		{[]string{"casualties", "taji"}, []string{"taji-rocket-attack\t11 March 2020 — Camp Taji base near Baghdad"}, []string{"soleimani-strike"}},
		{[]string{"timeline", "--actor", "kata"}, []string{"Kataib Hezbollah", "Kataib Sayyid al-Shuhada"}, nil},
		{[]string{"timeline", "--place", "Erb"}, []string{"Erbil"}, nil},
		{[]string{"timeline", "--from", "2021-06"}, []string{"2021-06-27\t27 June 2021 — "}, []string{"2020-01-03"}},
		{[]string{"timeline", "--to", "Soleimani"}, []string{"2020-01-03"}, nil},
		{[]string{"summary", "--topic", ""}, []string{"overview", "casualties", "reactions", "legal"}, nil},
		{[]string{"--log-format", ""}, []string{"text", "json"}, []string{"xml"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, _, err := runCLI(t, append([]string{"__complete"}, tt.args...)...)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			directive := lines[len(lines)-1]
			values := lines[:len(lines)-1]
			if directive != ":4" {
				t.Errorf("completion directive = %s, want :4 (no file names)", directive)
			}
			for _, w := range tt.want {
				if !slices.ContainsFunc(values, func(v string) bool { return strings.HasPrefix(v, w) }) {
					t.Errorf("completion of %q = %q, want %q among them", tt.args, values, w)
				}
			}
			for _, n := range tt.not {
				if slices.ContainsFunc(values, func(v string) bool { return strings.HasPrefix(v, n) }) {
					t.Errorf("completion of %q = %q, want no %q", tt.args, values, n)
				}
			}
		})
	}
	// Free text (a question), addresses, numbers and commands that take no
	// words complete to nothing, not to the files in the current folder;
	// only the flags that name files or folders offer them.
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"ask", ""}, ":4"},
		{[]string{"ask", "--limit", ""}, ":4"},
		{[]string{"who-said", "--quote", ""}, ":4"},
		{[]string{"check", ""}, ":4"},
		{[]string{"serve", "--addr", ""}, ":4"},
		{[]string{"bot", "--shard-id", ""}, ":4"},
		{[]string{"timeline", "--png", ""}, "png\n:8"},
		{[]string{"index", "build", "--out", ""}, ":16"},
		{[]string{"--knowledge", ""}, ":16"},
		{[]string{"bench", "--cpuprofile", ""}, ":0"},
	} {
		out, _, err := runCLI(t, append([]string{"__complete"}, tt.args...)...)
		if got := strings.TrimSpace(out); err != nil || got != tt.want {
			t.Errorf("completion of %q = %q, %v; want %q", tt.args, got, err, tt.want)
		}
	}
}

func TestLongHelp(t *testing.T) {
	for _, tt := range []struct {
		cmd  string
		want []string
	}{
		{"timeline", []string{"DATE is a day, a month or a year", "6/27 (month first, as the sources write", "KSS is Kataib"}},
		{"casualties", []string{"EVENT is a date or words", "Camp Taji", "Binkin is Blinken"}},
		{"who-said", []string{"SPEAKER is a name or an alias", "--quote"}},
		{"ask", []string{"give - to read it from standard input"}},
	} {
		out, _, err := runCLI(t, tt.cmd, "--help")
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(strings.Join(strings.Fields(out), " "), w) {
				t.Errorf("%s --help lacks %q:\n%s", tt.cmd, w, out)
			}
		}
		for _, l := range strings.Split(out, "\n") {
			if visibleLen(l) > 100 {
				t.Errorf("%s --help has a line of %d characters: %q", tt.cmd, visibleLen(l), l)
			}
		}
	}
	out, _, _ := runCLI(t, "bench", "--help")
	if !strings.Contains(out, "--cold N ") || strings.Contains(out, "--cold dossier") {
		t.Errorf("bench --help shows --cold as %q, want --cold N", out)
	}
}
