package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/knowledge"
)

// benchOp is one kind of request in the mixed query set.
type benchOp struct {
	kind string
	run  func(ctx context.Context, b *bot.Bot) error
	// interaction is the same request as a Discord interaction, for --http.
	interaction map[string]any
}

func ask(q string) benchOp {
	return benchOp{kind: "ask", run: func(ctx context.Context, b *bot.Bot) error {
		_, err := b.Ask(ctx, bot.AskRequest{Question: q})
		return err
	}, interaction: command("ask", "question", q)}
}

func command(name, opt, val string) map[string]any {
	var opts []map[string]any
	if opt != "" {
		opts = []map[string]any{{"name": opt, "type": 3, "value": val}}
	}
	return map[string]any{"id": "1", "name": name, "type": 1, "options": opts}
}

// askQuestions are the ask part of the mix, also run as bare match queries.
var askQuestions = []string{
	"Who said the strikes would deter future action?",
	"What did Iran's foreign ministry spokesman say?",
	"What legal authority did the President rely on?",
	"Which militias were targeted on June 27?",
	"What aircraft carried out the strikes?",
	"What did the Fatah Coalition demand?",
}

func benchOps() []benchOp {
	var ops []benchOp
	for _, q := range askQuestions {
		ops = append(ops, ask(q))
	}
	for _, s := range []string{"Blinken", "Psaki", "Kirby"} {
		ops = append(ops, benchOp{kind: "who-said", run: func(ctx context.Context, b *bot.Bot) error {
			_, err := b.WhoSaid(ctx, bot.WhoSaidRequest{Speaker: s})
			return err
		}, interaction: command("who-said", "speaker", s)})
	}
	for _, e := range []string{"2021-06-27", "Camp Taji"} {
		ops = append(ops, benchOp{kind: "casualties", run: func(ctx context.Context, b *bot.Bot) error {
			_, err := b.Casualties(ctx, bot.CasualtiesRequest{Event: e})
			return err
		}, interaction: command("casualties", "event", e)})
	}
	for _, a := range []string{"", "Kataib Hezbollah"} {
		ops = append(ops, benchOp{kind: "timeline", run: func(ctx context.Context, b *bot.Bot) error {
			_, err := b.Timeline(ctx, bot.TimelineRequest{Actor: a})
			return err
		}, interaction: command("timeline", "actor", a)})
	}
	for _, q := range []string{"What did Putin say about the strikes?", "Which Turkish units were shelled near Erbil?"} {
		op := ask(q)
		op.kind = "out-of-scope"
		ops = append(ops, op)
	}
	return ops
}

// latencies collects durations per kind from concurrent workers.
type latencies struct {
	mu  sync.Mutex
	by  map[string][]time.Duration
	err error
}

func (l *latencies) add(kind string, d time.Duration, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.by == nil {
		l.by = map[string][]time.Duration{}
	}
	l.by[kind] = append(l.by[kind], d)
	if err != nil && l.err == nil {
		l.err = fmt.Errorf("%s: %w", kind, err)
	}
}

// drive runs n workers, each calling do(i) with its own counter, until d
// has passed.
func drive(ctx context.Context, workers int, d time.Duration, do func(worker, i int)) time.Duration {
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

type stat struct {
	name          string
	ops           int
	qps           float64
	p50, p95, p99 time.Duration
}

func summarize(name string, ds []time.Duration, elapsed time.Duration) stat {
	s := stat{name: name, ops: len(ds)}
	if len(ds) == 0 {
		return s
	}
	slices.Sort(ds)
	pct := func(p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
	s.p50, s.p95, s.p99 = pct(0.50), pct(0.95), pct(0.99)
	s.qps = float64(len(ds)) / elapsed.Seconds()
	return s
}

func newBenchCmd(o *options) *cobra.Command {
	var (
		passages, workers, cold int
		duration                time.Duration
		withHTTP                bool
		cpuprofile              string
	)
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure latency and throughput of the mixed query set against the bare Bleve and HTTP floors",
		Long: "bench runs a mixed query set (ask, who-said, casualties, timeline, out-of-scope) through the\n" +
			"command layer and reports p50/p95/p99 latency and queries per second, beside a bare Bleve match\n" +
			"query on the same index (the search floor). --http adds the HTTP interactions endpoint under\n" +
			"concurrent signed requests beside ed25519 verify + bare query (the endpoint's floor). --passages N\n" +
			"measures a synthetic corpus of N passages, built on disk (or opened with --index). --cold N\n" +
			"starts `dossier ask` N times and reports its wall time and peak memory.",
		Args: cobra.NoArgs,
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
			return o.bench(cmd.Context(), passages, workers, duration, withHTTP, cold)
		},
	}
	f := cmd.Flags()
	f.IntVar(&passages, "passages", 0, "bench a synthetic corpus of this many passages (10000, 100000, 1000000)")
	f.IntVar(&workers, "concurrency", runtime.GOMAXPROCS(0), "concurrent workers")
	f.DurationVar(&duration, "duration", 3*time.Second, "how long each phase runs")
	f.BoolVar(&withHTTP, "http", false, "also load the HTTP interactions endpoint on loopback")
	f.IntVar(&cold, "cold", 0, "also start `dossier ask` this many times, for cold-start time and memory")
	f.StringVar(&cpuprofile, "cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof -top FILE)")
	return cmd
}

