package main

import (
	"bufio"
	"bytes"
	"context"
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
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/bot/loadgen"
	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
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
	if c.workers < 1 || c.duration <= 0 || c.rounds < 1 || c.passages < 0 || c.cold < 0 || c.burst < 0 {
		return usageError{errors.New("--concurrency, --duration and --rounds must be positive, --passages, --cold and --chart-burst not negative")}
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
	fmt.Fprintf(o.stdout, "corpus: %s; %d documents indexed; ready in %s\n", desc, ix.DocCount(), opened.Round(time.Millisecond))
	fmt.Fprintf(o.stdout, "memory after open: %s\n", memory())
	fmt.Fprintf(o.stdout, "%d workers, %d rounds of %s per phase, GOMAXPROCS %d, %d CPUs\n\n", c.workers, c.rounds, c.duration, runtime.GOMAXPROCS(0), runtime.NumCPU())

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

// benchBurst sends c.burst identical /timeline chart requests at once to
// an endpoint whose chart cache is empty, once per round, and reports the
// latencies and the peak resident memory of the burst.
func (o *options) benchBurst(ctx context.Context, b *bot.Bot, kb *knowledge.Base, c benchConfig) error {
	signer, err := loadgen.NewSigner()
	if err != nil {
		return err
	}
	var timeline loadgen.Op
	for _, op := range loadgen.Mix() {
		if op.Kind == loadgen.KindTimeline {
			timeline = op
			break
		}
	}
	t := newTally()
	var peaks []float64
	for range c.rounds {
		h := discord.NewHandler(bot.NewLive(b, kb, nil), nil) // an empty chart cache
		h.SetCooldown(time.Nanosecond, 1<<30)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		srv := newHTTPServer(discord.NewEndpoint(h, signer.PublicKey(), nil), nil)
		go srv.Serve(ln)
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c.burst}, Timeout: 30 * time.Second}
		reqs := make([]*http.Request, c.burst)
		for i := range reqs {
			in, err := signer.Command(timeline.Data)
			if err == nil {
				reqs[i], err = in.Request(ctx, "http://"+ln.Addr().String()+"/interactions")
			}
			if err != nil {
				srv.Close()
				return err
			}
		}
		runtime.GC()
		resetPeak()
		var r loadgen.Recorder
		start := make(chan struct{})
		var wg sync.WaitGroup
		for _, req := range reqs {
			wg.Go(func() {
				<-start
				t0 := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					err = loadgen.Check(resp)
				}
				r.Add("burst", time.Since(t0), err)
			})
		}
		t0 := time.Now()
		close(start)
		wg.Wait()
		el := time.Since(t0)
		peaks = append(peaks, float64(procStatus("VmHWM")))
		client.CloseIdleConnections()
		srv.Close()
		if err := r.Err(); err != nil {
			// Failures under a burst are a finding, not a broken bench.
			fmt.Fprintf(o.stdout, "chart burst: %v\n", err)
		}
		t.add(r.Stat(fmt.Sprintf("%d uncached charts at once", c.burst), el))
	}
	fmt.Fprintln(o.stdout)
	t.print(o.stdout)
	p := loadgen.SpreadOf(peaks)
	fmt.Fprintf(o.stdout, "peak RSS of the process during the burst: %.1f MB (%.1f–%.1f)\n", p.Median/1e6, p.Min/1e6, p.Max/1e6)
	return nil
}

