package discord_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord"
)

// TestLoad sends 2,000 signed interactions of every kind from 64
// concurrent clients to the endpoint on loopback: no errors, p99 under a
// second, and the heap back near where it started.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	st := bottest.New(t, "")
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	h := discord.NewHandler(bot.NewLive(st.Bot, st.KB, nil), nil)
	srv := httptest.NewUnstartedServer(discord.NewEndpoint(h, pub, nil))
	srv.Config.ReadTimeout, srv.Config.WriteTimeout = 10*time.Second, 10*time.Second
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

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 10 * time.Second}
	var next atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var errs []string
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
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						msg = fmt.Sprintf("request %d: status %d", i, resp.StatusCode)
					}
				}
				mu.Lock()
				lat = append(lat, d)
				if msg != "" {
					errs = append(errs, msg)
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
	slices.Sort(lat)
	p50, p99 := lat[len(lat)/2], lat[len(lat)*99/100]
	t.Logf("%d requests from %d clients in %v (%.0f/s): p50 %v, p99 %v", total, clients, elapsed.Round(time.Millisecond), float64(total)/elapsed.Seconds(), p50, p99)
	if p99 > time.Second {
		t.Errorf("p99 = %v, want under 1s", p99)
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 64<<20 {
		t.Errorf("heap grew by %d MB over the load, want it bounded", grown>>20)
	}
}
