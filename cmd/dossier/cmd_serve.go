package main

import (
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot/discord"
	"github.com/spf13/cobra"
)

func newServeCmd(o *options) *cobra.Command {
	var addr, metricsAddr string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve Discord's HTTP interactions endpoint at POST /interactions (DISCORD_PUBLIC_KEY)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			hup, stopHangups := hangups()
			defer stopHangups()
			log := o.logger()
			defer discord.RouteLibraryLogs(log)()
			keyHex, err := o.env("DISCORD_PUBLIC_KEY")
			if err != nil {
				return err
			}
			key, err := discord.ParsePublicKey(keyHex)
			if err != nil {
				return usageError{err}
			}
			o.logStart(log, "http")
			b, err := o.openWarm(cmd.Context())
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("listen on %s: %w", addr, err)
			}
			live, h, done, err := o.serveHandler(cmd.Context(), b, hup, log)
			if err != nil {
				return err
			}
			defer done()
			// Slow answers are deferred, then edited in through the
			// interaction's webhook, which needs no token.
			rest, err := discordgo.New("")
			if err != nil {
				return fmt.Errorf("create discord client: %w", err)
			}
			if o.transport != nil {
				rest.Client = &http.Client{Transport: o.transport, Timeout: 10 * time.Second}
			}
			h.SetFollowups(rest)
			m := discord.NewMetrics(live)
			h.SetMetrics(m)
			ep := discord.NewEndpoint(h, key, log)
			if metricsAddr != "" {
				// Kept off the public port, which only Discord needs.
				if err := serveMetrics(cmd.Context(), metricsAddr, m, nil, h, log); err != nil {
					return err
				}
			} else {
				ep.ServeMetrics(m.Handler())
			}
			srv := newHTTPServer(ep, log)
			log.Info("serving Discord interactions", "addr", ln.Addr().String(), "path", "/interactions")
			return serve(cmd.Context(), srv, ln)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().StringVar(&metricsAddr, "metrics-addr", "", "serve Prometheus metrics on this address (e.g. 127.0.0.1:9090) instead of at /metrics on --addr")
	o.addFeedbackFlags(cmd.Flags())
	return cmd
}
