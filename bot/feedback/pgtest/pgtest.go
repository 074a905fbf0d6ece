// Package pgtest starts a throwaway PostgreSQL server for tests: the
// binaries of the distribution's package, a cluster in the test's
// temporary directory, a free loopback port, and trust authentication on
// it. Tests skip when the binaries are absent, unless
// DOSSIER_REQUIRE_POSTGRES is set (as CI sets it), when they fail.
package pgtest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dossier/dossier/bot/bottest"
)

// RequireEnv names the variable that turns a missing PostgreSQL into a
// test failure instead of a skip.
const RequireEnv = "DOSSIER_REQUIRE_POSTGRES"

// BinEnv names a variable that can point at the directory holding initdb
// and postgres.
const BinEnv = "DOSSIER_PG_BIN"

// Server is a running PostgreSQL server owned by one test.
type Server struct {
	port int
	next atomic.Int64
}

// Start starts a server that stops when t ends.
func Start(t testing.TB) *Server {
	t.Helper()
	bin, err := findBin()
	if err != nil {
		if os.Getenv(RequireEnv) != "" {
			t.Fatalf("PostgreSQL is required (%s is set) but: %v", RequireEnv, err)
		}
		t.Skipf("skipping the PostgreSQL backend: %v (install the postgresql package; set %s=1 to make this a failure)", err, RequireEnv)
	}
	run, err := runAs()
	if err != nil {
		t.Fatalf("start PostgreSQL: %v", err)
	}
	dir := t.TempDir()
	if err := run.prepare(dir); err != nil {
		t.Fatalf("start PostgreSQL: %v", err)
	}
	data := filepath.Join(dir, "data")
	if out, err := run.command(filepath.Join(bin, "initdb"), "-D", data, "-U", "dossier", "--auth=trust",
		"--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions").CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	for try := 0; ; try++ {
		s, err := start(t, run, filepath.Join(bin, "postgres"), data)
		if err == nil {
			return s
		}
		if try == 2 {
			t.Fatalf("start PostgreSQL: %v", err)
		}
		t.Logf("start PostgreSQL (try %d): %v", try+1, err)
	}
}

// findBin returns the directory with initdb and postgres: $DOSSIER_PG_BIN,
// the newest /usr/lib/postgresql/*/bin, or the PATH.
func findBin() (string, error) {
	has := func(dir string) bool {
		for _, name := range []string{"initdb", "postgres"} {
			if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.IsDir() {
				return false
			}
		}
		return true
	}
	if dir := os.Getenv(BinEnv); dir != "" {
		if has(dir) {
			return dir, nil
		}
		return "", fmt.Errorf("%s=%s holds no initdb and postgres", BinEnv, dir)
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int { return version(b) - version(a) })
	for _, d := range dirs {
		if has(d) {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil && has(filepath.Dir(p)) {
		return filepath.Dir(p), nil
	}
	return "", fmt.Errorf("no PostgreSQL server binaries (initdb, postgres) in /usr/lib/postgresql/*/bin or on the PATH")
}

// version returns the major version in /usr/lib/postgresql/V/bin.
func version(dir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return v
}

// freePort returns a loopback port nothing listens on now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// start runs postgres on data and waits until it takes connections.
func start(t testing.TB, run runner, postgres, data string) (*Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, fmt.Errorf("free port: %w", err)
	}
	// Durability is pointless for a throwaway cluster; Unix sockets are off
	// so that nothing is written outside the test's directory.
	cmd := run.command(postgres, "-D", data, "-p", strconv.Itoa(port),
		"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	var log bottest.SyncBuffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	stop := func() {
		cmd.Process.Signal(os.Interrupt) // fast shutdown
		select {
		case <-exited:
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	}
	s := &Server{port: port}
	deadline := time.Now().Add(60 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		conn, err := pgx.Connect(ctx, s.url("postgres"))
		if err == nil {
			conn.Close(ctx)
			cancel()
			break
		}
		cancel()
		select {
		case <-exited:
			return nil, fmt.Errorf("postgres exited: %s", strings.TrimSpace(log.String()))
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			stop()
			return nil, fmt.Errorf("postgres did not accept connections within a minute: %s", strings.TrimSpace(log.String()))
		}
	}
	t.Cleanup(stop)
	return s, nil
}

func (s *Server) url(db string) string {
	return fmt.Sprintf("postgres://dossier@127.0.0.1:%d/%s?sslmode=disable", s.port, db)
}

// NewDatabase creates an empty database and returns its postgres:// URL.
func (s *Server) NewDatabase(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("test%d", s.next.Add(1))
	conn, err := pgx.Connect(t.Context(), s.url("postgres"))
	if err != nil {
		t.Fatalf("connect to PostgreSQL: %v", err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(t.Context(), "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	return s.url(name)
}
