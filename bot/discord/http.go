package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	lru "github.com/hashicorp/golang-lru/v2"
)

// Limits of the HTTP interactions endpoint.
const (
	// MaxBody bounds a request body; Discord's interactions are a few KB.
	MaxBody = 64 << 10
	// MaxSkew is how old (or how far in the future) a signed timestamp may
	// be: older requests are replays.
	MaxSkew = 5 * time.Minute
)

// Endpoint serves Discord's HTTP interactions at POST /interactions and a
// health check at GET /healthz. It is stateless, so any number of replicas
// can run behind a load balancer — but for the paging buttons of an answer
// whose options are too long for a button (see Handler.buttonKey), which
// only the replica that answered can turn.
type Endpoint struct {
	handler *Handler
	metrics http.Handler
	key     ed25519.PublicKey
	log     *slog.Logger
	now     func() time.Time
	// seen remembers recent signatures, by their decoded bytes, so a
	// captured request replayed within its five minutes is refused (per
	// replica: a replay that reaches another replica is still bounded by
	// the timestamp check). Keying on the bytes, not the hex text, matters:
	// hex decoding ignores case, so the same signature has many spellings.
	seen *lru.Cache[string, time.Time]
	// seenMu makes checking and remembering a signature one step, so two
	// copies of a request verified at once cannot both pass.
	seenMu sync.Mutex
	mux    *http.ServeMux
}

// replayMemory bounds the signatures remembered for replay checks.
const replayMemory = 100_000

// NewEndpoint returns an endpoint verifying requests with the application's
// public key.
func NewEndpoint(h *Handler, key ed25519.PublicKey, log *slog.Logger) *Endpoint {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	seen, _ := lru.New[string, time.Time](replayMemory) // errors only for a size <= 0
	e := &Endpoint{handler: h, key: key, log: log, now: time.Now, seen: seen}
	e.mux = e.routes()
	return e
}

// ParsePublicKey decodes the hex public key Discord shows for an
// application.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, errors.New("DISCORD_PUBLIC_KEY must be the application's 64-character hex public key")
	}
	return ed25519.PublicKey(b), nil
}

// ServeMetrics adds GET /metrics, served by m.
func (e *Endpoint) ServeMetrics(m http.Handler) { e.metrics = m }

// ServeHTTP routes requests: POST /interactions, GET /healthz and, once
// ServeMetrics has been called, GET /metrics. A known path asked with
// another method is answered 405 with the methods allowed.
func (e *Endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e.mux.ServeHTTP(w, r)
}

func (e *Endpoint) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /interactions", e.interactions)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		if e.metrics == nil {
			http.NotFound(w, r)
			return
		}
		e.metrics.ServeHTTP(w, r)
	})
	return mux
}

func (e *Endpoint) interactions(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "could not read body", http.StatusBadRequest)
		return
	}
	if !e.verify(r.Header.Get("X-Signature-Ed25519"), r.Header.Get("X-Signature-Timestamp"), body) {
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var in discordgo.Interaction
	if err := json.Unmarshal(body, &in); err != nil {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	// Discord allows 3 seconds to answer, whatever the work (a vote, a
	// review list): stop work that runs longer, as the gateway does.
	actx, cancel := context.WithTimeout(r.Context(), answerWithin)
	defer cancel()
	resp, sent := e.handler.Respond(actx, &in)
	if err := writeResponse(w, resp); err != nil {
		e.log.ErrorContext(r.Context(), "write interaction response", "error", err)
		sent(err)
		return
	}
	// A deferred answer edits the message Discord makes of this response:
	// send the response first.
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	sent(nil)
}

// verify checks the Ed25519 signature over timestamp + body, and that the
// timestamp is recent: Discord sends bad signatures to test endpoints, and
// an old signed request replayed must not be answered.
func (e *Endpoint) verify(sigHex, ts string, body []byte) bool {
	sig, err := hex.DecodeString(sigHex)
	if err != nil || len(sig) != ed25519.SignatureSize || ts == "" {
		return false
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	if d := e.now().Sub(time.Unix(secs, 0)); d > MaxSkew || d < -MaxSkew {
		return false
	}
	msg := make([]byte, 0, len(ts)+len(body))
	msg = append(append(msg, ts...), body...)
	if !ed25519.Verify(e.key, msg, sig) {
		return false
	}
	// Go's Verify accepts only the canonical encoding of a signature, so
	// its bytes identify the signed request.
	key := string(sig)
	e.seenMu.Lock()
	defer e.seenMu.Unlock()
	if at, replayed := e.seen.Get(key); replayed && e.now().Sub(at) <= 2*MaxSkew {
		return false
	}
	e.seen.Add(key, e.now())
	return true
}

// writeResponse writes an interaction response as JSON, or as
// multipart/form-data (payload_json plus files[n]) when it carries files.
func writeResponse(w http.ResponseWriter, resp *discordgo.InteractionResponse) error {
	if resp.Data != nil && len(resp.Data.Files) > 0 {
		ct, body, err := discordgo.MultipartBodyWithJSON(resp, resp.Data.Files)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", ct)
		_, err = w.Write(body)
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	return json.NewEncoder(w).Encode(resp)
}
