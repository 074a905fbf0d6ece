package discord_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/bot/discord/discordtest"
)

// TestLoad sends 2,000 signed interactions of every kind from 64
// concurrent clients to the endpoint on loopback: every one is answered
// with an interaction response (none fails, none is lost), and the heap is
// back near where it started. How fast is for BenchmarkEndpoint and
// BENCHMARKS.md, not for a test: the latencies are only logged.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	st := bottest.New(t, "")
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	h := discord.NewHandler(bot.NewLive(st.Bot, st.KB, nil), nil)
	h.SetPanicHook(discordtest.FailOnPanic(t))
	srv := httptest.NewUnstartedServer(discord.NewEndpoint(h, pub, nil))
	// Generous timeouts: under -race on a busy machine an answer can take
	// seconds, and this test is about answering every request, not speed.
	srv.Config.ReadTimeout, srv.Config.WriteTimeout = time.Minute, time.Minute
	srv.Start()
	defer srv.Close()

	kinds := []map[string]any{
		{"name": "ask", "options": []map[string]any{{"name": "question", "type": 3, "value": "Who said the strikes would deter future action?"}}},
		{"name": "ask", "options": []map[string]any{{"name": "question", "type": 3, "value": "What did Putin say?"}}},
		{"name": "who-said", "options": []map[string]any{{"name": "speaker", "type": 3, "value": "Psaki"}}},
		{"name": "casualties", "options": []map[string]any{{"name": "event", "type": 3, "value": "2021-06-27"}}},
		{"name": "timeline", "options": []map[string]any{{"name": "actor", "type": 3, "value": "KH"}}},
		{"name": "summary"},
		{"name": "sources"},
	}
	const total, clients = 2000, 64
	type signed struct{ body, sig, ts string }
	reqs := make([]signed, total)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	for i := range reqs {
		data := kinds[i%len(kinds)]
		data["id"], data["type"] = "1", 1
		typ := 2
		if i%10 == 9 {
			typ = 4 // an autocomplete now and then
			data = map[string]any{"id": "1", "name": "who-said", "type": 1, "options": []map[string]any{{"name": "speaker", "type": 3, "value": "k", "focused": true}}}
		}
		// Many users: each sends a few, some fast enough to meet the cooldown.
		b, _ := json.Marshal(map[string]any{"id": strconv.Itoa(10000 + i), "application_id": "42", "type": typ, "token": "t", "version": 1,
			"member": map[string]any{"user": map[string]any{"id": strconv.Itoa(i % 400)}, "permissions": "8192"}, "data": data})
		reqs[i] = signed{string(b), hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), b...))), ts}
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: time.Minute}
	var next atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var errs []string
	answered := 0
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= total {
					return
				}
				r := reqs[i]
				req, _ := http.NewRequest(http.MethodPost, srv.URL+"/interactions", bytes.NewReader([]byte(r.body)))
				req.Header.Set("X-Signature-Ed25519", r.sig)
				req.Header.Set("X-Signature-Timestamp", r.ts)
				t0 := time.Now()
				resp, err := client.Do(req)
				d := time.Since(t0)
				msg := ""
				if err != nil {
					msg = err.Error()
				} else {
					msg = checkLoadReply(resp)
					if msg != "" {
						msg = fmt.Sprintf("request %d: %s", i, msg)
					}
				}
				mu.Lock()
				lat = append(lat, d)
				if msg != "" {
					errs = append(errs, msg)
				} else {
					answered++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if len(errs) > 0 {
		t.Errorf("%d of %d requests failed; first: %s", len(errs), total, errs[0])
	}
	if answered+len(errs) != total || answered != total {
		t.Errorf("%d of %d requests answered, %d failed: want every one answered", answered, total, len(errs))
	}
	slices.Sort(lat)
	p50, p99 := lat[len(lat)/2], lat[len(lat)*99/100]
	t.Logf("%d requests from %d clients in %v (%.0f/s): p50 %v, p99 %v", total, clients, elapsed.Round(time.Millisecond), float64(total)/elapsed.Seconds(), p50, p99)
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 64<<20 {
		t.Errorf("heap grew by %d MB over the load, want it bounded", grown>>20)
	}
}

// checkLoadReply reads a response to a load request and says what is wrong
// with it, or "" if it is an interaction response of a kind the request can
// have: a message (4), a deferred message (5) or autocomplete choices (8).
func checkLoadReply(resp *http.Response) string {
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "read body: " + err.Error()
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Sprintf("status %d: %.200s", resp.StatusCode, body)
	}
	if mt, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt == "multipart/form-data" {
		p, err := multipart.NewReader(bytes.NewReader(body), params["boundary"]).NextPart()
		if err != nil {
			return "multipart reply without parts: " + err.Error()
		}
		if body, err = io.ReadAll(p); err != nil {
			return "read payload_json: " + err.Error()
		}
	}
	var r struct {
		Type int `json:"type"`
		Data *struct {
			Content string            `json:"content"`
			Embeds  []json.RawMessage `json:"embeds"`
			Choices []map[string]any  `json:"choices"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return fmt.Sprintf("not an interaction response (%v): %.200s", err, body)
	}
	switch r.Type {
	case 4:
		if r.Data == nil || (r.Data.Content == "" && len(r.Data.Embeds) == 0) {
			return fmt.Sprintf("empty message: %.200s", body)
		}
		if strings.Contains(string(body), "Something went wrong") {
			return fmt.Sprintf("internal error: %.200s", body)
		}
	case 5, 8:
	default:
		return fmt.Sprintf("response type %d: %.200s", r.Type, body)
	}
	return ""
}