// resetPeak resets the process's peak resident memory (VmHWM), so that it
// measures what comes next; where /proc does not allow it, VmHWM keeps the
// peak since the start.
func resetPeak() {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// phase is one timed phase of a round.
type phase struct {
	name string
	run  func(r *loadgen.Recorder) time.Duration
}

// tally keeps each phase's figures from every round.
type tally struct {
	order []string
	by    map[string][]loadgen.Stat
}

func newTally() *tally { return &tally{by: map[string][]loadgen.Stat{}} }

func (t *tally) add(s loadgen.Stat) {
	if _, ok := t.by[s.Name]; !ok {
		t.order = append(t.order, s.Name)
	}
	t.by[s.Name] = append(t.by[s.Name], s)
}

// alternate runs the phases of one round, in reverse order every other
// round (ABBA…), so that drift of the machine weighs on all alike.
func (t *tally) alternate(round int, phases []phase) error {
	for k := range phases {
		p := phases[k]
		if round%2 == 1 {
			p = phases[len(phases)-1-k]
		}
		var r loadgen.Recorder
		cpu := cpuTime()
		el := p.run(&r)
		if err := r.Err(); err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		t.add(withCPU(r.Stat(p.name, el), cpu))
	}
	return nil
}

// withCPU sets the CPU time per request of s, from the process's CPU time
// at the start of its phase.
func withCPU(s loadgen.Stat, start time.Duration) loadgen.Stat {
	if used := cpuTime() - start; start > 0 && used > 0 && s.Ops > 0 {
		s.CPU = used / time.Duration(s.Ops)
	}
	return s
}

// print writes the median of each phase over the rounds, with the smallest
// and largest value.
func (t *tally) print(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "phase\trounds\tops\terrors\tqps (min–max)\tp50 (min–max)\tp99 (min–max)\tCPU/op (min–max)\t")
	for _, name := range t.order {
		ss := t.by[name]
		ops, errs := 0, 0
		for _, s := range ss {
			ops += s.Ops
			errs += s.Errors
		}
		qps := loadgen.SpreadOf(each(ss, func(s loadgen.Stat) float64 { return s.QPS }))
		p50 := loadgen.SpreadOf(each(ss, func(s loadgen.Stat) float64 { return float64(s.P50) }))
		p99 := loadgen.SpreadOf(each(ss, func(s loadgen.Stat) float64 { return float64(s.P99) }))
		cpu := loadgen.SpreadOf(each(ss, func(s loadgen.Stat) float64 { return float64(s.CPU) }))
		cpuCol := "—"
		if cpu.Min > 0 {
			cpuCol = fmt.Sprintf("%s (%s–%s)", dur(cpu.Median), dur(cpu.Min), dur(cpu.Max))
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.0f (%.0f–%.0f)\t%s (%s–%s)\t%s (%s–%s)\t%s\t\n", name, len(ss), ops, errs,
			qps.Median, qps.Min, qps.Max, dur(p50.Median), dur(p50.Min), dur(p50.Max), dur(p99.Median), dur(p99.Min), dur(p99.Max), cpuCol)
	}
	tw.Flush()
}

// ratio prints how phase a compares with phase b, round by round: the
// median of the per-round ratios and their spread.
func (t *tally) ratio(w io.Writer, a, b string) {
	as, bs := t.by[a], t.by[b]
	n := min(len(as), len(bs))
	var p50, p99, qps, cpu []float64
	for i := range n {
		if bs[i].P50 > 0 && bs[i].P99 > 0 && bs[i].QPS > 0 {
			p50 = append(p50, float64(as[i].P50)/float64(bs[i].P50))
			p99 = append(p99, float64(as[i].P99)/float64(bs[i].P99))
			qps = append(qps, 100*as[i].QPS/bs[i].QPS)
		}
		if as[i].CPU > 0 && bs[i].CPU > 0 {
			cpu = append(cpu, float64(as[i].CPU)/float64(bs[i].CPU))
		}
	}
	r50, r99, rq := loadgen.SpreadOf(p50), loadgen.SpreadOf(p99), loadgen.SpreadOf(qps)
	fmt.Fprintf(w, "%s ÷ %s, median of %d rounds (min–max): p50 %.2fx (%.2f–%.2f), p99 %.2fx (%.2f–%.2f), throughput %.0f%% (%.0f–%.0f%%)",
		a, b, len(p50), r50.Median, r50.Min, r50.Max, r99.Median, r99.Min, r99.Max, rq.Median, rq.Min, rq.Max)
	if len(cpu) > 0 {
		rc := loadgen.SpreadOf(cpu)
		fmt.Fprintf(w, ", CPU/op %.2fx (%.2f–%.2f)", rc.Median, rc.Min, rc.Max)
	}
	fmt.Fprintln(w)
}

func each(ss []loadgen.Stat, f func(loadgen.Stat) float64) []float64 {
	out := make([]float64, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}

// dur rounds a duration given in nanoseconds for display.
func dur(ns float64) string {
	d := time.Duration(ns)
	switch {
	case d >= time.Second:
		return d.Round(time.Millisecond).String()
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond).String()
	}
	return d.Round(time.Microsecond).String()
}

