package main

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/dossier/dossier/bot/loadgen"
)

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
