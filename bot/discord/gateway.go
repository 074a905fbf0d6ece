package discord

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// GatewayConfig configures a gateway session.
type GatewayConfig struct {
	Token string
	// GuildID, when set, registers commands to that guild only (instant,
	// for testing); otherwise they are registered globally.
	GuildID string
	// ShardID and ShardCount split guilds across processes; ShardCount 0
	// or 1 means a single shard.
	ShardID, ShardCount int
	// Client and Dialer, when set, replace the session's HTTP client and
	// websocket dialer (tests point them at a local stand-in of Discord).
	Client *http.Client
	Dialer *websocket.Dialer
}

// NewSession returns a discordgo session configured for Dossier: no
// privileged intents (slash commands need none), sharding, and reconnection
// on errors.
func NewSession(cfg GatewayConfig) (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("create discord session: %w", err)
	}
	s.Identify.Intents = discordgo.IntentsNone
	if cfg.ShardCount > 1 {
		s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
		s.Identify.Shard = &[2]int{cfg.ShardID, cfg.ShardCount}
	}
	s.ShouldReconnectOnError = true
	// Warnings too (a dropped connection, a failed resume): they go to
	// slog with everything else (see RouteLibraryLogs).
	s.LogLevel = discordgo.LogWarning
	s.StateEnabled = false
	if cfg.Client != nil {
		s.Client = cfg.Client
	}
	if cfg.Dialer != nil {
		s.Dialer = cfg.Dialer
	}
	return s, nil
}

// Register overwrites the application's commands in one bulk request, for
// one guild or globally.
func Register(s *discordgo.Session, appID, guildID string) error {
	if _, err := s.ApplicationCommandBulkOverwrite(appID, guildID, Commands()); err != nil {
		return fmt.Errorf("register commands: %w", err)
	}
	return nil
}

// RunGateway connects a session, registers the commands when Discord says
// the session is ready, answers interactions until ctx is done, then closes
// the session. Slow answers are deferred and delivered through s unless
// the handler was given another session for them (SetFollowups).
func RunGateway(ctx context.Context, s *discordgo.Session, h *Handler, guildID string, log *slog.Logger) error {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if h.rest == nil {
		h.SetFollowups(s)
	}
	// discordgo runs each handler in a goroutine of its own, where a panic
	// would end the process: each recovers and reports it.
	s.AddHandler(func(s *discordgo.Session, r *discordgo.Ready) {
		defer func() {
			if p := recover(); p != nil {
				h.Panicked(ctx, "gateway ready", p)
			}
		}()
		appID := ""
		if r.Application != nil {
			appID = r.Application.ID
		} else if r.User != nil {
			appID = r.User.ID
		}
		if err := Register(s, appID, guildID); err != nil {
			log.Error("register commands", "error", err)
			return
		}
		log.Info("gateway ready; commands registered", "guild", guildID, "shard", s.ShardID)
	})
	s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		defer func() {
			if p := recover(); p != nil {
				h.Panicked(ctx, "gateway interaction", p)
			}
		}()
		// Discord allows 3 seconds to answer; stop work that runs longer.
		actx, cancel := context.WithTimeout(ctx, answerWithin)
		defer cancel()
		resp, sent := h.Respond(actx, ic.Interaction)
		if err := s.InteractionRespond(ic.Interaction, resp); err != nil {
			log.Error("answer interaction", "error", err, "interaction", ic.ID)
			sent(err)
			return
		}
		sent(nil)
	})
	if err := s.Open(); err != nil {
		return fmt.Errorf("open gateway: %w", err)
	}
	<-ctx.Done()
	log.Info("shutting down gateway session")
	if err := s.Close(); err != nil {
		return fmt.Errorf("close gateway: %w", err)
	}
	return nil
}
