package loadgen_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/bot/discord/discordtest"
	"github.com/dossier/dossier/bot/loadgen"
	"github.com/dossier/dossier/index"
)

// counting is a searcher that counts the searches reaching the index.
type counting struct {
	*index.Index
	n atomic.Int64
}

func (c *counting) Rank(ctx context.Context, q string) (*index.Ranking, error) {
	c.n.Add(1)
	return c.Index.Rank(ctx, q)
}

// TestAskQuestionsReachTheIndex makes sure the benchmarks' ask questions
// (and the cold-start question) measure the search pipeline: each one is
// searched in the index and answered from it.
func TestAskQuestionsReachTheIndex(t *testing.T) {
	st := bottest.New(t, "")
	c := &counting{Index: st.Index}
	b := bot.New(c, st.KB, nil)
	for _, q := range append(loadgen.AskQuestions(), loadgen.ColdQuestion) {
		before := c.n.Load()
		a, err := b.Ask(t.Context(), bot.AskRequest{Question: q})
		if err != nil {
			t.Fatalf("Ask(%q) error: %v", q, err)
		}
		if c.n.Load() == before {
			t.Errorf("Ask(%q) never searched the index", q)
		}
		if a.NotCovered || len(a.Results) == 0 {
			t.Errorf("Ask(%q) = not covered (%q), want results from the index", q, a.Text)
		}
	}
}

// TestMixRuns runs every request of the mix through the command layer.
func TestMixRuns(t *testing.T) {
	st := bottest.New(t, "")
	kinds := map[string]int{}
	for _, op := range loadgen.Mix() {
		if err := op.Run(t.Context(), st.Bot); err != nil {
			t.Errorf("%s %v: %v", op.Kind, op.Data.Options, err)
		}
		kinds[op.Kind]++
	}
	for _, k := range loadgen.Kinds() {
		if kinds[k] == 0 {
			t.Errorf("the mix has no %s request", k)
		}
	}
}

// TestSignedMixIsAnswered sends the mix as signed interactions to the real
// endpoint, twice, each time freshly signed: all answered. The same signed
// request sent again is refused as a replay, which is why the load
// generator signs every request.
func TestSignedMixIsAnswered(t *testing.T) {
	st := bottest.New(t, "")
	s, err := loadgen.NewSigner()
	if err != nil {
		t.Fatal(err)
	}
	h := discord.NewHandler(bot.NewLive(st.Bot, st.KB, nil), nil)
	h.SetPanicHook(discordtest.FailOnPanic(t))
	h.SetCooldown(time.Nanosecond, 1<<30)
	srv := httptest.NewServer(discord.NewEndpoint(h, s.PublicKey(), nil))
	defer srv.Close()
	post := func(in *loadgen.Signed) error {
		req, err := in.Request(t.Context(), srv.URL+"/interactions")
		if err != nil {
			t.Fatal(err)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			return err
		}
		return loadgen.Check(resp)
	}
	var last *loadgen.Signed
	for range 2 {
		for _, op := range loadgen.Mix() {
			in, err := s.Command(op.Data)
			if err != nil {
				t.Fatal(err)
			}
			if !in.Verify(s.PublicKey()) {
				t.Fatalf("signature of %s does not verify", in.Body)
			}
			if err := post(in); err != nil {
				t.Errorf("POST %s: %v", in.Body, err)
			}
			last = in
		}
	}
	if err := post(last); err == nil {
		t.Errorf("replayed %s was answered, want it refused", last.Body)
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name, ctype, body string
		status            int
		ok                bool
	}{
		{"answer", "application/json", `{"type":4,"data":{"content":"x"}}`, 200, true},
		{"pong", "application/json", `{"type":1}`, 200, true},
		{"empty answer", "application/json", `{"type":4,"data":{}}`, 200, false},
		{"refused", "text/plain", "invalid request signature", 401, false},
		{"not json", "application/json", `<html>`, 200, false},
		{"chart", `multipart/form-data; boundary=b`, "--b\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n\r\n{\"type\":4,\"data\":{\"embeds\":[{}]}}\r\n--b--\r\n", 200, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			rec.Header().Set("Content-Type", tt.ctype)
			rec.WriteHeader(tt.status)
			rec.WriteString(tt.body)
			err := loadgen.Check(rec.Result())
			if (err == nil) != tt.ok {
				t.Errorf("Check(%d %q) = %v, want ok %v", tt.status, tt.body, err, tt.ok)
			}
		})
	}
}

func TestRecorder(t *testing.T) {
	var r loadgen.Recorder
	r.Add("ask", 3*time.Millisecond, nil)
	r.Add("ask", time.Millisecond, http.ErrHandlerTimeout)
	r.Add("who-said", 2*time.Millisecond, nil)
	if err := r.Err(); err == nil {
		t.Error("Err() = nil after a failed request")
	}
	s := r.Stat("ask", time.Second, "ask")
	if s.Ops != 2 || s.Errors != 1 || s.P50 != 3*time.Millisecond || s.QPS != 2 {
		t.Errorf("Stat(ask) = %+v, want 2 ops, 1 error, p50 3ms, 2 qps", s)
	}
	if all := r.Stat("all", time.Second); all.Ops != 3 || all.Errors != 1 {
		t.Errorf("Stat(all) = %+v, want 3 ops and 1 error", all)
	}
}

func TestSpreadOf(t *testing.T) {
	tests := []struct {
		in   []float64
		want loadgen.Spread
	}{
		{nil, loadgen.Spread{}},
		{[]float64{5}, loadgen.Spread{Median: 5, Min: 5, Max: 5}},
		{[]float64{3, 1, 2}, loadgen.Spread{Median: 2, Min: 1, Max: 3}},
		{[]float64{4, 1, 2, 3}, loadgen.Spread{Median: 2.5, Min: 1, Max: 4}},
	}
	for _, tt := range tests {
		if got := loadgen.SpreadOf(tt.in); got != tt.want {
			t.Errorf("SpreadOf(%v) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}
