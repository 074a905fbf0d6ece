package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
)

// cliArgs turns a case into a command line, with extra flags: the option
// the command takes as words goes last.
func cliArgs(c bottest.Case, extra ...string) []string {
	var cmd *bot.Command
	for _, bc := range bot.Commands() {
		if bc.Name == c.Command {
			cmd = &bc
		}
	}
	args := []string{c.Command}
	var words []string
	for k, v := range c.Input {
		o := cmd.Option(k)
		switch {
		case o != nil && o.Words:
			words = append(words, v)
		case o != nil && o.Type == bot.Boolean:
			args = append(args, "--"+k+"="+v)
		default:
			args = append(args, "--"+k, v)
		}
	}
	return append(append(append(args, extra...), "--"), words...)
}

// TestEveryInputOnTheCommandLine runs every command over every actor,
// place, event, speaker and date the knowledge base knows through the CLI,
// drawing the charts too: each prints an answer or exits with a clear
// message, never an internal error.
func TestEveryInputOnTheCommandLine(t *testing.T) {
	if testing.Short() {
		t.Skip("every input on the command line")
	}
	dir := t.TempDir()
	ix := filepath.Join(dir, "ix")
	if _, _, err := runCLI(t, "index", "build", "--out", ix); err != nil {
		t.Fatal(err)
	}
	st := bottest.New(t, "")
	cases := bottest.EveryInput(st.Bot, st.KB)
	png := filepath.Join(dir, "chart.png")
	for _, c := range cases {
		var extra []string
		if c.Command == "timeline" || c.Command == "casualties" {
			extra = []string{"--png", png}
		}
		args := append([]string{"--index", ix}, cliArgs(c, extra...)...)
		os.Remove(png)
		out, stderr, err := runCLI(t, args...)
		switch {
		case err != nil && (strings.Contains(err.Error(), "internal error") || !bot.IsInputError(err) && exitCode(err) != 2):
			t.Errorf("run(%q) error %v, want an answer or a clear message", args, err)
		case strings.Contains(stderr, "panic"):
			t.Errorf("run(%q) stderr: %.300s", args, stderr)
		case err == nil && strings.TrimSpace(out) == "":
			t.Errorf("run(%q) printed nothing", args)
		}
		if b, err := os.ReadFile(png); err == nil && !bytes.HasPrefix(b, []byte("\x89PNG")) {
			t.Errorf("run(%q) wrote a chart that is not a PNG", args)
		}
	}
	t.Logf("%d cases", len(cases))
}
