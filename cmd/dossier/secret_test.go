package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier/bot/bottest"
)

// hostile is a stand-in for Discord that echoes the Authorization header
// back in its errors, the worst case for a token leaking into logs.
type hostile struct{ target *url.URL }

func (h hostile) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host = h.target.Scheme, h.target.Host
	return http.DefaultTransport.RoundTrip(r)
}

// TestTokenNeverPrinted runs the bot against a server that fails every
// request with the token in the reply, with both log formats, and greps
// everything printed and returned for the token.
func TestTokenNeverPrinted(t *testing.T) {
	const token = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"message": "401: Unauthorized %s", "code": 0}`, r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	target, _ := url.Parse(srv.URL)
	for _, format := range []string{"text", "json"} {
		var out, errb bottest.SyncBuffer
		o := &options{stdout: &out, stderr: &errb, transport: hostile{target}, getenv: func(k string) string {
			return map[string]string{"DISCORD_TOKEN": token}[k]
		}}
		ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
		err := runOptions(ctx, []string{"--log-format", format, "bot"}, o)
		cancel()
		if err == nil {
			t.Fatalf("bot against a server refusing the token succeeded")
		}
		for what, text := range map[string]string{"error": err.Error(), "stdout": out.String(), "stderr": errb.String()} {
			if strings.Contains(text, token) || strings.Contains(text, token[:24]) {
				t.Errorf("%s (%s logs) contains the token: %s", what, format, text)
			}
		}
		if !strings.Contains(err.Error(), "[redacted]") && !strings.Contains(err.Error(), "401") {
			t.Errorf("error = %q, want the refusal reported without the token", err)
		}
	}
}
