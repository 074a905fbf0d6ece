package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord/discordtest"
	"github.com/dossier/dossier/seeds"
)

var update = flag.Bool("update", false, "rewrite golden files")

const goldenDir = "testdata/golden"

// runCLI runs the program in-process and returns stdout, stderr and error.
func runCLI(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := runOptions(t.Context(), args, testOptions(t, os.Getenv, &out, &errb))
	return out.String(), errb.String(), err
}

// testOptions are the options run gives, with a panic hook that fails the
// test: a recovered panic is a defect even when the user got a message.
func testOptions(t *testing.T, getenv func(string) string, stdout, stderr io.Writer) *options {
	return &options{stdout: stdout, stderr: stderr, getenv: getenv, panicHook: discordtest.FailOnPanic(t)}
}

// runTest is runEnv with testOptions.
func runTest(t *testing.T, ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return runOptions(ctx, args, testOptions(t, getenv, stdout, stderr))
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	bottest.Golden(t, *update, filepath.Join(goldenDir, name+".golden"), []byte(got), nil)
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"ask_deter", []string{"ask", "Who said the strikes would deter future action?"}},
		{"ask_alias_kss", []string{"ask", "What", "did", "KSS", "say", "about", "its", "fighters?"}},
		{"ask_children", []string{"ask", "--limit", "2", "Were any children killed?"}},
		{"ask_not_covered", []string{"ask", "What did Putin say about the strikes?"}},
		{"ask_weak", []string{"ask", "What is the weather in Baghdad tomorrow?"}},
		{"sources", []string{"sources"}},
		{"ask_json", []string{"ask", "--json", "What did SANA report?"}},
		{"ask_casualties", []string{"ask", "How many people died in the June 2021 strikes?"}},
		{"timeline_june", []string{"timeline", "--from", "2021-06-26", "--to", "27 June 2021"}},
		{"timeline_json", []string{"timeline", "--json", "--actor", "Soleimani"}},
		{"who_said_kirby", []string{"who-said", "Kirby"}},
		{"who_said_quote", []string{"who-said", "--quote", "clear and unambiguous deterrent message"}},
		{"casualties_all", []string{"casualties"}},
		{"casualties_june27", []string{"casualties", "June", "27"}},
		{"casualties_json", []string{"casualties", "--json", "Camp Taji"}},
		{"summary_overview", []string{"summary"}},
		{"summary_legal", []string{"summary", "--topic", "legal"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, err := runCLI(t, tt.args...)
			if err != nil {
				t.Fatalf("run(%q) error: %v (stderr %q)", tt.args, err, errOut)
			}
			golden(t, tt.name, out)
		})
	}
}

// contract is the JSON shape every command prints with --json.
type contract struct {
	Command string `json:"command"`
	Query   string `json:"query"`
	Text    string `json:"text"`
	Results []struct {
		Text      string `json:"text"`
		Citations []struct {
			Doc     string `json:"doc"`
			Passage string `json:"passage"`
			Quote   string `json:"quote"`
		} `json:"citations"`
	} `json:"results"`
}

var passageID = regexp.MustCompile(`^[0-9A-Za-z-]+:[0-9]+$`)