// benchHTTP serves the interactions endpoint on loopback and loads it from
// concurrent clients with freshly signed requests — the ask questions
// alone, then the whole mix — beside the floor of verifying a signature
// and running the match query in process.
func (o *options) benchHTTP(ctx context.Context, ix *index.Index, b *bot.Bot, kb *knowledge.Base, c benchConfig) error {
	signer, err := loadgen.NewSigner()
	if err != nil {
		return err
	}
	live := bot.NewLive(b, kb, nil)
	h := discord.NewHandler(live, nil)
	h.SetCooldown(time.Nanosecond, 1<<30) // one synthetic user sends everything
	metrics := discord.NewMetrics(live)
	h.SetMetrics(metrics)
	ep := discord.NewEndpoint(h, signer.PublicKey(), nil)
	ep.ServeMetrics(metrics.Handler())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := newHTTPServer(ep, nil)
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c.workers * 2}, Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()

	questions := loadgen.AskQuestions()
	asks := make([]loadgen.Op, len(questions))
	signedAsks := make([]*loadgen.Signed, len(questions))
	for i, q := range questions {
		asks[i] = loadgen.Ask(q)
		if signedAsks[i], err = signer.Command(asks[i].Data); err != nil {
			return err
		}
	}
	post := func(r *loadgen.Recorder, op loadgen.Op, kind string) {
		// A fresh signature for every request: the endpoint refuses
		// replays. Signing is the client's work, outside the latency.
		in, err := signer.Command(op.Data)
		if err != nil {
			r.Add(kind, 0, err)
			return
		}
		req, err := in.Request(ctx, base+"/interactions")
		if err != nil {
			r.Add(kind, 0, err)
			return
		}
		start := time.Now()
		resp, err := client.Do(req)
		if err == nil {
			err = loadgen.Check(resp)
		}
		r.Add(kind, time.Since(start), err)
	}
	mix := loadgen.Mix()
	phases := []phase{
		{name: "http ask", run: func(r *loadgen.Recorder) time.Duration {
			return loadgen.Drive(ctx, c.workers, c.duration, func(w, i int) {
				post(r, asks[(w*7+i)%len(asks)], "http ask")
			})
		}},
		{name: "verify + match (floor)", run: func(r *loadgen.Recorder) time.Duration {
			return loadgen.Drive(ctx, c.workers, c.duration, func(w, i int) {
				k := (w*7 + i) % len(questions)
				start := time.Now()
				_, err := ix.Match(ctx, questions[k], bot.DefaultLimit)
				if !signedAsks[k].Verify(signer.PublicKey()) {
					err = errors.New("signature did not verify")
				}
				r.Add("floor", time.Since(start), err)
			})
		}},
	}
	t := newTally()
	for round := range c.rounds {
		var r loadgen.Recorder
		cpu := cpuTime()
		el := loadgen.Drive(ctx, c.workers, c.duration, func(w, i int) {
			post(&r, mix[(w*7+i)%len(mix)], "http mixed")
		})
		if err := r.Err(); err != nil {
			return fmt.Errorf("http mixed: %w", err)
		}
		t.add(withCPU(r.Stat("http mixed", el), cpu))
		if err := t.alternate(round, phases); err != nil {
			return err
		}
	}
	fmt.Fprintln(o.stdout)
	t.print(o.stdout)
	t.ratio(o.stdout, "http ask", "verify + match (floor)")
	failed, err := failedInteractions(ctx, client, base+"/metrics")
	if err != nil {
		return err
	}
	fmt.Fprintf(o.stdout, "interactions the endpoint answered with an error or a cooldown: %d\n", failed)
	if failed > 0 {
		return fmt.Errorf("the endpoint failed %d interactions", failed)
	}
	fmt.Fprintf(o.stdout, "memory after HTTP load: %s\n", memory())
	return nil
}

// failedInteractions reads the endpoint's metrics and counts the
// interactions that ended in an error or were refused by the cooldown
// (which the bench turns off).
func failedInteractions(ctx context.Context, client *http.Client, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("read metrics: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("read metrics: status %d", resp.StatusCode)
	}
	n, seen := 0, false
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "dossier_requests_total{") {
			continue
		}
		seen = true
		if strings.Contains(line, `outcome="error"`) || strings.Contains(line, `outcome="cooldown"`) {
			v, err := strconv.ParseFloat(line[strings.LastIndexByte(line, ' ')+1:], 64)
			if err != nil {
				return 0, fmt.Errorf("read metrics: %q: %w", line, err)
			}
			n += int(v)
		}
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("read metrics: %w", err)
	}
	if !seen {
		return 0, errors.New("read metrics: no dossier_requests_total: the endpoint counted no interaction")
	}
	return n, nil
}

