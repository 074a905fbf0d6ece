// Package discordtest is a local stand-in for Discord, for tests: REST under
// /api/v9 (the gateway URL, the bulk command overwrite, interaction
// callbacks) and a gateway websocket that sends HELLO, answers IDENTIFY
// with READY and RESUME with the missed events and RESUMED, acknowledges
// heartbeats, and lets a test dispatch events, send gateway opcodes, drop
// the connection or make REST answer 429.
package discordtest

import (
	"encoding/json"
	"fmt"
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

// Fake is a running stand-in for Discord.
type Fake struct {
	t   testing.TB
	srv *httptest.Server

	mu       sync.Mutex
	conn     *websocket.Conn
	seq      int
	sessions int
	// events are the dispatches of the current session, replayed on a
	// resume from the client's last sequence number, as Discord does: an
	// event sent while the client was reconnecting is not lost.
	events     []event
	registered []map[string]any
	regPath    string
	limited    int // callbacks still to refuse with 429
	expired    int // callbacks still to refuse as for an expired interaction
	lostEdits  int // edits still to refuse as for an expired webhook
	refusing   bool

	callbacks chan Callback
	connected chan string // "identify" or "resume", each time a session starts
}

// event is one dispatch, with its sequence number.
type event struct {
	seq     int
	payload map[string]any
}

// Callback is an interaction response the bot posted, or its edit of the
// original message after a deferred response.
type Callback struct {
	Path, ContentType string
	Body              []byte
}

// New starts a fake Discord that stops when the test ends.
func New(t testing.TB) *Fake {
	f := &Fake{t: t, callbacks: make(chan Callback, 64), connected: make(chan string, 16)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v9/gateway", func(w http.ResponseWriter, r *http.Request) {
		ws := "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/gateway"
		json.NewEncoder(w).Encode(map[string]string{"url": ws})
	})
	mux.HandleFunc("PUT /api/v9/applications/{app}/guilds/{guild}/commands", f.register)
	mux.HandleFunc("PUT /api/v9/applications/{app}/commands", f.register)
	mux.HandleFunc("POST /api/v9/interactions/{id}/{token}/callback", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		limited, expired := f.limited > 0, f.limited == 0 && f.expired > 0
		if limited {
			f.limited--
		}
		if expired {
			f.expired--
		}
		f.mu.Unlock()
		if expired {
			notFound(w, "Unknown interaction", 10062)
			return
		}
		if limited {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			io.WriteString(w, `{"message": "You are being rate limited.", "retry_after": 0.2, "global": false}`)
			return
		}
		body, _ := io.ReadAll(r.Body)
		f.callbacks <- Callback{Path: r.URL.Path, ContentType: r.Header.Get("Content-Type"), Body: body}
		w.WriteHeader(http.StatusNoContent)
	})
	// A deferred answer edits the original message through the
	// interaction's webhook; the edit is a callback too.
	// A notice for the asker alone after a button comes as a follow-up
	// message; it is a callback too.
	mux.HandleFunc("POST /api/v9/webhooks/{app}/{token}", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.callbacks <- Callback{Path: r.URL.Path, ContentType: r.Header.Get("Content-Type"), Body: body}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id": "901", "channel_id": "8", "content": "", "flags": 64}`)
	})
	mux.HandleFunc("PATCH /api/v9/webhooks/{app}/{token}/messages/@original", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		lost := f.lostEdits > 0
		if lost {
			f.lostEdits--
		}
		f.mu.Unlock()
		if lost {
			notFound(w, "Unknown Webhook", 10015)
			return
		}
		body, _ := io.ReadAll(r.Body)
		f.callbacks <- Callback{Path: r.URL.Path, ContentType: r.Header.Get("Content-Type"), Body: body}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id": "900", "channel_id": "8", "content": ""}`)
	})
	mux.HandleFunc("/gateway", f.gateway)
	mux.HandleFunc("/gateway/", f.gateway) // discordgo adds a slash before the query
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// notFound answers 404 with Discord's error body.
func notFound(w http.ResponseWriter, message string, code int) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusNotFound)
	fmt.Fprintf(w, `{"message": %q, "code": %d}`, message, code)
}

func (f *Fake) register(w http.ResponseWriter, r *http.Request) {
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

// Registered returns where commands were last registered, and how many.
func (f *Fake) Registered() (path string, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.regPath, len(f.registered)
}

// Client is an HTTP client whose every request goes to the fake, whatever
// host it names: discordgo's endpoints are fixed to discord.com.
func (f *Fake) Client() *http.Client {
	return &http.Client{Timeout: 5 * time.Second, Transport: f.Transport()}
}

// Transport rewrites every request to the fake.
func (f *Fake) Transport() http.RoundTripper {
	target, _ := url.Parse(f.srv.URL)
	return rewrite{target: target}
}

type rewrite struct{ target *url.URL }

func (rw rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host, r.Host = rw.target.Scheme, rw.target.Host, rw.target.Host
	return http.DefaultTransport.RoundTrip(r)
}

func (f *Fake) gateway(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	refusing := f.refusing
	f.mu.Unlock()
	if refusing {
		http.Error(w, "gateway unavailable", http.StatusServiceUnavailable)
		return
	}
	up := websocket.Upgrader{}
	c, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c.WriteJSON(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}})
	f.mu.Lock()
	f.conn = c
	f.mu.Unlock()
	for {
		var m struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if err := c.ReadJSON(&m); err != nil {
			return
		}
		switch m.Op {
		case 1: // heartbeat
			f.mu.Lock()
			c.WriteJSON(map[string]any{"op": 11})
			f.mu.Unlock()
		case 2: // identify (also after op 9, on the same connection)
			f.identify(c)
		case 6:
			var r struct {
				SessionID string `json:"session_id"`
				Seq       int    `json:"seq"`
			}
			json.Unmarshal(m.D, &r)
			f.resume(c, r.SessionID, r.Seq)
		}
	}
}

