package bottest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Compare reports how got differs from want, or "" if it does not.
type Compare func(want, got []byte) string

// Golden compares got with the golden file at path (under the package's
// testdata), or, when update is set (the -update flag), writes it there.
// A nil compare requires the bytes to be equal and shows the first line
// that differs.
func Golden(t testing.TB, update bool, path string, got []byte, compare Compare) {
	t.Helper()
	if compare == nil {
		compare = DiffLines
	}
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (rerun the test with -update to write it): %v", err)
	}
	if d := compare(want, got); d != "" {
		t.Errorf("differs from %s (rerun with -update if the change is intended):\n%s", path, d)
	}
}

// DiffLines shows the first line where got differs from want, with the
// line before it.
func DiffLines(want, got []byte) string {
	if bytes.Equal(want, got) {
		return ""
	}
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a == b {
			continue
		}
		before := ""
		if i > 0 {
			before = "  " + w[i-1] + "\n"
		}
		return fmt.Sprintf("line %d:\n%s- %s\n+ %s", i+1, before, a, b)
	}
	return "the files differ" // unreachable: equal lines make equal bytes
}
