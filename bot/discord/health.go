package discord

import (
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Gateway connection states, as /healthz reports them.
const (
	// StateConnected is a session Discord has accepted (READY or RESUMED).
	StateConnected = "connected"
	// StateResuming is a session whose connection dropped and that is
	// reconnecting.
	StateResuming = "resuming"
	// StateDown is a session not connected yet, closed, or reconnecting
	// for longer than DownAfter.
	StateDown = "down"
)

// DownAfter is how long a session may spend reconnecting before /healthz
// calls it down rather than resuming.
const DownAfter = time.Minute

// GatewayHealth follows a gateway session's connection and serves it as a
// health check: 200 when connected, 503 when resuming or down, with the
// state and for how long on one line.
type GatewayHealth struct {
	now func() time.Time

	mu      sync.Mutex
	state   string
	since   time.Time
	stopped bool
}

// NewGatewayHealth returns the health of a session not connected yet.
func NewGatewayHealth() *GatewayHealth {
	return &GatewayHealth{now: time.Now, state: StateDown, since: time.Now()}
}

// Watch follows s: connected when Discord accepts the session, resuming
// when the connection drops. Call it before the session opens.
func (g *GatewayHealth) Watch(s *discordgo.Session) {
	s.AddHandler(func(*discordgo.Session, *discordgo.Connect) { g.set(StateConnected) })
	s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) { g.set(StateResuming) })
}

// Stopped marks the session closed for good: down, whatever events still
// come in.
func (g *GatewayHealth) Stopped() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.state, g.since, g.stopped = StateDown, g.now(), true
}

func (g *GatewayHealth) set(state string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.stopped || g.state == state {
		return
	}
	g.state, g.since = state, g.now()
}

// State returns the session's state and since when it has held.
func (g *GatewayHealth) State() (string, time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.state == StateResuming && g.now().Sub(g.since) > DownAfter {
		return StateDown, g.since
	}
	return g.state, g.since
}

// ServeHTTP answers a health check.
func (g *GatewayHealth) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	state, since := g.State()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if state != StateConnected {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	fmt.Fprintf(w, "%s for %s\n", state, g.now().Sub(since).Round(time.Second))
}