// identify begins a new session on c with READY.
func (f *Fake) identify(c *websocket.Conn) {
	f.mu.Lock()
	f.conn = c
	f.seq++
	f.sessions++
	f.events = nil
	c.WriteJSON(map[string]any{"op": 0, "t": "READY", "s": f.seq, "d": map[string]any{
		"v": 9, "session_id": f.sessionID(),
		"user":        map[string]any{"id": "42", "username": "dossier", "bot": true},
		"application": map[string]any{"id": "42"},
		"guilds":      []any{},
	}})
	f.mu.Unlock()
	f.connected <- "identify"
}

func (f *Fake) sessionID() string { return fmt.Sprintf("session-%d", f.sessions) }

// resume continues the session on c: the events after the client's last
// sequence number, then RESUMED. A resume of any other session is refused
// with op 9.
func (f *Fake) resume(c *websocket.Conn, session string, seq int) {
	f.mu.Lock()
	if session != f.sessionID() {
		c.WriteJSON(map[string]any{"op": 9, "d": false})
		f.mu.Unlock()
		return
	}
	f.conn = c
	for _, e := range f.events {
		if e.seq > seq {
			c.WriteJSON(e.payload)
		}
	}
	f.seq++
	c.WriteJSON(map[string]any{"op": 0, "t": "RESUMED", "s": f.seq, "d": map[string]any{}})
	f.mu.Unlock()
	f.connected <- "resume"
}

// Dispatch sends an event in the current gateway session. If the
// connection is down, the event reaches the client when it resumes.
func (f *Fake) Dispatch(name string, d any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	payload := map[string]any{"op": 0, "t": name, "s": f.seq, "d": d}
	f.events = append(f.events, event{seq: f.seq, payload: payload})
	if err := f.conn.WriteJSON(payload); err != nil {
		f.t.Logf("dispatch %s: %v (sent again on resume)", name, err)
	}
}

// SendOp sends a gateway opcode: 7 asks the client to reconnect and
// resume, 9 says the session is invalid (d false: identify anew).
func (f *Fake) SendOp(op int, d any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.conn.WriteJSON(map[string]any{"op": op, "d": d}); err != nil {
		f.t.Fatalf("send op %d: %v", op, err)
	}
}

// Drop closes the gateway connection without a close frame, as a network
// fault would.
func (f *Fake) Drop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.conn.UnderlyingConn().Close()
}

// RefuseConnections makes the gateway refuse new connections (503) while
// refuse is set, as during an outage.
func (f *Fake) RefuseConnections(refuse bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.refusing = refuse
}

// RateLimitCallbacks makes the next n interaction callbacks answer 429
// with a retry_after.
func (f *Fake) RateLimitCallbacks(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.limited = n
}

// ExpireCallbacks makes the next n interaction callbacks answer 404, as
// Discord does to a response sent after the interaction expired.
func (f *Fake) ExpireCallbacks(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.expired = n
}

// ExpireEdits makes the next n edits of an original message answer 404,
// as Discord does once the interaction's token has expired.
func (f *Fake) ExpireEdits(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lostEdits = n
}

// WaitConnected waits for the next gateway session to start and checks how
// ("identify" or "resume").
func (f *Fake) WaitConnected(t testing.TB, want string) {
	t.Helper()
	select {
	case got := <-f.connected:
		if got != want {
			t.Fatalf("gateway session started with %s, want %s", got, want)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("no gateway %s within 15s", want)
	}
}

// WaitCallback waits for the bot's next interaction response.
func (f *Fake) WaitCallback(t testing.TB) Callback {
	t.Helper()
	select {
	case cb := <-f.callbacks:
		return cb
	case <-time.After(15 * time.Second):
		t.Fatalf("no interaction callback within 15s")
	}
	return Callback{}
}

// InteractionEvent is the INTERACTION_CREATE payload of an interaction.
func InteractionEvent(id string, typ int, data map[string]any) map[string]any {
	return map[string]any{
		"id": id, "application_id": "42", "type": typ, "token": "token-" + id, "version": 1,
		"guild_id": "7", "channel_id": "8",
		"member": map[string]any{"user": map[string]any{"id": "555", "username": "asker"}, "permissions": "0"},
		"data":   data,
	}
}

// FailOnPanic is a panic hook for a handler under test: a panic the
// handler recovered still fails the test, with where it happened and its
// stack. Set it with Handler.SetPanicHook on every handler a test builds.
func FailOnPanic(t testing.TB) func(where string, p any, stack []byte) {
	return func(where string, p any, stack []byte) {
		t.Errorf("recovered panic in %s: %v\n%s", where, p, stack)
	}
}
