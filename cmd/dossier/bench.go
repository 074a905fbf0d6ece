package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/spf13/cobra"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/loadgen"
	"github.com/dossier/dossier/index"
)

// benchConfig is what one `dossier bench` run measures.
type benchConfig struct {
	passages, workers, rounds, cold, burst int
	duration                               time.Duration
	http                                   bool
}

func newBenchCmd(o *options) *cobra.Command {
	var (
		c          benchConfig
		cpuprofile string
	)
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure latency and throughput against plain Bleve floors, in alternating rounds",
		Long: "bench runs a mixed query set (ask, who-said, casualties, timeline, out-of-scope) through the\n" +
			"command layer, then ask alone beside its floor: Bleve's own match query for the same questions on\n" +
			"the same index. Measured and floor phases alternate (ABBA…) for --rounds rounds of --duration each,\n" +
			"and every figure is the median of the rounds with its smallest and largest value. --http adds the\n" +
			"HTTP interactions endpoint on loopback, each request freshly signed, beside its floor (Ed25519\n" +
			"verify + the match query, in process). --passages N measures a synthetic corpus of N passages,\n" +
			"built on disk (or opened with --index). --cold N starts dossier ask N times, with and without\n" +
			"--index, alternating with a process doing the least Bleve work that answers the same question.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cpuprofile != "" {
				f, err := os.Create(cpuprofile)
				if err != nil {
					return err
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return err
				}
				defer pprof.StopCPUProfile()
			}
			return o.bench(cmd.Context(), c)
		},
	}
	f := cmd.Flags()
	f.IntVar(&c.passages, "passages", 0, "bench a synthetic corpus of this many passages (10000, 100000, 1000000)")
	f.IntVar(&c.workers, "concurrency", runtime.GOMAXPROCS(0), "concurrent workers")
	f.DurationVar(&c.duration, "duration", time.Second, "how long each phase runs in each round")
	f.IntVar(&c.rounds, "rounds", 5, "rounds of alternating measured and floor phases")
	f.BoolVar(&c.http, "http", false, "also load the HTTP interactions endpoint on loopback")
	f.IntVar(&c.burst, "chart-burst", 0, "also send `N` simultaneous uncached /timeline chart requests to the endpoint, each round")
	f.IntVar(&c.cold, "cold", 0, "also start dossier ask and its floor `N` times each, with and without --index")
	f.StringVar(&cpuprofile, "cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof -top FILE)")
	cmd.AddCommand(newColdRunCmd(o))
	return cmd
}

func (o *options) bench(ctx context.Context, c benchConfig) error {
	for _, bad := range []struct {
		flag  string
		wrong bool
		want  string
	}{
		{"--concurrency", c.workers < 1, "positive"},
		{"--duration", c.duration <= 0, "positive"},
		{"--rounds", c.rounds < 1, "positive"},
		{"--passages", c.passages < 0, "not negative"},
		{"--cold", c.cold < 0, "not negative"},
		{"--chart-burst", c.burst < 0, "not negative"},
	} {
		if bad.wrong {
			return usageError{fmt.Errorf("%s must be %s", bad.flag, bad.want)}
		}
	}
	kb, seedDocs, err := o.loadKnowledge()
	if err != nil {
		return err
	}

	start := time.Now()
	var ix *index.Index
	desc := "embedded seeds, in memory"
	switch {
	case o.indexDir != "":
		ix, err = index.Open(o.indexDir, kb)
		desc = "opened from " + o.indexDir
	case c.passages > 0:
		dir, derr := os.MkdirTemp("", "dossier-bench-")
		if derr != nil {
			return derr
		}
		defer os.RemoveAll(dir)
		if ix, err = o.build(ctx, kb, seedDocs, filepath.Join(dir, "index"), c.passages); err == nil {
			built := time.Since(start)
			size := dirSize(filepath.Join(dir, "index"))
			ix.Close()
			fmt.Fprintf(o.stdout, "built a synthetic index of %d passages in %s (%.1f MB on disk)\n", c.passages, built.Round(time.Millisecond), float64(size)/1e6)
			start = time.Now()
			ix, err = index.Open(filepath.Join(dir, "index"), kb)
			desc = fmt.Sprintf("synthetic, %d passages, on disk", c.passages)
		}
	default:
		ix, err = o.build(ctx, kb, seedDocs, "", 0)
	}
	if err != nil {
		return err
	}
	defer ix.Close()
	opened := time.Since(start)
	what := "passages"
	if ix.HasFacts() {
		what = "passages and facts"
	}
	fmt.Fprintf(o.stdout, "corpus: %s; %d %s indexed; ready in %s\n", desc, ix.DocCount(), what, opened.Round(time.Millisecond))
	fmt.Fprintf(o.stdout, "memory after open: %s\n", memory())
	fmt.Fprintf(o.stdout, "%d %s, %d %s of %s per phase, GOMAXPROCS %d, %d CPUs\n\n", c.workers, bot.Plural(c.workers, "worker", "workers"), c.rounds, bot.Plural(c.rounds, "round", "rounds"), c.duration, runtime.GOMAXPROCS(0), runtime.NumCPU())

	b := bot.New(ix, kb, nil)
	t := newTally()
	mix := loadgen.Mix()
	questions := loadgen.AskQuestions()
	phases := []phase{
		{name: "ask", run: func(r *loadgen.Recorder) time.Duration {
			return loadgen.Drive(ctx, c.workers, c.duration, func(w, i int) {
				q := questions[(w*7+i)%len(questions)]
				start := time.Now()
				_, err := b.Ask(ctx, bot.AskRequest{Question: q})
				r.Add("ask", time.Since(start), err)
			})
		}},
		{name: "match (floor)", run: func(r *loadgen.Recorder) time.Duration {
			return loadgen.Drive(ctx, c.workers, c.duration, func(w, i int) {
				q := questions[(w*7+i)%len(questions)]
				start := time.Now()
				_, err := ix.Match(ctx, q, bot.DefaultLimit)
				r.Add("match (floor)", time.Since(start), err)
			})
		}},
	}
	for round := range c.rounds {
		var r loadgen.Recorder
		cpu := cpuTime()
		el := loadgen.Drive(ctx, c.workers, c.duration, func(w, i int) {
			op := mix[(w*7+i)%len(mix)]
			start := time.Now()
			err := op.Run(ctx, b)
			r.Add(op.Kind, time.Since(start), err)
		})
		if err := r.Err(); err != nil {
			return fmt.Errorf("mixed set: %w", err)
		}
		for _, k := range loadgen.Kinds() {
			t.add(r.Stat("mixed: "+k, el, k))
		}
		t.add(withCPU(r.Stat("mixed (all)", el), cpu))
		if err := t.alternate(round, phases); err != nil {
			return err
		}
	}
	t.print(o.stdout)
	t.ratio(o.stdout, "ask", "match (floor)")
	fmt.Fprintf(o.stdout, "memory after queries: %s\n", memory())

	if c.http {
		if err := o.benchHTTP(ctx, ix, b, kb, c); err != nil {
			return err
		}
	}
	if c.burst > 0 {
		if err := o.benchBurst(ctx, b, kb, c); err != nil {
			return err
		}
	}
	if c.cold > 0 {
		return o.benchCold(ctx, kb, seedDocs, c.cold)
	}
	return nil
}
