package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/bot/loadgen"
	"github.com/dossier/dossier/knowledge"
)

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
