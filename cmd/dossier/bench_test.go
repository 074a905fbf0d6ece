package main

import (
	"io"
	"testing"
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

// BenchmarkColdAsk is a whole `dossier ask` run in-process.
func BenchmarkColdAsk(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := run(b.Context(), []string{"ask", "Who said the strikes would deter future action?"}, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