func (o *options) bench(ctx context.Context, passages, workers int, d time.Duration, withHTTP bool, cold int) error {
	if workers < 1 || d <= 0 || passages < 0 || cold < 0 {
		return usageError{errors.New("--concurrency and --duration must be positive, --passages and --cold not negative")}
	}
	out := tabwriter.NewWriter(o.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	kb, seedDocs, err := o.loadKnowledge()
	if err != nil {
		return err
	}

	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	var ix *index.Index
	desc := "embedded seeds, in memory"
	switch {
	case o.indexDir != "":
		ix, err = index.Open(o.indexDir, kb)
		desc = "opened from " + o.indexDir
	case passages > 0:
		dir, derr := os.MkdirTemp("", "dossier-bench-")
		if derr != nil {
			return derr
		}
		defer os.RemoveAll(dir)
		if ix, err = o.build(ctx, kb, seedDocs, filepath.Join(dir, "index"), passages); err == nil {
			built := time.Since(start)
			size := dirSize(filepath.Join(dir, "index"))
			ix.Close()
			fmt.Fprintf(o.stdout, "built a synthetic index of %d passages in %s (%.1f MB on disk)\n", passages, built.Round(time.Millisecond), float64(size)/1e6)
			start = time.Now()
			ix, err = index.Open(filepath.Join(dir, "index"), kb)
			desc = fmt.Sprintf("synthetic, %d passages, on disk", passages)
		}
	default:
		ix, err = o.build(ctx, kb, seedDocs, "", 0)
	}
	if err != nil {
		return err
	}
	defer ix.Close()
	opened := time.Since(start)
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	fmt.Fprintf(o.stdout, "corpus: %s; %d documents indexed; ready in %s; heap %.1f MB, RSS %.1f MB\n",
		desc, ix.DocCount(), opened.Round(time.Millisecond), float64(after.HeapAlloc)/1e6, float64(rss())/1e6)
	fmt.Fprintf(o.stdout, "%d workers, %s per phase, GOMAXPROCS %d, %d CPUs\n\n", workers, d, runtime.GOMAXPROCS(0), runtime.NumCPU())

	b := bot.New(ix, kb, nil)
	ops := benchOps()
	var mixed latencies
	el := drive(ctx, workers, d, func(w, i int) {
		op := ops[(w*7+i)%len(ops)]
		t := time.Now()
		err := op.run(ctx, b)
		mixed.add(op.kind, time.Since(t), err)
	})
	if mixed.err != nil {
		return mixed.err
	}
	var all []time.Duration
	var stats []stat
	for _, kind := range []string{"ask", "who-said", "casualties", "timeline", "out-of-scope"} {
		stats = append(stats, summarize(kind, mixed.by[kind], el))
		all = append(all, mixed.by[kind]...)
	}
	stats = append(stats, summarize("mixed (all)", all, el))

	// The floor: a bare Bleve match query for the same ask questions.
	var bare, full latencies
	elBare := drive(ctx, workers, d, func(w, i int) {
		q := askQuestions[(w*7+i)%len(askQuestions)]
		t := time.Now()
		_, err := ix.Match(ctx, q, 3)
		bare.add("bare", time.Since(t), err)
	})
	elFull := drive(ctx, workers, d, func(w, i int) {
		q := askQuestions[(w*7+i)%len(askQuestions)]
		t := time.Now()
		_, err := b.Ask(ctx, bot.AskRequest{Question: q})
		full.add("ask", time.Since(t), err)
	})
	if bare.err != nil || full.err != nil {
		return errors.Join(bare.err, full.err)
	}
	bs, fs := summarize("bare match (floor)", bare.by["bare"], elBare), summarize("ask only", full.by["ask"], elFull)
	stats = append(stats, fs, bs)
	printStats(out, stats)
	fmt.Fprintf(o.stdout, "ask / bare match: p50 %.2fx, p99 %.2fx, throughput %.0f%%\n",
		ratio(fs.p50, bs.p50), ratio(fs.p99, bs.p99), 100*fs.qps/bs.qps)

	if withHTTP {
		if err := o.benchHTTP(ctx, ix, b, kb, workers, d); err != nil {
			return err
		}
	}
	if cold > 0 {
		return o.benchCold(ctx, cold)
	}
	return nil
}

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func printStats(w *tabwriter.Writer, stats []stat) {
	fmt.Fprintln(w, "phase\tops\tqps\tp50\tp95\tp99\t")
	for _, s := range stats {
		fmt.Fprintf(w, "%s\t%d\t%.0f\t%s\t%s\t%s\t\n", s.name, s.ops, s.qps, round(s.p50), round(s.p95), round(s.p99))
	}
	w.Flush()
}

func round(d time.Duration) string {
	switch {
	case d >= time.Second:
		return d.Round(time.Millisecond).String()
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond).String()
	}
	return d.Round(time.Microsecond).String()
}

