package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord/discordtest"
)

// startServe runs `dossier serve` in-process with args before "serve" and
// returns its address, its stderr, a function posting signed interactions
// and a function that stops it and returns its error.
func startServe(t *testing.T, args ...string) (addr string, stderr *bottest.SyncBuffer, post func(string) string, stop func() error) {
	t.Helper()
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	env := map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub)}
	var stdout bottest.SyncBuffer
	stderr = &bottest.SyncBuffer{}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- runTest(t, ctx, append(args, "serve", "--addr", "127.0.0.1:0"), func(k string) string { return env[k] }, &stdout, stderr)
	}()
	addr = waitListening(t, stderr)
	n := 0
	post = func(body string) string {
		n++ // every interaction has its own id; a resent one is a replay
		_, reply := signedPost(t, addr, priv, strings.Replace(body, `{`, fmt.Sprintf(`{"nonce":%d,`, n), 1))
		return reply
	}
	stop = func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(15 * time.Second):
			t.Fatal("serve did not stop")
			return nil
		}
	}
	t.Cleanup(func() { cancel() })
	return addr, stderr, post, stop
}

const (
	modMember     = `"member":{"user":{"id":"9"},"permissions":"8192"}`
	reloadBody    = `{"id":"3","type":2,"token":"t","application_id":"42",` + modMember + `,"data":{"id":"1","name":"reload","type":1}}`
	whoSaidRasool = `{"id":"4","type":2,"token":"t","application_id":"42",` + modMember + `,"data":{"id":"1","name":"who-said","type":1,"options":[{"name":"speaker","type":3,"value":"Rasool"}]}}`
	askDeter      = `{"id":"5","type":2,"token":"t","application_id":"42",` + modMember + `,"data":{"id":"1","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"Who said the strikes would deter future action?"}]}}`
)

// waitLog waits until stderr holds want count times.
func waitLog(t *testing.T, stderr *bottest.SyncBuffer, want string, count int) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); strings.Count(stderr.String(), want) < count; {
		if time.Now().After(deadline) {
			t.Fatalf("log never said %q %d times: %s", want, count, stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestReloadDamagedIndex serves from an on-disk index, replaces the folder
// with damaged copies (a cut storage file, a scrambled segment), and
// reloads with /reload and SIGHUP: the server stays up, the old index keeps
// answering, the failure names the folder, and once a good index is back a
// reload swaps it in.
func TestReloadDamagedIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	if _, _, err := runCLI(t, "index", "build", "--out", dir); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(t.TempDir(), "good")
	if err := os.CopyFS(good, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	addr, stderr, post, stop := startServe(t, "--index", dir)

	damages := []struct {
		name   string
		damage func(dir string)
	}{
		{"storage file cut", func(d string) { os.Truncate(filepath.Join(d, "store", "root.bolt"), 65536) }},
		{"segment scrambled", func(d string) {
			segs, _ := filepath.Glob(filepath.Join(d, "store", "*.zap"))
			b, _ := os.ReadFile(segs[0])
			for i := len(b) - 200; i < len(b); i += 7 {
				b[i] ^= 0x5a
			}
			os.WriteFile(segs[0], b, 0o600)
		}},
	}
	failures := 0
	for _, d := range damages {
		// Replace the folder, as an operator copying an index in would.
		damaged := filepath.Join(t.TempDir(), "damaged")
		os.CopyFS(damaged, os.DirFS(good))
		d.damage(damaged)
		os.RemoveAll(dir)
		if err := os.Rename(damaged, dir); err != nil {
			t.Fatal(err)
		}
		if body, _ := reloadOutcome(t, stderr, func() string { return post(reloadBody) }); !strings.Contains(body, "Reload failed") || !strings.Contains(body, "damaged") || !strings.Contains(body, dir) {
			t.Errorf("%s: /reload = %.300s, want the failure, naming %s", d.name, body, dir)
		}
		failures++
		syscall.Kill(os.Getpid(), syscall.SIGHUP)
		failures++
		waitLog(t, stderr, "reload failed", failures)
		if body := post(askDeter); !strings.Contains(body, "deter") {
			t.Errorf("%s: after failed reloads, /ask = %.300s, want the old index answering", d.name, body)
		}
	}
	os.RemoveAll(dir)
	os.CopyFS(dir, os.DirFS(good))
	if body, _ := reloadOutcome(t, stderr, func() string { return post(reloadBody) }); !strings.Contains(body, "Reloaded") {
		t.Errorf("/reload with a good index back = %.300s, want Reloaded", body)
	}
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{"dossier_reloads_total 1", fmt.Sprintf("dossier_reload_failures_total %d", failures)} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if strings.Contains(string(metrics), "dossier_panics_total{") {
		t.Errorf("/metrics counts recovered panics: a damaged index must be an error, not a panic")
	}
	if err := stop(); err != nil {
		t.Errorf("serve returned %v", err)
	}
}

// TestHangupDuringStartup sends SIGHUP while the server is still opening
// its index: the process keeps starting (SIGHUP's default action would end
// it with status 129) and reloads once it serves.
func TestHangupDuringStartup(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	env := map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub)}
	var stdout, stderr bottest.SyncBuffer
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- runTest(t, ctx, []string{"serve", "--addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, &stdout, &stderr)
	}()
	waitLog(t, &stderr, "starting", 1)
	syscall.Kill(os.Getpid(), syscall.SIGHUP)
	waitListening(t, &stderr)
	waitLog(t, &stderr, "reloaded", 1)
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve returned %v", err)
	}
}

// TestIndexBuildRefusesForeignFolder: `index build --out` into a folder of
// other files refuses and leaves them, unless --force is given.
func TestIndexBuildRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("mine"), 0o644)
	_, _, err := runCLI(t, "index", "build", "--out", dir)
	if err == nil || !strings.Contains(err.Error(), "--force") || !strings.Contains(err.Error(), dir) {
		t.Errorf("index build into a folder of notes: err = %v, want a refusal naming it and --force", err)
	}
	if b, _ := os.ReadFile(notes); string(b) != "mine" {
		t.Fatalf("refused build changed %s", notes)
	}
	if out, _, err := runCLI(t, "index", "build", "--out", dir, "--force"); err != nil || !strings.Contains(out, "indexed") {
		t.Errorf("index build --force = %q, %v", out, err)
	}
	if out, _, err := runCLI(t, "--index", dir, "sources"); err != nil || !strings.Contains(out, "001") {
		t.Errorf("sources from the forced index = %.200q, %v", out, err)
	}
}

