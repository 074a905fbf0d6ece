package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
)

var listening = regexp.MustCompile(`addr=(127\.0\.0\.1:\d+)`)

// copyKnowledge copies the knowledge files into a folder for --knowledge.
func copyKnowledge(t *testing.T) string {
	dir := t.TempDir()
	files, _ := filepath.Glob("../../knowledge/*.yaml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644)
	}
	return dir
}

// TestServeReload breaks the knowledge base under a running server: /reload
// reports the error and the old index keeps serving; mended, /reload and
// SIGHUP both swap in the rebuilt index.
func TestServeReload(t *testing.T) {
	kdir := copyKnowledge(t)
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	env := map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub)}
	var stdout, stderr bottest.SyncBuffer
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- runTest(t, ctx, []string{"--knowledge", kdir, "serve", "--addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, &stdout, &stderr)
	}()
	addr := waitListening(t, &stderr)
	n := 0
	post := func(body string) string {
		n++ // every interaction has its own id; a resent one is a replay
		_, reply := signedPost(t, addr, priv, strings.Replace(body, `{`, fmt.Sprintf(`{"nonce":%d,`, n), 1))
		return reply
	}
	const mod = `"member":{"user":{"id":"9"},"permissions":"8192"}`
	reload := `{"id":"3","type":2,"token":"t","application_id":"42",` + mod + `,"data":{"id":"1","name":"reload","type":1}}`
	whoSaid := `{"id":"4","type":2,"token":"t","application_id":"42",` + mod + `,"data":{"id":"1","name":"who-said","type":1,"options":[{"name":"speaker","type":3,"value":"Rasool"}]}}`

	backgrounded := 0
	doReload := func() string {
		t.Helper()
		body, bg := reloadOutcome(t, &stderr, func() string { return post(reload) })
		if bg {
			backgrounded++
		}
		return body
	}

	quotes := filepath.Join(kdir, "quotes.yaml")
	good, _ := os.ReadFile(quotes)
	os.WriteFile(quotes, bytes.Replace(good, []byte("Iraq reiterates its refusal"), []byte("Iraq repeats its refusal"), 1), 0o644)
	if body := doReload(); !strings.Contains(body, "Reload failed") || !strings.Contains(body, "rasool-arena") {
		t.Errorf("/reload with a broken quote = %.300s, want the failure and the record", body)
	}
	if body := post(whoSaid); !strings.Contains(body, "arena for settling scores") {
		t.Errorf("after a failed reload, /who-said Rasool = %.300s, want the old index serving", body)
	}
	// Mend the file: the new words must appear only after a reload.
	os.WriteFile(quotes, good, 0o644)
	if body := doReload(); !strings.Contains(body, "Reloaded") {
		t.Errorf("/reload = %.300s, want Reloaded", body)
	}
	before := strings.Count(stderr.String(), "reloaded")
	syscall.Kill(os.Getpid(), syscall.SIGHUP)
	for deadline := time.Now().Add(10 * time.Second); strings.Count(stderr.String(), "reloaded") == before; {
		if time.Now().After(deadline) {
			t.Fatalf("SIGHUP did not reload: %s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	reloadFailed := `dossier_requests_total{command="reload",outcome="error"} 1`
	if backgrounded > 0 {
		reloadFailed = `dossier_requests_total{command="reload",outcome="ok"}` // answered "in the background"
	}
	for _, want := range []string{
		`dossier_requests_total{command="who-said",outcome="ok"} 1`,
		reloadFailed,
		`dossier_reloads_total 2`,
		`dossier_reload_failures_total 1`,
		`dossier_index_documents 2`,
		`dossier_request_duration_seconds_bucket{command="who-said"`,
	} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve returned %v", err)
	}
}

// reloadOutcome sends /reload with post and returns what the reload came
// to, and whether it went on in the background. A reload that takes longer
// than /reload may wait (Discord allows 3 seconds) is answered "in the
// background"; its outcome is then read from the log: "Reloaded", or
// "Reload failed" and the log line that says why. How long a reload takes
// is not a test's business.
func reloadOutcome(t *testing.T, stderr *bottest.SyncBuffer, post func() string) (string, bool) {
	t.Helper()
	failed := strings.Count(stderr.String(), "reload failed")
	logged := strings.Count(stderr.String(), "reloaded") + failed
	body := post()
	if !strings.Contains(body, "in the background") {
		return body, false
	}
	for deadline := time.Now().Add(60 * time.Second); strings.Count(stderr.String(), "reloaded")+strings.Count(stderr.String(), "reload failed") == logged; {
		if time.Now().After(deadline) {
			t.Fatalf("background reload never finished: %s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if strings.Count(stderr.String(), "reload failed") == failed {
		return "Reloaded", true
	}
	lines := strings.Split(stderr.String(), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.Contains(lines[i], "reload failed") {
			return "Reload failed " + lines[i], true
		}
	}
	return "", true
}

// signedPost sends body to a running endpoint, signed with priv.
func signedPost(t *testing.T, addr string, priv ed25519.PrivateKey, body string) (int, string) {
	t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, "http://"+addr+"/interactions", strings.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, []byte(ts+body))))
	req.Header.Set("X-Signature-Timestamp", ts)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func waitListening(t *testing.T, stderr *bottest.SyncBuffer) string {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; {
		if m := listening.FindStringSubmatch(stderr.String()); m != nil {
			return m[1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestServe runs `dossier serve` in-process with its metrics on their own
// address, answers a signed PING and a signed /who-said over HTTP, and
// shuts down cleanly when its context ends.
func TestServe(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	env := map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub)}
	var stdout, stderr bottest.SyncBuffer
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- runTest(t, ctx, []string{"serve", "--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, &stdout, &stderr)
	}()
	endpointAt := regexp.MustCompile(`msg="serving Discord interactions" addr=(127\.0\.0\.1:\d+)`)
	metricsAt := regexp.MustCompile(`msg="serving metrics" addr=(127\.0\.0\.1:\d+)`)
	var addr, maddr string
	for deadline := time.Now().Add(20 * time.Second); addr == "" || maddr == ""; {
		m, mm := endpointAt.FindStringSubmatch(stderr.String()), metricsAt.FindStringSubmatch(stderr.String())
		switch {
		case m != nil && mm != nil:
			addr, maddr = m[1], mm[1]
		case time.Now().After(deadline):
			t.Fatalf("serve did not start: %s", stderr.String())
		default:
			time.Sleep(20 * time.Millisecond)
		}
	}
	if bi := bot.Build(); !strings.Contains(stderr.String(), `msg="starting dossier" mode=http version=`+bi.Version) {
		t.Errorf("serve's log lacks a start line with version %s: %s", bi.Version, stderr.String())
	}
	post := func(body string) (int, string) { return signedPost(t, addr, priv, body) }
	if code, body := post(`{"id":"1","type":1,"token":"t","application_id":"42"}`); code != 200 || strings.TrimSpace(body) != `{"type":1}` {
		t.Errorf("PING = %d %s, want 200 {\"type\":1}", code, body)
	}
	code, body := post(`{"id":"2","type":2,"token":"t","application_id":"42","member":{"user":{"id":"9"},"permissions":"0"},"data":{"id":"1","name":"who-said","type":1,"options":[{"name":"speaker","type":3,"value":"Psaki"}]}}`)
	if code != 200 || !strings.Contains(body, "Jen Psaki") {
		t.Errorf("/who-said Psaki = %d %.200s, want Psaki's quotations", code, body)
	}
	get := func(url string) (int, string) {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, _ := get("http://" + addr + "/metrics"); code != http.StatusNotFound {
		t.Errorf("GET /metrics on the public port = %d, want 404 with --metrics-addr", code)
	}
	code, metrics := get("http://" + maddr + "/metrics")
	if code != 200 || !strings.Contains(metrics, `dossier_requests_total{command="who-said",outcome="ok"} 1`) || !strings.Contains(metrics, `dossier_build_info{goversion="go`) {
		t.Errorf("GET /metrics on --metrics-addr = %d, want the request counted and the build info:\n%.2000s", code, metrics)
	}
	if code, body := get("http://" + maddr + "/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("GET /healthz on --metrics-addr = %d %q, want 200 ok", code, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after shutdown, want nil", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestDiscordModesNeedTheirSettings(t *testing.T) {
	none := func(string) string { return "" }
	tests := []struct {
		args []string
		env  func(string) string
		want string
	}{
		{[]string{"bot"}, none, "DISCORD_TOKEN is not set"},
		{[]string{"serve"}, none, "DISCORD_PUBLIC_KEY is not set"},
		{[]string{"serve"}, func(k string) string { return map[string]string{"DISCORD_PUBLIC_KEY": "xyz"}[k] }, "64-character hex public key"},
		{[]string{"register"}, func(k string) string { return map[string]string{"DISCORD_TOKEN": "abc"}[k] }, "DISCORD_APP_ID is not set"},
		{[]string{"bot", "--shard-count", "2", "--shard-id", "2"}, func(k string) string { return map[string]string{"DISCORD_TOKEN": "abc"}[k] }, "--shard-id must be between 0 and 1"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		err := runEnv(t.Context(), tt.args, tt.env, &out, &errb)
		if err == nil || !strings.Contains(err.Error(), tt.want) || exitCode(err) != 2 {
			t.Errorf("run(%q) error = %v, want a usage error containing %q", tt.args, err, tt.want)
		}
	}
}

// TestSlowClientsAreCutOff opens connections that send headers too slowly
// or sit idle, and expects the server's timeouts to close them.
func TestSlowClientsAreCutOff(t *testing.T) {
	srv := newHTTPServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }), nil)
	srv.ReadHeaderTimeout, srv.ReadTimeout, srv.IdleTimeout = 200*time.Millisecond, 300*time.Millisecond, 300*time.Millisecond
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "POST /interactions HTTP/1.1\r\nHost: x\r\n") // and never finish the headers
	// The server must close the connection (its 200 ms header timeout);
	// this side's own deadline, 25 times longer, is only a backstop.
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 512)
	_, err = c.Read(buf)
	for err == nil {
		_, err = c.Read(buf)
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("a client that never finished its headers was held open until the test gave up")
	}
}

// TestServeReloadIndex proves that with --index a reload serves fact
// documents that follow the reloaded knowledge base: the on-disk index,
// built from the old one, is rebuilt.
func TestServeReloadIndex(t *testing.T) {
	kdir := copyKnowledge(t)
	idir := filepath.Join(t.TempDir(), "index")
	if _, _, err := runCLI(t, "--knowledge", kdir, "index", "build", "--out", idir); err != nil {
		t.Fatal(err)
	}
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	env := map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub)}
	var stdout, stderr bottest.SyncBuffer
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- runTest(t, ctx, []string{"--knowledge", kdir, "--index", idir, "serve", "--addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, &stdout, &stderr)
	}()
	addr := waitListening(t, &stderr)
	n := 0
	post := func(body string) string {
		n++
		_, reply := signedPost(t, addr, priv, strings.Replace(body, `{`, fmt.Sprintf(`{"nonce":%d,`, n), 1))
		return reply
	}
	const mod = `"member":{"user":{"id":"9"},"permissions":"8192"}`
	reload := `{"id":"3","type":2,"token":"t","application_id":"42",` + mod + `,"data":{"id":"1","name":"reload","type":1}}`
	ask := `{"id":"4","type":2,"token":"t","application_id":"42",` + mod + `,"data":{"id":"1","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"Which attack hit the zanzibarite airbase?"}]}}`

	if body := post(ask); strings.Contains(body, "zanzibarite K1") {
		t.Fatalf("before the change, /ask = %.300s", body)
	}
	events := filepath.Join(kdir, "events.yaml")
	old, _ := os.ReadFile(events)
	changed := bytes.Replace(old, []byte("the K1 military airbase near Kirkuk"), []byte("the zanzibarite K1 military airbase near Kirkuk"), 1)
	if bytes.Equal(old, changed) {
		t.Fatal("events.yaml no longer names the K1 airbase")
	}
	os.WriteFile(events, changed, 0o644)
	if body, _ := reloadOutcome(t, &stderr, func() string { return post(reload) }); !strings.Contains(body, "Reloaded") {
		t.Fatalf("/reload = %.300s, want Reloaded", body)
	}
	if body := post(ask); !strings.Contains(body, "zanzibarite K1") {
		t.Errorf("after the reload, /ask = %.300s, want the changed event", body)
	}
	if !strings.Contains(stderr.String(), "rebuilding it") {
		t.Errorf("the reload did not rebuild the on-disk index: %s", stderr.String())
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve returned %v", err)
	}
}
