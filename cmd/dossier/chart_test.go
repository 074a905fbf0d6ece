package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPNGNothingToDraw asks for charts of selections with nothing a chart
// shows: the text answer prints, no file is written, stderr says why, and
// the command succeeds.
func TestPNGNothingToDraw(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		out  string // in the text answer
	}{
		{[]string{"timeline", "--actor", "Blinken"}, "designation"},
		{[]string{"timeline", "--from", "2022-01-01"}, "No events"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			path := filepath.Join(dir, "x.png")
			args := append(tt.args, "--png", path)
			out, errOut, err := runCLI(t, args...)
			if err != nil {
				t.Fatalf("run(%q) error: %v", args, err)
			}
			if !strings.Contains(out, tt.out) {
				t.Errorf("run(%q) printed %q, want the text answer with %q", args, out, tt.out)
			}
			if !strings.Contains(errOut, "not written: nothing to draw") {
				t.Errorf("run(%q) stderr = %q, want a note that there is nothing to draw", args, errOut)
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Errorf("run(%q) wrote %s (%v), want no file", args, path, err)
			}
		})
	}
}