// benchHTTP serves the interactions endpoint on loopback and loads it with
// pre-signed mixed requests from concurrent clients, beside the floor of
// verifying a signature and running a bare query.
func (o *options) benchHTTP(ctx context.Context, ix *index.Index, b *bot.Bot, kb *knowledge.Base, workers int, d time.Duration) error {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	h := discord.NewHandler(bot.NewLive(b, kb, nil), nil)
	h.SetCooldown(time.Nanosecond, 1<<30) // one synthetic user sends everything
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := newHTTPServer(discord.NewEndpoint(h, pub, nil))
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/interactions"

	type signed struct{ body, sig, ts string }
	var reqs []signed
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	for i, op := range benchOps() {
		body, _ := json.Marshal(map[string]any{"id": strconv.Itoa(i), "application_id": "1", "type": 2, "token": "t", "version": 1,
			"member": map[string]any{"user": map[string]any{"id": "9"}, "permissions": "0"}, "data": op.interaction})
		reqs = append(reqs, signed{string(body), hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))), ts})
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers * 2}, Timeout: 10 * time.Second}
	var lat latencies
	el := drive(ctx, workers, d, func(w, i int) {
		r := reqs[(w*7+i)%len(reqs)]
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(r.body))
		req.Header.Set("X-Signature-Ed25519", r.sig)
		req.Header.Set("X-Signature-Timestamp", r.ts)
		t := time.Now()
		resp, err := client.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				err = fmt.Errorf("status %d", resp.StatusCode)
			}
		}
		lat.add("http", time.Since(t), err)
	})
	var floor latencies
	elFloor := drive(ctx, workers, d, func(w, i int) {
		r := reqs[(w*7+i)%len(reqs)]
		t := time.Now()
		ok := ed25519.Verify(pub, append([]byte(r.ts), r.body...), mustHex(r.sig))
		_, err := ix.Match(ctx, askQuestions[i%len(askQuestions)], 3)
		if !ok {
			err = errors.New("signature did not verify")
		}
		floor.add("floor", time.Since(t), err)
	})
	if lat.err != nil || floor.err != nil {
		return errors.Join(lat.err, floor.err)
	}
	hs, fs := summarize("http endpoint (mixed)", lat.by["http"], el), summarize("verify + bare (floor)", floor.by["floor"], elFloor)
	fmt.Fprintln(o.stdout)
	printStats(tabwriter.NewWriter(o.stdout, 0, 4, 2, ' ', tabwriter.AlignRight), []stat{hs, fs})
	fmt.Fprintf(o.stdout, "http endpoint throughput: %.0f%% of the floor; p99 %s (%d errors)\n", 100*hs.qps/fs.qps, round(hs.p99), 0)
	return nil
}

func mustHex(s string) []byte {
	b, _ := hex.DecodeString(s)
	return b
}

// benchCold starts `dossier ask` n times and reports the median wall time
// and the largest peak resident memory.
func (o *options) benchCold(ctx context.Context, n int) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	var walls []time.Duration
	var peak int64
	for range n {
		c := exec.CommandContext(ctx, exe, "ask", "Who said the strikes would deter future action?")
		c.Stdout = io.Discard
		var stderr bytes.Buffer
		c.Stderr = &stderr
		t := time.Now()
		if err := c.Run(); err != nil {
			return fmt.Errorf("cold start: %w: %s", err, stderr.String())
		}
		walls = append(walls, time.Since(t))
		if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peak = max(peak, ru.Maxrss*1024)
		}
	}
	slices.Sort(walls)
	fmt.Fprintf(o.stdout, "\ncold start of `dossier ask` (%d runs): median %s, slowest %s; peak RSS %.1f MB\n",
		n, round(walls[len(walls)/2]), round(walls[len(walls)-1]), float64(peak)/1e6)
	return nil
}

// rss returns this process's resident memory in bytes, from /proc.
func rss() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