func TestAskJSONContract(t *testing.T) {
	docs := map[string]string{}
	files, _ := filepath.Glob("../../seeds/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs[filepath.Base(f)] = string(b)
	}
	runs := [][]string{
		{"timeline", "--all"}, {"who-said", "Psaki"}, {"who-said", "--quote", "deterrent message"},
		{"casualties"}, {"casualties", "2021-06-27"}, {"summary"}, {"summary", "--topic", "reactions"},
		{"summary", "--topic", "legal"}, {"summary", "--topic", "casualties"}, {"sources"},
	}
	for _, q := range []string{
		"Who said the strikes would deter future action?",
		"What did Iran's foreign ministry spokesman say?",
		"How many people died?",
		"How many people died in the June 2021 strikes?",
		"What did Putin say?",
		"+deter -future ~action",
	} {
		runs = append(runs, []string{"ask", "--limit", "5", q})
	}
	for _, args := range runs {
		q := strings.Join(args, " ")
		out, _, err := runCLI(t, append([]string{"--json"}, args...)...)
		if err != nil {
			t.Fatalf("%s --json error: %v", q, err)
		}
		var c contract
		dec := json.NewDecoder(strings.NewReader(out))
		if err := dec.Decode(&c); err != nil {
			t.Fatalf("%s --json printed invalid JSON: %v\n%s", q, err, out)
		}
		if c.Command != args[0] || c.Results == nil {
			t.Errorf("%s --json = command %q results %v; want %s and a results list", q, c.Command, c.Results, args[0])
		}
		if len(c.Results) == 0 && c.Text == "" {
			t.Errorf("ask --json %q has neither results nor a text saying why", q)
		}
		for _, r := range c.Results {
			if len(r.Citations) == 0 {
				t.Errorf("ask --json %q: result %q has no citation", q, r.Text)
			}
			for _, cit := range r.Citations {
				if !passageID.MatchString(cit.Passage) {
					t.Errorf("passage = %q, want doc:ordinal", cit.Passage)
				}
				if !seeds.ContainsQuote(docs[cit.Doc], cit.Quote) {
					t.Errorf("quote %q is not verbatim in %q", cit.Quote, cit.Doc)
				}
			}
		}
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"empty question", []string{"ask"}, 2, "Ask a question"},
		{"blank question", []string{"ask", "   \t "}, 2, "Ask a question"},
		{"help as a question", []string{"ask", "help"}, 2, "Its commands are listed by help"},
		{"control characters only", []string{"ask", "\x00\x01\u202e"}, 2, "Ask a question"},
		{"too long", []string{"ask", strings.Repeat("strikes ", 1300)}, 2, "keep it to 300 or fewer"},
		{"limit zero", []string{"ask", "--limit", "0", "Kirby"}, 2, "limit must be between 1 and 10"},
		{"limit too big", []string{"ask", "--limit", "11", "Kirby"}, 2, "limit must be between 1 and 10"},
		{"limit not a number", []string{"ask", "--limit", "x", "Kirby"}, 2, `invalid argument "x" for "-n, --limit" flag: not a whole number`},
		{"bool flag not a bool", []string{"ask", "--json=maybe", "Kirby"}, 2, `invalid argument "maybe" for "--json" flag: want true or false`},
		{"limit out of range", []string{"ask", "--limit", "99999999999999999999", "Kirby"}, 2, `flag: out of range`},
		{"db folder missing", []string{"review", "--db", "/nonexistent/feedback.db"}, 2, "--db /nonexistent/feedback.db: no such folder /nonexistent"},
		{"bad evaluation set", []string{"eval", "testdata/bad_eval.yaml"}, 1, "line 2: want is a phrase or a list of phrases"},
		{"eval without a file", []string{"eval"}, 2, "eval takes one FILE, the evaluation set; got 0"},
		{"eval of a missing file", []string{"eval", "testdata/none.yaml"}, 2, "evaluation set testdata/none.yaml: no such file"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"unknown help topic", []string{"help", "frobnicate"}, 2, `no help for "frobnicate"`},
		{"misspelt command", []string{"sourcs"}, 2, `unknown command "sourcs" for "dossier"; did you mean sources?`},
		{"stdin and words", []string{"ask", "-", "extra"}, 2, "give - alone to read the question from standard input"},
		{"swapped letters", []string{"tiemline"}, 2, `unknown command "tiemline" for "dossier"; did you mean timeline?`},
		{"misspelt subcommand", []string{"index", "biuld"}, 2, `unknown command "biuld" for "dossier index"; did you mean build?`},
		{"unknown shell", []string{"completion", "tcsh"}, 2, `unknown command "tcsh" for "dossier completion"; its commands are bash, fish, powershell, zsh`},
		{"unknown feedback command", []string{"feedback", "list"}, 2, `unknown command "list" for "dossier feedback"; its commands are delete, export, prune`},
		{"sources takes no args", []string{"sources", "x"}, 2, `sources takes no arguments; got "x"`},
		{"check takes no args", []string{"check", "now"}, 2, `check takes no arguments`},
		// Words without their option are pointed at the options taking words.
		{"timeline words", []string{"timeline", "blinken"}, 2, `timeline takes no arguments; got "blinken"; give it with --actor, --from, --place or --to`},
		{"summary words", []string{"summary", "reactions"}, 2, `give it with --topic`},
		{"unknown flag", []string{"ask", "--limt", "2", "Kirby"}, 2, "unknown flag: --limt"},
		{"log format", []string{"--log-format", "xml", "sources"}, 2, `--log-format "xml": use text or json`},
		{"json on bench", []string{"--json", "bench"}, 2, "bench has no JSON output"},
		{"json on index build", []string{"index", "build", "--out", "x", "--json"}, 2, "index build has no JSON output"},
		{"missing corpus", []string{"--corpus", "/nonexistent", "sources"}, 1, "--corpus /nonexistent: no such folder"},
		{"missing knowledge", []string{"--knowledge", "/nonexistent", "ask", "Kirby"}, 1, "--knowledge /nonexistent: no such folder"},
		{"knowledge is a file", []string{"--knowledge", "main_test.go", "sources"}, 1, "--knowledge main_test.go: not a folder"},
		{"impossible date", []string{"timeline", "--from", "2021-13-45"}, 2, "there is no month 13"},
		{"reversed range", []string{"timeline", "--from", "2021-07-01", "--to", "2021-06-01"}, 2, "reversed"},
		{"speaker and quote", []string{"who-said", "Kirby", "--quote", "x"}, 2, "not both"},
		{"unknown topic", []string{"summary", "--topic", "gossip"}, 2, "Unknown topic"},
		{"limit a fraction", []string{"ask", "--limit", "2.5", "Kirby"}, 2, "not a whole number"},
		{"bench names its bad flag", []string{"bench", "--rounds", "0"}, 2, "--rounds must be positive"},
		{"feedback delete of no user id", []string{"feedback", "delete", "--user", "abc"}, 2, "not a Discord user id"},
		{"negative passages", []string{"index", "build", "--out", "x", "--passages", "-5"}, 2, "--passages is a number of passages, not -5"},
		{"passages and corpus", []string{"--corpus", "../../seeds", "index", "build", "--out", "x", "--passages", "5"}, 2, "give it or --corpus, not both"},
		{"knowledge folder lacking a file", []string{"--knowledge", "testdata", "sources"}, 1, "--knowledge testdata: read knowledge actors.yaml"},
		{"postgres unreachable", []string{"review", "--db", "postgres://u:p@127.0.0.1:1/x"}, 1, "feedback store (postgres): connect:"},
		// Docker reserves exit code 2: a health check fails with 1.
		{"healthcheck bad timeout", []string{"healthcheck", "--timeout", "x"}, 1, "--timeout"},
		{"healthcheck extra argument", []string{"healthcheck", "now"}, 1, "now"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runCLI(t, tt.args...)
			if err == nil {
				t.Fatalf("run(%q) succeeded with %q, want an error", tt.args, out)
			}
			if got := exitCode(err); got != tt.code {
				t.Errorf("exitCode(run(%q)) = %d, want %d (err %v)", tt.args, got, tt.code, err)
			}
			if msg := oneLine(err); !strings.Contains(msg, tt.msg) || strings.Contains(msg, "goroutine") {
				t.Errorf("error = %q, want one line containing %q", msg, tt.msg)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	out, _, err := runCLI(t, "check")
	if err != nil || !strings.HasPrefix(out, "ok") {
		t.Fatalf("check on the embedded data = %q, %v; want ok", out, err)
	}

	// A knowledge folder with one quotation altered.
	dir := t.TempDir()
	files, err := filepath.Glob("../../knowledge/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("glob knowledge: %v", err)
	}
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
	_, stderr, err := runCLI(t, "--knowledge", dir, "check")
	if err == nil {
		t.Fatalf("check with a broken quote succeeded")
	}
	if want := `quotes.yaml:`; !strings.Contains(stderr, want) || !strings.Contains(stderr, `quote rasool-arena: quote "Iraq repeats its refusal to be an arena for settling scores." is not verbatim in 003_f5a8a94412535d4e.txt`) {
		t.Errorf("check stderr = %q, want a line naming quotes.yaml, its line and record rasool-arena", stderr)
	}
	// Commands refuse to answer from a broken knowledge base.
	if _, _, err := runCLI(t, "--knowledge", dir, "ask", "Kirby"); err == nil || !strings.Contains(err.Error(), "run dossier check") {
		t.Errorf("ask with a broken knowledge base: err = %v, want one pointing at dossier check", err)
	}
}

func TestCorpusFlag(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "900_local.txt"), []byte("The council met on Tuesday.\n\nThe mayor said the drone attack on the depot was unacceptable.\n"), 0o644)
	out, _, err := runCLI(t, "--corpus", dir, "--json", "ask", "What did the mayor say about the drone attack?")
	if err != nil {
		t.Fatal(err)
	}
	var c contract
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Results) == 0 || c.Results[0].Citations[0].Doc != "900_local.txt" || c.Results[0].Citations[0].Passage != "900:2" {
		t.Errorf("ask over --corpus = %s, want a citation of 900_local.txt passage 900:2", out)
	}
	// The commands answered from the curated facts say they cite the
	// seeds, not the corpus given; ask says nothing of it.
	for _, args := range [][]string{{"timeline"}, {"who-said", "Kirby"}, {"casualties"}, {"summary"}, {"ask", "mayor"}} {
		_, stderr, err := runCLI(t, append([]string{"--corpus", dir}, args...)...)
		if err != nil {
			t.Fatalf("run(--corpus %s %q) error: %v", dir, args, err)
		}
		if want := args[0] != "ask"; strings.Contains(stderr, "cite the embedded seeds") != want {
			t.Errorf("run(--corpus %s %q) stderr = %q, want a notice of the seeds: %v", dir, args, stderr, want)
		}
	}
	// check judges the facts as the commands load them, against the seeds
	// they cite: the embedded knowledge is consistent beside any corpus.
	if out, stderr, err := runCLI(t, "--corpus", dir, "check"); err != nil || !strings.HasPrefix(out, "ok") {
		t.Errorf("check --corpus %s = %q, %q, %v; want ok, as the commands load the facts", dir, out, stderr, err)
	}
}

