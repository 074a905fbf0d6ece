package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/discord"
)

// env reads a required environment variable.
func (o *options) env(name string) (string, error) {
	v := o.getenv(name)
	if v == "" {
		return "", usageError{fmt.Errorf("%s is not set", name)}
	}
	return v, nil
}

// logStart logs which build of Dossier starts serving, and how.
func (o *options) logStart(log *slog.Logger, mode string) {
	bi := bot.Build()
	log.Info("starting dossier", "mode", mode, "version", bi.Version, "revision", bi.ShortRevision(), "modified", bi.Modified, "go", bi.GoVersion)
}

// reloader rebuilds the index from the corpus and knowledge base (or, with
// --index, reopens it with the knowledge base re-read) and swaps it in. The
// new index is checked before it serves; a failure, a panic included,
// leaves the current index serving and says why. Reloads run one at a time.
func (o *options) reloader(live *bot.Live, h *discord.Handler, log *slog.Logger) func(context.Context) error {
	var mu sync.Mutex
	return func(ctx context.Context) (err error) {
		mu.Lock()
		defer mu.Unlock()
		start := time.Now()
		defer func() {
			if p := recover(); p != nil {
				h.Panicked(ctx, "reload", p)
				err = errors.New("reload failed with an internal error")
			}
			if err != nil {
				live.Failed()
				log.Error("reload failed; the previous index keeps serving", "error", err)
			}
		}()
		b, err := o.openWarm(ctx)
		if err != nil {
			return o.advise(err)
		}
		live.Swap(b, b.Knowledge(), func() { b.Close() })
		log.Info("reloaded", "took", time.Since(start).Round(time.Millisecond))
		return nil
	}
}

// openWarm opens Dossier with its index ready, for the modes that serve:
// their first question is answered quickly, and a broken index is found
// before it serves.
func (o *options) openWarm(ctx context.Context) (*bot.Bot, error) {
	b, err := o.open(ctx)
	if err != nil {
		return nil, err
	}
	if err := b.Warm(ctx); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

// hangups catches SIGHUP, which the serving modes take as "reload". It is
// called first thing, before the index is opened: until SIGHUP is caught,
// its default action ends the process. A SIGHUP that comes during start-up
// waits in the channel and reloads once serving begins.
func hangups() (hup <-chan os.Signal, stop func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGHUP)
	return c, func() { signal.Stop(c) }
}

// reloadOnHangup reloads on every SIGHUP until ctx is done or stop is
// called.
func (o *options) reloadOnHangup(ctx context.Context, h *discord.Handler, hup <-chan os.Signal, reload func(context.Context) error) (stop func()) {
	done := make(chan struct{})
	h.Go(ctx, "reload on SIGHUP", func() {
		for {
			select {
			case <-hup:
				_ = reload(ctx) // logged by the reloader
			case <-ctx.Done():
				return
			case <-done:
				return
			}
		}
	})
	return func() { close(done) }
}

// serveMetrics serves m at /metrics, and a health check at /healthz
// (health, or a plain "ok" if nil), on addr until ctx is done. The server's
// goroutine recovers a panic and reports it through h.
func serveMetrics(ctx context.Context, addr string, m *discord.Metrics, health http.Handler, h *discord.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen for metrics on %s: %w", addr, err)
	}
	if health == nil {
		health = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	mux.Handle("GET /healthz", health)
	h.Go(ctx, "metrics server", func() {
		if err := serve(ctx, newHTTPServer(mux, log), ln); err != nil {
			log.Error("metrics server stopped", "error", err)
		}
	})
	log.Info("serving metrics", "addr", ln.Addr().String(), "path", "/metrics")
	return nil
}

// newHTTPServer sets timeouts so slow or idle clients are cut off. The
// server's own messages (a handler panic it recovered, a TLS handshake
// error) go to log, not to the standard logger.
func newHTTPServer(h http.Handler, log *slog.Logger) *http.Server {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	if log != nil {
		srv.ErrorLog = slog.NewLogLogger(log.Handler(), slog.LevelError)
	}
	return srv
}

// serve runs srv on ln until ctx is done, then shuts it down gracefully.
func serve(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				errc <- fmt.Errorf("internal error: %v", p)
			}
		}()
		errc <- srv.Serve(ln)
	}()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// drainWithin bounds how long a shutdown waits for deferred answers.
const drainWithin = 15 * time.Second

// serveHandler wires what both Discord modes build around an opened Bot:
// the live generation that reloads swap, the handler with its panic hook
// and reloader, the feedback store, and a reload on SIGHUP. done undoes
// them in reverse order.
func (o *options) serveHandler(ctx context.Context, b *bot.Bot, hup <-chan os.Signal, log *slog.Logger) (live *bot.Live, h *discord.Handler, done func(), err error) {
	live = bot.NewLive(b, b.Knowledge(), func() { b.Close() })
	h = discord.NewHandler(live, log)
	if o.panicHook != nil {
		h.SetPanicHook(o.panicHook)
	}
	reload := o.reloader(live, h, log)
	h.SetReloader(reload)
	closeFeedback, err := o.startFeedback(ctx, h, log)
	if err != nil {
		live.Close()
		return nil, nil, nil, err
	}
	stop := o.reloadOnHangup(ctx, h, hup, reload)
	return live, h, func() {
		stop()
		// Answers deferred before the transports stopped are delivered
		// first: their members were told they are coming.
		drain, cancel := context.WithTimeout(context.Background(), drainWithin)
		defer cancel()
		if err := h.Drain(drain); err != nil {
			log.Warn("shut down", "error", err)
		}
		closeFeedback()
		live.Close()
	}, nil
}
