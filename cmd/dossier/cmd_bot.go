package main

import (
	"fmt"
	"net/http"
	"time"

	"github.com/dossier/dossier/bot/discord"
	"github.com/spf13/cobra"
)

func newBotCmd(o *options) *cobra.Command {
	var shardID, shardCount int
	var metricsAddr string
	cmd := &cobra.Command{
		Use:   "bot",
		Short: "Run the Discord bot over a gateway session (DISCORD_TOKEN; DISCORD_GUILD_ID optional)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			hup, stopHangups := hangups()
			defer stopHangups()
			log := o.logger()
			defer discord.RouteLibraryLogs(log)()
			token, err := o.env("DISCORD_TOKEN")
			if err != nil {
				return err
			}
			if shardCount > 1 && (shardID < 0 || shardID >= shardCount) {
				return usageError{fmt.Errorf("--shard-id must be between 0 and %d", shardCount-1)}
			}
			o.logStart(log, "gateway")
			b, err := o.openWarm(cmd.Context())
			if err != nil {
				return err
			}
			cfg := discord.GatewayConfig{Token: token, ShardID: shardID, ShardCount: shardCount}
			if o.transport != nil {
				cfg.Client = &http.Client{Transport: o.transport, Timeout: 10 * time.Second}
			}
			s, err := discord.NewSession(cfg)
			if err != nil {
				return err
			}
			live, h, done, err := o.serveHandler(cmd.Context(), b, hup, log)
			if err != nil {
				return err
			}
			defer done()
			health := discord.NewGatewayHealth()
			if metricsAddr != "" {
				m := discord.NewMetrics(live)
				h.SetMetrics(m)
				if err := serveMetrics(cmd.Context(), metricsAddr, m, health, h, log); err != nil {
					return err
				}
			}
			health.Watch(s)
			defer health.Stopped()
			return discord.RunGateway(cmd.Context(), s, h, o.getenv("DISCORD_GUILD_ID"), log)
		},
	}
	cmd.Flags().IntVar(&shardID, "shard-id", 0, "this process's shard (0-based)")
	cmd.Flags().StringVar(&metricsAddr, "metrics-addr", "", "serve Prometheus metrics at /metrics (and /healthz) on this address, e.g. 127.0.0.1:9090")
	cmd.Flags().IntVar(&shardCount, "shard-count", 1, "total number of shards")
	o.addFeedbackFlags(cmd.Flags())
	return cmd
}
