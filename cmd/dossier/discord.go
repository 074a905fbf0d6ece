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

	"github.com/bwmarrin/discordgo"
	"github.com/spf13/cobra"

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

func newBotCmd(o *options) *cobra.Command {
	var shardID, shardCount int
	var metricsAddr string
	cmd := &cobra.Command{
		Use:   "bot",
		Short: "Run the Discord bot over a gateway session (DISCORD_TOKEN; DISCORD_GUILD_ID optional)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			token, err := o.env("DISCORD_TOKEN")
			if err != nil {
				return err
			}
			if shardCount > 1 && (shardID < 0 || shardID >= shardCount) {
				return usageError{fmt.Errorf("--shard-id must be between 0 and %d", shardCount-1)}
			}
			ap, err := o.open(cmd.Context())
			if err != nil {
				return err
			}
			defer ap.close()
			log := o.logger()
			cfg := discord.GatewayConfig{Token: token, ShardID: shardID, ShardCount: shardCount}
			if o.transport != nil {
				cfg.Client = &http.Client{Transport: o.transport, Timeout: 10 * time.Second}
			}
			s, err := discord.NewSession(cfg)
			if err != nil {
				return err
			}
			live := bot.NewLive(ap.bot, ap.kb, ap.close)
			h := discord.NewHandler(live, log)
			h.SetReloader(o.reloader(live, log))
			stop := o.reloadOnHangup(cmd.Context(), o.reloader(live, log))
			defer stop()
			if metricsAddr != "" {
				m := discord.NewMetrics(live)
				h.SetMetrics(m)
				ln, err := net.Listen("tcp", metricsAddr)
				if err != nil {
					return fmt.Errorf("listen for metrics on %s: %w", metricsAddr, err)
				}
				mux := http.NewServeMux()
				mux.Handle("GET /metrics", m.Handler())
				mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
				go serve(cmd.Context(), newHTTPServer(mux), ln)
				log.Info("serving metrics", "addr", ln.Addr().String())
			}
			return discord.RunGateway(cmd.Context(), s, h, o.getenv("DISCORD_GUILD_ID"), log)
		},
	}
	cmd.Flags().IntVar(&shardID, "shard-id", 0, "this process's shard (0-based)")
	cmd.Flags().StringVar(&metricsAddr, "metrics-addr", "", "serve Prometheus metrics at /metrics on this address (e.g. 127.0.0.1:9090)")
	cmd.Flags().IntVar(&shardCount, "shard-count", 1, "total number of shards")
	return cmd
}

func newServeCmd(o *options) *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve Discord's HTTP interactions endpoint at POST /interactions (DISCORD_PUBLIC_KEY)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			keyHex, err := o.env("DISCORD_PUBLIC_KEY")
			if err != nil {
				return err
			}
			key, err := discord.ParsePublicKey(keyHex)
			if err != nil {
				return usageError{err}
			}
			ap, err := o.open(cmd.Context())
			if err != nil {
				return err
			}
			defer ap.close()
			log := o.logger()
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("listen on %s: %w", addr, err)
			}
			live := bot.NewLive(ap.bot, ap.kb, ap.close)
			h := discord.NewHandler(live, log)
			h.SetReloader(o.reloader(live, log))
			stop := o.reloadOnHangup(cmd.Context(), o.reloader(live, log))
			defer stop()
			m := discord.NewMetrics(live)
			h.SetMetrics(m)
			ep := discord.NewEndpoint(h, key, log)
			ep.ServeMetrics(m.Handler())
			srv := newHTTPServer(ep)
			log.Info("serving Discord interactions", "addr", ln.Addr().String(), "path", "/interactions")
			return serve(cmd.Context(), srv, ln)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	return cmd
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
		ap, err := o.open(ctx)
		if err != nil {
			live.Failed()
			log.Error("reload failed; the previous index keeps serving", "error", err)
			return err
		}
		live.Swap(ap.bot, ap.kb, ap.close)
		log.Info("reloaded", "took", time.Since(start).Round(time.Millisecond))
		return nil
	}
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

func newRegisterCmd(o *options) *cobra.Command {
	return &cobra.Command{
		Use:   "register",
		Short: "Register the slash commands over REST, for the HTTP endpoint mode (DISCORD_TOKEN, DISCORD_APP_ID)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			token, err := o.env("DISCORD_TOKEN")
			if err != nil {
				return err
			}
			appID, err := o.env("DISCORD_APP_ID")
			if err != nil {
				return err
			}
			s, err := discordgo.New("Bot " + token)
			if err != nil {
				return fmt.Errorf("create discord session: %w", err)
			}
			guild := o.getenv("DISCORD_GUILD_ID")
			if err := discord.Register(s, appID, guild); err != nil {
				return err
			}
			where := "globally (may take up to an hour to appear)"
			if guild != "" {
				where = "to guild " + guild
			}
			fmt.Fprintf(o.stdout, "registered %d commands %s\n", len(discord.Commands()), where)
			return nil
		},
	}
}