func TestPNGFlag(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"timeline", "--png", filepath.Join(dir, "t.png")},
		{"timeline", "--from", "2021-06-01", "--png", filepath.Join(dir, "t2.png")},
		{"casualties", "--png", filepath.Join(dir, "c.png")},
		{"casualties", "Camp", "Taji", "--png", filepath.Join(dir, "c2.png")},
	} {
		if _, _, err := runCLI(t, args...); err != nil {
			t.Fatalf("run(%q) error: %v", args, err)
		}
		path := args[len(args)-1]
		data, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
			t.Errorf("run(%q) wrote %d bytes to %s, want a PNG (%v)", args, len(data), path, err)
		}
	}
	if _, _, err := runCLI(t, "timeline", "--png", filepath.Join(dir, "missing", "x.png")); err == nil || !strings.Contains(err.Error(), "write chart") {
		t.Errorf("--png into a missing folder: err = %v, want a write error", err)
	}
}

// TestIndexFlag builds an on-disk index and checks that commands answer
// from it exactly as from the index built at start.
func TestIndexFlag(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	out, _, err := runCLI(t, "index", "build", "--out", dir)
	if err != nil || !strings.Contains(out, "indexed") {
		t.Fatalf("index build = %q, %v", out, err)
	}
	for _, args := range [][]string{
		{"ask", "--json", "Who said the strikes would deter future action?"},
		{"ask", "--json", "What did Putin say?"},
		{"sources", "--json"},
		{"casualties", "--json", "Camp Taji"},
	} {
		want, _, err := runCLI(t, args...)
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := runCLI(t, append([]string{"--index", dir}, args...)...)
		if err != nil {
			t.Fatalf("--index %s %q: %v", dir, args, err)
		}
		if got != want {
			t.Errorf("--index %q answer differs from the in-memory index:\n%s\nwant\n%s", args, got, want)
		}
	}
	if _, _, err := runCLI(t, "--index", filepath.Join(t.TempDir(), "none"), "ask", "Kirby"); err == nil {
		t.Errorf("--index on a missing folder succeeded")
	}
	// A benchmark's synthetic index answers, but says what it holds; the
	// seeds' index says nothing of the kind.
	if _, stderr, _ := runCLI(t, "--index", dir, "ask", "Kirby"); strings.Contains(stderr, "synthetic") {
		t.Errorf("--index of the seeds told %q", stderr)
	}
	syn := filepath.Join(t.TempDir(), "syn")
	if _, _, err := runCLI(t, "index", "build", "--out", syn, "--passages", "200"); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runCLI(t, "--index", syn, "ask", "Who ordered the strikes?"); err != nil || !strings.Contains(stderr, "holds a synthetic corpus made for benchmarks") {
		t.Errorf("--index of a synthetic corpus: stderr %q, %v; want it to say so", stderr, err)
	}
}

// TestSuggestNothingFar checks that a word two letters off a short
// command's name is not offered as it: "foo" is no mistyped "bot".
func TestSuggestNothingFar(t *testing.T) {
	for _, word := range []string{"foo", "xyz", "hello"} {
		_, _, err := runCLI(t, word)
		if want := fmt.Sprintf("unknown command %q for \"dossier\"", word); err == nil || oneLine(err) != want {
			t.Errorf("run(%q) error = %v, want exactly %q", word, err, want)
		}
	}
}
