package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier/bot/bottest"
)

// TestHealthcheck probes a real `dossier serve`: healthy while it runs,
// unhealthy once it has stopped; and a server that answers /healthz with
// anything but 200 is unhealthy too.
func TestHealthcheck(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	env := map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub)}
	var stdout, stderr bottest.SyncBuffer
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- runTest(t, ctx, []string{"serve", "--addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, &stdout, &stderr)
	}()
	var addr string
	for deadline := time.Now().Add(20 * time.Second); addr == ""; {
		if m := listening.FindStringSubmatch(stderr.String()); m != nil {
			addr = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s", stderr.String())
		} else {
			time.Sleep(20 * time.Millisecond)
		}
	}
	_, port, _ := net.SplitHostPort(addr)
	for _, a := range []string{addr, ":" + port, "0.0.0.0:" + port} {
		out, _, err := runCLI(t, "healthcheck", "--addr", a)
		if err != nil || !strings.Contains(out, "healthy") {
			t.Errorf("healthcheck --addr %s on a running server = %q, %v; want healthy", a, out, err)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if _, _, err := runCLI(t, "healthcheck", "--addr", addr, "--timeout", "2s"); err == nil || exitCode(err) != 1 {
		t.Errorf("healthcheck of a stopped server = %v (exit %d), want unhealthy (exit 1)", err, exitCode(err))
	}

	sick := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		http.Redirect(w, r, "/healthz", http.StatusFound)
	}))
	defer sick.Close()
	a := strings.TrimPrefix(sick.URL, "http://")
	_, _, err := runCLI(t, "healthcheck", "--addr", a)
	if err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), "503") {
		t.Errorf("healthcheck of a server answering 503 = %v, want unhealthy naming the status (exit 1)", err)
	}
	for _, bad := range []string{"localhost", "http://127.0.0.1:8080/healthz", ""} {
		if _, _, err := runCLI(t, "healthcheck", "--addr", bad); err == nil || exitCode(err) != 1 {
			t.Errorf("healthcheck --addr %q = %v, want an error with exit 1", bad, err)
		}
	}
	for _, bad := range []string{"0s", "-1s"} {
		if _, _, err := runCLI(t, "healthcheck", "--addr", a, "--timeout", bad); err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), "want a positive duration") {
			t.Errorf("healthcheck --timeout %s = %v, want an error saying so, with exit 1", bad, err)
		}
	}
}