// TestDamagedIndexError: the CLI on a damaged --index prints one line
// naming the folder and how to rebuild it, not the storage's assertion.
func TestDamagedIndexError(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	if _, _, err := runCLI(t, "index", "build", "--out", dir); err != nil {
		t.Fatal(err)
	}
	os.Truncate(filepath.Join(dir, "store", "root.bolt"), 65536)
	_, _, err := runCLI(t, "--index", dir, "ask", "what did Putin say?")
	if err == nil {
		t.Fatal("ask on a damaged index succeeded")
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || !strings.Contains(msg, "damaged") || !strings.Contains(msg, dir) || !strings.Contains(msg, "index build --force --out") || strings.Contains(msg, "internal error") {
		t.Errorf("ask on a damaged index: %q, want one line naming %s as damaged and how to rebuild", msg, dir)
	}
	// The advice works as written.
	_, advice, _ := strings.Cut(msg, "rebuild it with: dossier ")
	if _, _, err := runCLI(t, strings.Fields(advice)...); err != nil {
		t.Fatalf("the advised %q: %v", advice, err)
	}
	if out, _, err := runCLI(t, "--index", dir, "ask", "what did Kirby say?"); err != nil || !strings.Contains(out, "Kirby") {
		t.Errorf("ask on the rebuilt index = %.200q, %v", out, err)
	}
}

// TestIndexFolderErrors: --index on a missing folder, or on a folder of
// other files, says what to do, and never advises --force on files that
// may be the user's own.
func TestIndexFolderErrors(t *testing.T) {
	notes := t.TempDir()
	if err := os.WriteFile(filepath.Join(notes, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "none")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--index", missing, "timeline"}, "--index " + missing + ": no such folder; build one with: dossier index build --out " + missing},
		{[]string{"--index", missing, "ask", "kirby"}, "no such folder"},
		{[]string{"--index", notes, "ask", "kirby"}, "build an index in a new folder with: dossier index build --out NEWDIR"},
	} {
		_, _, err := runCLI(t, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "--force") {
			t.Errorf("dossier %q error = %v, want one containing %q and no --force", tt.args, err, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(notes, "notes.txt")); err != nil {
		t.Errorf("the folder's own file: %v", err)
	}
}

// TestBotHealthz runs `dossier bot --metrics-addr` against the fake
// Discord: /healthz answers 200 "connected" once the session is up (it
// used to say "ok" whatever the gateway did).
func TestBotHealthz(t *testing.T) {
	fake := discordtest.New(t)
	var stderr bottest.SyncBuffer
	o := testOptions(t, func(k string) string { return map[string]string{"DISCORD_TOKEN": "test-token-1234"}[k] }, io.Discard, &stderr)
	o.transport = fake.Transport()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- runOptions(ctx, []string{"bot", "--metrics-addr", "127.0.0.1:0"}, o) }()
	addr := waitListening(t, &stderr)
	fake.WaitConnected(t, "identify")
	for deadline := time.Now().Add(10 * time.Second); ; {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK && strings.HasPrefix(string(body), "connected") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("/healthz = %d %q, want 200 connected", resp.StatusCode, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("bot returned %v", err)
	}
}
