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
)

// env reads a required environment variable.
func (o *options) env(name string) (string, error) {
	v := o.getenv(name)
	if v == "" {
		return "", usageError{fmt.Errorf("%s is not set", name)}
	}
	return v, nil
}

// reloader rebuilds the index from the corpus and knowledge base (or, with
// --index, reopens it with the knowledge base re-read) and swaps it in. A
// failure leaves the current index serving. Reloads run one at a time.
func (o *options) reloader(live *bot.Live, log *slog.Logger) func(context.Context) error {
	var mu sync.Mutex
	return func(ctx context.Context) error {
		mu.Lock()
		defer mu.Unlock()
		start := time.Now()
		b, err := o.openWarm(ctx)
		if err != nil {
			live.Failed()
			log.Error("reload failed; the previous index keeps serving", "error", err)
			return err
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

// reloadOnHangup reloads on every SIGHUP until ctx is done or stop is
// called.
func (o *options) reloadOnHangup(ctx context.Context, reload func(context.Context) error) (stop func()) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
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
	}()
	return func() { signal.Stop(hup); close(done) }
}

// newHTTPServer sets timeouts so slow or idle clients are cut off.
func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
}

// serve runs srv on ln until ctx is done, then shuts it down gracefully.
func serve(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
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