// benchCold starts `dossier ask` n times without and with --index, each
// run followed by its floor (a process doing the least Bleve work that
// answers the same question), and reports median wall time and peak
// memory of each.
func (o *options) benchCold(ctx context.Context, kb *knowledge.Base, seedDocs []*seeds.Document, n int) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	dir := o.indexDir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "dossier-cold-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = filepath.Join(tmp, "index")
		ix, err := o.build(ctx, kb, seedDocs, dir, 0)
		if err != nil {
			return err
		}
		ix.Close()
	}
	type mode struct {
		name string
		args []string
	}
	modes := []mode{
		{"ask (seeds, built at start)", []string{"bench", "cold-run", "--", loadgen.ColdQuestion}},
		{"floor: build + match", []string{"bench", "cold-run", "--floor", "--", loadgen.ColdQuestion}},
		{"ask --index", []string{"--index", dir, "bench", "cold-run", "--", loadgen.ColdQuestion}},
		{"floor: open + match", []string{"--index", dir, "bench", "cold-run", "--floor", "--", loadgen.ColdQuestion}},
	}
	walls := map[string][]float64{}
	cpus := map[string][]float64{}
	peaks := map[string][]float64{}
	for i := range n {
		for k := range modes {
			m := modes[k]
			if i%2 == 1 { // ABBA: the floor first every other run
				m = modes[k^1]
			}
			c := exec.CommandContext(ctx, exe, m.args...)
			var stdout, stderr bytes.Buffer
			c.Stdout, c.Stderr = &stdout, &stderr
			start := time.Now()
			if err := c.Run(); err != nil {
				return fmt.Errorf("cold start (%s): %w: %s", m.name, err, stderr.String())
			}
			walls[m.name] = append(walls[m.name], float64(time.Since(start)))
			cpus[m.name] = append(cpus[m.name], float64(c.ProcessState.UserTime()+c.ProcessState.SystemTime()))
			peak, err := strconv.ParseInt(strings.TrimSpace(stdout.String()), 10, 64)
			if err != nil {
				return fmt.Errorf("cold start (%s): peak memory %q: %w", m.name, stdout.String(), err)
			}
			peaks[m.name] = append(peaks[m.name], float64(peak))
		}
	}
	fmt.Fprintf(o.stdout, "\ncold start, %d runs of each, alternated (median, min–max); question: %q\n", n, loadgen.ColdQuestion)
	tw := tabwriter.NewWriter(o.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "process\twall (min–max)\tCPU (min–max)\tpeak RSS (min–max)\t")
	for _, m := range modes {
		w, c, p := loadgen.SpreadOf(walls[m.name]), loadgen.SpreadOf(cpus[m.name]), loadgen.SpreadOf(peaks[m.name])
		fmt.Fprintf(tw, "%s\t%s (%s–%s)\t%s (%s–%s)\t%.1f MB (%.1f–%.1f)\t\n", m.name, dur(w.Median), dur(w.Min), dur(w.Max),
			dur(c.Median), dur(c.Min), dur(c.Max), p.Median/1e6, p.Min/1e6, p.Max/1e6)
	}
	tw.Flush()
	for k := 0; k < len(modes); k += 2 {
		a, b := loadgen.SpreadOf(walls[modes[k].name]), loadgen.SpreadOf(walls[modes[k+1].name])
		ca, cb := loadgen.SpreadOf(cpus[modes[k].name]), loadgen.SpreadOf(cpus[modes[k+1].name])
		fmt.Fprintf(o.stdout, "%s ÷ its floor (medians): wall %.2fx, CPU %.2fx\n", modes[k].name, a.Median/b.Median, ca.Median/cb.Median)
	}
	return nil
}

// newColdRunCmd is the process benchCold starts: `dossier ask` (or, with
// --floor, the floor) run in a process of its own, which then prints its
// own peak resident memory. The peak comes from the process itself because
// the kernel's accounting of a child started by a large parent includes
// the parent's pages.
func newColdRunCmd(o *options) *cobra.Command {
	var floor bool
	cmd := &cobra.Command{
		Use:    "cold-run [--floor] -- QUESTION",
		Short:  "Answer one question as `dossier ask` (or its floor) does, then print the peak RSS in bytes",
		Hidden: true,
		Args:   cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			var err error
			switch {
			case floor && o.indexDir != "":
				_, err = index.FloorOpen(ctx, o.indexDir, args[0])
			case floor:
				var docs []*seeds.Document
				if docs, err = seeds.Load(seeds.Embedded()); err == nil {
					_, err = index.FloorBuild(ctx, docs, args[0])
				}
			default:
				// Exactly `dossier [--index DIR] ask QUESTION`.
				ask := []string{"ask", args[0]}
				if o.indexDir != "" {
					ask = append([]string{"--index", o.indexDir}, ask...)
				}
				err = run(ctx, ask, io.Discard, o.stderr)
			}
			if err != nil {
				return err
			}
			fmt.Fprintln(o.stdout, procStatus("VmHWM"))
			return nil
		},
	}
	cmd.Flags().BoolVar(&floor, "floor", false, "do the floor's work instead of ask's")
	return cmd
}

// memory describes this process's memory: Go heap, and resident memory
// split into anonymous pages (the process's own) and file pages (mapped
// index segments: page cache the kernel can drop and read again).
func memory() string {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return fmt.Sprintf("heap %.1f MB; RSS %.1f MB = anonymous %.1f MB + file-backed %.1f MB",
		float64(ms.HeapAlloc)/1e6, float64(procStatus("VmRSS"))/1e6, float64(procStatus("RssAnon"))/1e6, float64(procStatus("RssFile"))/1e6)
}

// procStatus returns a size field of /proc/self/status in bytes (0 where
// there is no /proc).
func procStatus(field string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
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
