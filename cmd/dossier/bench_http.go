package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/bot/loadgen"
	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/knowledge"
)

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
