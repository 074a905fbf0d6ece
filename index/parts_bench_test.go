//go:build unix

package index

import (
	"flag"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

var partsIndex = flag.String("parts.index", "", "index folder (dossier index build) BenchmarkQueryParts opens; the seeds, in memory, when empty")

// partsQuestions are the ask questions of bot/loadgen, which the index
// package cannot import (it imports the index).
var partsQuestions = []string{
	"What did Iran's foreign ministry spokesman say?",
	"What legal authority did the President rely on?",
	"Which militias were targeted on June 27?",
	"What aircraft carried out the strikes?",
	"What did the Fatah Coalition demand?",
	"How did Iraq's government respond to the strikes?",
}

// BenchmarkQueryParts measures what each part of ask's search costs, in
// CPU time per question (cpu-µs/op: the process's user and system time,
// which other programs on the machine move far less than wall time): the
// whole ranking, the candidate query as ask runs it and with some of its
// kinds of clauses left out, the bare match whose ranks are a feature, and
// the match-query floor. The variants without some clauses score
// differently (Bleve's coordination factor counts clauses): they measure
// cost, not answers. Run on a synthetic corpus with
//
//	go test ./index -run XXX -bench QueryParts -parts.index DIR
func BenchmarkQueryParts(b *testing.B) {
	var ix *Index
	if *partsIndex == "" {
		ix = buildSeeds(b, Options{})
	} else {
		_, kb := seedsAndKB(b)
		var err error
		if ix, err = Open(*partsIndex, kb); err != nil {
			b.Fatal(err)
		}
		defer ix.Close()
	}
	// without returns the candidate query of q without the clauses drop
	// names.
	without := func(q string, drop func(query.Query) bool) query.Query {
		full := ix.rankQuery(ix.Analyze(q))
		dq, ok := full.(*query.DisjunctionQuery)
		if !ok {
			return full
		}
		var keep []query.Query
		for _, c := range dq.Disjuncts {
			if !drop(c) {
				keep = append(keep, c)
			}
		}
		return bleve.NewDisjunctionQuery(keep...)
	}
	phrase := func(c query.Query) bool { _, ok := c.(*query.PhraseQuery); return ok }
	field := func(c query.Query) string {
		if t, ok := c.(*query.TermQuery); ok {
			return t.Field()
		}
		return ""
	}
	candidates := func(drop func(query.Query) bool) func(q string) error {
		return func(q string) error {
			_, err := ix.run(b.Context(), without(q, drop), candidates, 0)
			return err
		}
	}
	parts := []struct {
		name string
		run  func(q string) error
	}{
		{"rank", func(q string) error { _, err := ix.Rank(b.Context(), q); return err }},
		{"candidates", candidates(func(query.Query) bool { return false })},
		{"candidates without phrases", candidates(phrase)},
		{"candidates without label clauses", candidates(func(c query.Query) bool { return field(c) == fieldContext })},
		{"candidates, passage text terms only", candidates(func(c query.Query) bool { return field(c) != fieldText })},
		{"bare match", func(q string) error { _, err := ix.bareRanks(b.Context(), q); return err }},
		{"match floor", func(q string) error { _, err := ix.Match(b.Context(), q, 3); return err }},
	}
	measure := func(b *testing.B, run func(q string) error, qs []string) {
		start := cpuTime()
		i := 0
		for b.Loop() {
			if err := run(qs[i%len(qs)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
		b.ReportMetric(float64((cpuTime()-start).Microseconds())/float64(b.N), "cpu-µs/op")
	}
	for _, p := range parts {
		b.Run(p.name, func(b *testing.B) { measure(b, p.run, partsQuestions) })
	}
	// Each question alone, ranked and matched: the slowest sets the p99.
	for i, q := range partsQuestions {
		b.Run(fmt.Sprintf("rank question %d", i+1), func(b *testing.B) { measure(b, parts[0].run, []string{q}) })
		b.Run(fmt.Sprintf("match question %d", i+1), func(b *testing.B) { measure(b, parts[len(parts)-1].run, []string{q}) })
	}
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
