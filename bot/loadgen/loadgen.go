// Package loadgen drives Dossier with a mixed set of requests — through the
// command layer, or as signed interactions to the HTTP endpoint — and sums
// up the latencies. It is the engine of `dossier bench` and of the Go
// benchmarks, so that all of them measure the same questions.
package loadgen

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
)

// AskQuestions returns the ask questions of the mix. Every one is answered
// from the index (none from the curated quotations or casualty records),
// so they measure the search pipeline, and the floors run the same words.
func AskQuestions() []string {
	return []string{
		"What did Iran's foreign ministry spokesman say?",
		"What legal authority did the President rely on?",
		"Which militias were targeted on June 27?",
		"What aircraft carried out the strikes?",
		"What did the Fatah Coalition demand?",
		"How did Iraq's government respond to the strikes?",
	}
}

// ColdQuestion is the question cold-start measurements ask: answered from
// the index, like AskQuestions.
const ColdQuestion = "What legal authority did the President rely on?"

// Kinds of request in the mix, in report order.
const (
	KindAsk        = "ask"
	KindWhoSaid    = "who-said"
	KindCasualties = "casualties"
	KindTimeline   = "timeline"
	KindOutOfScope = "out-of-scope"
)

// Kinds returns the kinds of Mix, in report order.
func Kinds() []string {
	return []string{KindAsk, KindWhoSaid, KindCasualties, KindTimeline, KindOutOfScope}
}

// Op is one request of the mix: a command-layer call and the same request
// as a Discord slash command.
type Op struct {
	// Kind groups the op's latencies in reports.
	Kind string
	// Data is the slash command Discord would send for this request.
	Data discordgo.ApplicationCommandInteractionData
	run  func(ctx context.Context, b *bot.Bot) error
}

// Run sends the request through the command layer.
func (o Op) Run(ctx context.Context, b *bot.Bot) error { return o.run(ctx, b) }

// slash builds the data of a slash command with at most one string option.
func slash(name, option, value string) discordgo.ApplicationCommandInteractionData {
	d := discordgo.ApplicationCommandInteractionData{ID: "1", Name: name, CommandType: discordgo.ChatApplicationCommand}
	if option != "" && value != "" {
		d.Options = []*discordgo.ApplicationCommandInteractionDataOption{{Name: option, Type: discordgo.ApplicationCommandOptionString, Value: value}}
	}
	return d
}

// Ask is an ask request for question.
func Ask(question string) Op {
	return Op{Kind: KindAsk, Data: slash("ask", "question", question), run: func(ctx context.Context, b *bot.Bot) error {
		_, err := b.Ask(ctx, bot.AskRequest{Question: question})
		return err
	}}
}

// Mix returns the mixed query set: six ask questions, three who-said,
// two casualties, two timelines and two questions outside the sources.
func Mix() []Op {
	var ops []Op
	for _, q := range AskQuestions() {
		ops = append(ops, Ask(q))
	}
	for _, s := range []string{"Blinken", "Psaki", "Kirby"} {
		ops = append(ops, Op{Kind: KindWhoSaid, Data: slash("who-said", "speaker", s), run: func(ctx context.Context, b *bot.Bot) error {
			_, err := b.WhoSaid(ctx, bot.WhoSaidRequest{Speaker: s})
			return err
		}})
	}
	for _, e := range []string{"2021-06-27", "Camp Taji"} {
		ops = append(ops, Op{Kind: KindCasualties, Data: slash("casualties", "event", e), run: func(ctx context.Context, b *bot.Bot) error {
			_, err := b.Casualties(ctx, bot.CasualtiesRequest{Event: e})
			return err
		}})
	}
	for _, a := range []string{"", "Kataib Hezbollah"} {
		ops = append(ops, Op{Kind: KindTimeline, Data: slash("timeline", "actor", a), run: func(ctx context.Context, b *bot.Bot) error {
			_, err := b.Timeline(ctx, bot.TimelineRequest{Actor: a})
			return err
		}})
	}
	for _, q := range []string{"What did Putin say about the strikes?", "Which Turkish units were shelled near Erbil?"} {
		op := Ask(q)
		op.Kind = KindOutOfScope
		ops = append(ops, op)
	}
	return ops
}

// Recorder collects latencies by kind from concurrent workers, and counts
// the requests that failed.
type Recorder struct {
	mu     sync.Mutex
	by     map[string][]time.Duration
	errors map[string]int
	first  error
}

// Add records one request of kind that took d and ended with err.
func (r *Recorder) Add(kind string, d time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.by == nil {
		r.by, r.errors = map[string][]time.Duration{}, map[string]int{}
	}
	r.by[kind] = append(r.by[kind], d)
	if err != nil {
		r.errors[kind]++
		if r.first == nil {
			r.first = fmt.Errorf("%s: %w", kind, err)
		}
	}
}

// Err returns nil if every request succeeded, else the number of failures
// and the first of them.
func (r *Recorder) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.first == nil {
		return nil
	}
	n := 0
	for _, c := range r.errors {
		n += c
	}
	return fmt.Errorf("%d requests failed; first: %w", n, r.first)
}

// Stat sums up the requests of the given kinds (all kinds if none) over a
// phase that lasted elapsed.
func (r *Recorder) Stat(name string, elapsed time.Duration, kinds ...string) Stat {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ds []time.Duration
	errs := 0
	for k, v := range r.by {
		if len(kinds) == 0 || slices.Contains(kinds, k) {
			ds = append(ds, v...)
			errs += r.errors[k]
		}
	}
	s := Summarize(name, ds, elapsed)
	s.Errors = errs
	return s
}

// Drive runs workers concurrent loops, each calling do with its worker
// number and its own counter, until d has passed or ctx is done. It
// returns how long the phase really lasted.
func Drive(ctx context.Context, workers int, d time.Duration, do func(worker, i int)) time.Duration {
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := 0; time.Now().Before(deadline) && ctx.Err() == nil; i++ {
				do(w, i)
			}
		})
	}
	wg.Wait()
	return time.Since(start)
}

// Stat is the latency and throughput of one phase.
type Stat struct {
	Name          string
	Ops, Errors   int
	QPS           float64
	P50, P95, P99 time.Duration
	// CPU is the CPU time the process spent per request, where measured:
	// unlike latency, it does not grow when other programs take the
	// machine's cores.
	CPU time.Duration
}

// Summarize computes the percentiles and throughput of latencies ds
// measured over elapsed. It sorts ds.
func Summarize(name string, ds []time.Duration, elapsed time.Duration) Stat {
	s := Stat{Name: name, Ops: len(ds)}
	if len(ds) == 0 || elapsed <= 0 {
		return s
	}
	slices.Sort(ds)
	pct := func(p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
	s.P50, s.P95, s.P99 = pct(0.50), pct(0.95), pct(0.99)
	s.QPS = float64(len(ds)) / elapsed.Seconds()
	return s
}

// Spread is the median of a measure over several rounds, with its
// smallest and largest value.
type Spread struct{ Median, Min, Max float64 }

// SpreadOf returns the median, smallest and largest of xs (zero if empty).
func SpreadOf(xs []float64) Spread {
	if len(xs) == 0 {
		return Spread{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return Spread{Median: m, Min: s[0], Max: s[len(s)-1]}
}
