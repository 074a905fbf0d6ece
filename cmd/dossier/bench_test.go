package main

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/dossier/dossier/bot/loadgen"
)

// BenchmarkStartup is the work `dossier ask` does before it can answer:
// load and check the knowledge base, load the seeds, build the index.
func BenchmarkStartup(b *testing.B) {
	o := &options{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }, scoring: "bm25"}
	b.ReportAllocs()
	for b.Loop() {
		d, err := o.open(b.Context())
		if err != nil {
			b.Fatal(err)
		}
		if err := d.Warm(b.Context()); err != nil {
			b.Fatal(err)
		}
		d.Close()
	}
}

// BenchmarkColdAsk is a whole `dossier ask` run in-process, with a
// question answered from the index (so the index is built).
func BenchmarkColdAsk(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := run(b.Context(), []string{"ask", loadgen.ColdQuestion}, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBenchRuns runs a short `dossier bench --http` in process: every
// phase answers without an error, and each floor is reported beside what
// it is the floor of.
func TestBenchRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the index and the endpoint for about a second")
	}
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"bench", "--duration", "50ms", "--rounds", "2", "--http"}, &stdout, &stderr); err != nil {
		t.Fatalf("bench error: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{
		"ask ÷ match (floor), median of 2 rounds",
		"http ask ÷ verify + match (floor), median of 2 rounds",
		"interactions the endpoint answered with an error or a cooldown: 0",
		"memory after queries:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("bench output lacks %q:\n%s", want, out)
		}
	}
}

func TestBenchRefusesBadFlags(t *testing.T) {
	for _, args := range [][]string{{"--rounds", "0"}, {"--duration", "0s"}, {"--concurrency", "0"}, {"--cold", "-1"}} {
		err := run(t.Context(), append([]string{"bench"}, args...), io.Discard, io.Discard)
		if err == nil {
			t.Errorf("bench %v = nil error, want a usage error", args)
		}
	}
}

// BenchmarkColdAskIndex is a whole `dossier --index DIR ask` run
// in-process over an index built beforehand.
func BenchmarkColdAskIndex(b *testing.B) {
	dir := b.TempDir() + "/index"
	if err := run(b.Context(), []string{"index", "build", "--out", dir}, io.Discard, io.Discard); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := run(b.Context(), []string{"--index", dir, "ask", loadgen.ColdQuestion}, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
