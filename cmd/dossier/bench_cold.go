package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/dossier/dossier/bot/loadgen"
	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

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
