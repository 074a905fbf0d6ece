package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier/dossier/bot"
)

func writeSet(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "set.yaml")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestEvalCommand(t *testing.T) {
	path := writeSet(t, `cases:
  - {q: "Who said the strikes would deter future action?", want: ["deter future action"]}
  - {q: "What did Putin say about the strikes?", out: true}
  - {q: "What is the capital of Peru?", want: ["Lima"]}
`)
	out, _, err := runCLI(t, "eval", "--json", path)
	if err != nil {
		t.Fatalf("eval --json: %v", err)
	}
	var rep bot.EvalReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("eval --json printed %q: %v", out, err)
	}
	if rep.InScope != 2 || rep.Hits != 1 || rep.FalseRefusals != 1 || rep.OutScope != 1 || rep.Refused != 1 || rep.BadCitations != 0 {
		t.Errorf("eval report = %+v, want 1/2 in scope, 1/1 refused, no bad citations", rep)
	}
	if len(rep.Failures) != 1 || rep.Failures[0].Q != "What is the capital of Peru?" {
		t.Errorf("eval failures = %+v, want the Peru question only", rep.Failures)
	}

	text, _, err := runCLI(t, "eval", path)
	if err != nil {
		t.Fatalf("eval: %v", err)
	}
	if !strings.Contains(text, "refused in scope: What is the capital of Peru?") || !strings.Contains(text, "in-scope top-3 50.0% (1/2; 1 refused; right passage 50.0%), out-of-scope refused 100.0% (1/1)") {
		t.Errorf("eval printed %q", text)
	}
}

func TestEvalCommandBadInput(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		args       []string
	}{
		{"not yaml", "cases: [", nil},
		{"no want", "cases:\n  - {q: \"Who?\"}\n", nil},
		{"bad top", "cases:\n  - {q: \"Who?\", out: true}\n", []string{"--top", "0"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"eval"}, tt.args...)
			if _, _, err := runCLI(t, append(args, writeSet(t, tt.body))...); err == nil {
				t.Errorf("eval %s: no error", tt.name)
			}
		})
	}
	if _, _, err := runCLI(t, "eval", filepath.Join(t.TempDir(), "missing.yaml")); err == nil {
		t.Error("eval of a missing file: no error")
	}
}

// TestAskExplainFlag checks that ask --explain prints how the question was
// read and why each result ranked, and that the flag is the command line's
// alone.
func TestAskExplainFlag(t *testing.T) {
	out, _, err := runCLI(t, "ask", "--explain", "--limit", "2", "How many drones were shot down on June 9?")
	if err != nil {
		t.Fatalf("ask --explain: %v", err)
	}
	for _, want := range []string{"Read as: answer: count; counting: drones; date: June 9", "   why: ", "coverage", "answer type 1"} {
		if !strings.Contains(out, want) {
			t.Errorf("ask --explain printed %q, want it to contain %q", out, want)
		}
	}
	if strings.Count(out, "   why: ") != 2 {
		t.Errorf("ask --explain --limit 2 printed %d explanations, want 2:\n%s", strings.Count(out, "   why: "), out)
	}
	js, _, err := runCLI(t, "ask", "--explain", "--json", "How many drones were shot down on June 9?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js, `"analysis"`) || !strings.Contains(js, `"explain"`) || !strings.Contains(js, `"answer_type"`) {
		t.Errorf("ask --explain --json lacks the analysis or the features:\n%s", js)
	}
}
