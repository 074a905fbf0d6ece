package discord_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// fakeDiscord is a local stand-in for Discord: REST under /api/v9 and a
// gateway websocket at /gateway. It records what the bot sends and lets a
// test push dispatches and drop the connection.
type fakeDiscord struct {
	t   *testing.T
	srv *httptest.Server

	mu         sync.Mutex
	conn       *websocket.Conn
	seq        int
	identifies int
	resumes    int
	registered []map[string]any
	regPath    string

	callbacks chan callback
	connected chan string // "identify" or "resume", each time a session starts
}

// callback is an interaction response the bot posted.
type callback struct {
	path        string
	contentType string
	body        []byte
}

func newFakeDiscord(t *testing.T) *fakeDiscord {
	f := &fakeDiscord{t: t, callbacks: make(chan callback, 16), connected: make(chan string, 16)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v9/gateway", func(w http.ResponseWriter, r *http.Request) {
		ws := "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/gateway"
		json.NewEncoder(w).Encode(map[string]string{"url": ws})
	})
	mux.HandleFunc("PUT /api/v9/applications/{app}/guilds/{guild}/commands", f.register)
	mux.HandleFunc("PUT /api/v9/applications/{app}/commands", f.register)
	mux.HandleFunc("POST /api/v9/interactions/{id}/{token}/callback", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.callbacks <- callback{path: r.URL.Path, contentType: r.Header.Get("Content-Type"), body: body}
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("/gateway", f.gateway)
	mux.HandleFunc("/gateway/", f.gateway) // discordgo adds a slash before the query
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeDiscord) register(w http.ResponseWriter, r *http.Request) {
	var cmds []map[string]any
	if err := json.NewDecoder(r.Body).Decode(&cmds); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.registered, f.regPath = cmds, r.URL.Path
	f.mu.Unlock()
	json.NewEncoder(w).Encode(cmds)
}

// client is an HTTP client whose every request goes to the fake, whatever
// host it names: discordgo's endpoints are fixed to discord.com.
func (f *fakeDiscord) client() *http.Client {
	target, _ := url.Parse(f.srv.URL)
	return &http.Client{Timeout: 5 * time.Second, Transport: rewrite{target: target}}
}

type rewrite struct{ target *url.URL }

func (rw rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host, r.Host = rw.target.Scheme, rw.target.Host, rw.target.Host
	return http.DefaultTransport.RoundTrip(r)
}

func (f *fakeDiscord) gateway(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{}
	c, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c.WriteJSON(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}})
	var first struct {
		Op int `json:"op"`
	}
	if err := c.ReadJSON(&first); err != nil {
		c.Close()
		return
	}
	f.mu.Lock()
	f.conn = c
	f.seq++
	switch first.Op {
	case 2:
		f.identifies++
		c.WriteJSON(map[string]any{"op": 0, "t": "READY", "s": f.seq, "d": map[string]any{
			"v": 9, "session_id": "session-1",
			"user":        map[string]any{"id": "42", "username": "dossier", "bot": true},
			"application": map[string]any{"id": "42"},
			"guilds":      []any{},
		}})
	case 6:
		f.resumes++
		c.WriteJSON(map[string]any{"op": 0, "t": "RESUMED", "s": f.seq, "d": map[string]any{}})
	}
	f.mu.Unlock()
	if first.Op == 2 {
		f.connected <- "identify"
	} else {
		f.connected <- "resume"
	}
	// Answer heartbeats until the connection ends.
	for {
		var m struct {
			Op int `json:"op"`
		}
		if err := c.ReadJSON(&m); err != nil {
			return
		}
		if m.Op == 1 {
			f.mu.Lock()
			c.WriteJSON(map[string]any{"op": 11})
			f.mu.Unlock()
		}
	}
}

// dispatch sends an event on the current gateway connection.
func (f *fakeDiscord) dispatch(event string, d any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	if err := f.conn.WriteJSON(map[string]any{"op": 0, "t": event, "s": f.seq, "d": d}); err != nil {
		f.t.Fatalf("dispatch %s: %v", event, err)
	}
}

// drop closes the gateway connection without a close frame, as a network
// fault would.
func (f *fakeDiscord) drop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.conn.UnderlyingConn().Close()
}

func (f *fakeDiscord) waitConnected(t *testing.T, want string) {
	t.Helper()
	select {
	case got := <-f.connected:
		if got != want {
			t.Fatalf("gateway session started with %s, want %s", got, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("no gateway %s within 10s", want)
	}
}

func (f *fakeDiscord) waitCallback(t *testing.T) callback {
	t.Helper()
	select {
	case cb := <-f.callbacks:
		return cb
	case <-time.After(10 * time.Second):
		t.Fatalf("no interaction callback within 10s")
	}
	return callback{}
}

// interactionEvent is the INTERACTION_CREATE payload of a command.
func interactionEvent(id string, typ int, data map[string]any) map[string]any {
	return map[string]any{
		"id": id, "application_id": "42", "type": typ, "token": "token-" + id, "version": 1,
		"guild_id": "7", "channel_id": "8",
		"member": map[string]any{"user": map[string]any{"id": "555", "username": "asker"}, "permissions": "0"},
		"data":   data,
	}
}
