package feedback_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier/bot/feedback"
)

// helperEnv names the variable that turns the test binary into a helper
// process: another replica, or a writer to kill.
const helperEnv = "DOSSIER_FEEDBACK_HELPER"

func TestMain(m *testing.M) {
	if mode := os.Getenv(helperEnv); mode != "" {
		if err := helper(mode); err != nil {
			fmt.Fprintln(os.Stderr, "helper:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// helper is the helper process's work:
//
//	vote:  cast HELPER_N votes (0: until killed) on HELPER_ANSWER by users
//	       HELPER_PREFIX0, HELPER_PREFIX1, …, printing each index once its
//	       vote is committed
//	tally: print the answer's tally as "up down"
func helper(mode string) error {
	ctx := context.Background()
	s, err := feedback.Open(ctx, os.Getenv("HELPER_DSN"), feedback.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	answer := os.Getenv("HELPER_ANSWER")
	switch mode {
	case "vote":
		n, _ := strconv.Atoi(os.Getenv("HELPER_N"))
		if n <= 0 {
			n = 1_000_000 // bounded, though the test kills it long before
		}
		verdict := feedback.Up
		if os.Getenv("HELPER_VERDICT") == "down" {
			verdict = feedback.Down
		}
		for i := range n {
			v := feedback.Vote{Answer: answer, User: os.Getenv("HELPER_PREFIX") + strconv.Itoa(i), Verdict: verdict,
				Comment: strings.Repeat("a comment long enough to span pages ", i%20)}
			if err := s.Vote(ctx, v); err != nil {
				return err
			}
			// Unbuffered: the parent sees each line as soon as it is written.
			if _, err := fmt.Fprintln(os.Stdout, i); err != nil {
				return err
			}
		}
	case "tally":
		t, err := s.Tally(ctx, answer)
		if err != nil {
			return err
		}
		fmt.Println(t.Up, t.Down)
	default:
		return fmt.Errorf("unknown mode %q", mode)
	}
	return nil
}

// helperCmd returns the test binary run as a helper process.
func helperCmd(t *testing.T, mode, dsn, answer string, env ...string) *exec.Cmd {
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, "HELPER_DSN="+dsn, "HELPER_ANSWER="+answer)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = os.Stderr
	return cmd
}

func runHelper(t *testing.T, mode, dsn, answer string, env ...string) string {
	t.Helper()
	out, err := helperCmd(t, mode, dsn, answer, env...).Output()
	if err != nil {
		t.Fatalf("helper %s %v: %v", mode, env, err)
	}
	return strings.TrimSpace(string(out))
}

// TestTwoProcesses: votes cast by one process are seen, and changed, by
// another, as replicas behind a load balancer share one store.
func TestTwoProcesses(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		dsn := b.dsn(t)
		s := open(t, dsn)
		record(t, s, answer("a1", "Seen by every replica?", false, t0))

		runHelper(t, "vote", dsn, "a1", "HELPER_N=10", "HELPER_PREFIX=user", "HELPER_VERDICT=down")
		if got := tally(t, s, "a1"); got != (feedback.Tally{Down: 10}) {
			t.Fatalf("after another process voted: Tally = %+v, want 10 down", got)
		}
		// Three users change their minds through a third process: their
		// votes are replaced, not added.
		runHelper(t, "vote", dsn, "a1", "HELPER_N=3", "HELPER_PREFIX=user", "HELPER_VERDICT=up")
		vote(t, s, feedback.Vote{Answer: "a1", User: "user9", Verdict: feedback.Up})
		if got := runHelper(t, "tally", dsn, "a1"); got != "4 6" {
			t.Errorf("tally read by another process = %q, want \"4 6\"", got)
		}
		if got := tally(t, s, "a1"); got != (feedback.Tally{Up: 4, Down: 6}) {
			t.Errorf("Tally = %+v, want 4 up and 6 down", got)
		}
	})
}

// TestKillMidVote kills a process that is writing votes as fast as it can
// and checks that at most the vote in flight is lost and the store is
// intact.
func TestKillMidVote(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		dsn := b.dsn(t)
		for round, after := range []int{25, 80, 150} {
			id := fmt.Sprintf("kill%d", round)
			s := open(t, dsn)
			record(t, s, answer(id, "Killed mid-write?", false, t0))
			s.Close()

			cmd := helperCmd(t, "vote", dsn, id, "HELPER_PREFIX=k")
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(out)
			acked := 0
			for acked < after && lines.Scan() {
				acked++
			}
			if acked < after {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("round %d: the writer stopped after %d votes", round, acked)
			}
			// The writer is in its loop, most of its time inside a write.
			time.Sleep(time.Duration(round) * time.Millisecond)
			if err := cmd.Process.Kill(); err != nil { // SIGKILL: no chance to clean up
				t.Fatal(err)
			}
			for lines.Scan() { // acknowledgements written before the kill
				acked++
			}
			io.Copy(io.Discard, out)
			cmd.Wait()

			if b.name == "sqlite" {
				checkIntegrity(t, dsn)
			}
			s = open(t, dsn)
			got := tally(t, s, id)
			t.Logf("round %d: %d votes acknowledged before the kill, %d stored", round, acked, got.Up+got.Down)
			if n := got.Up + got.Down; n < acked || n > acked+1 {
				t.Errorf("round %d: %d votes acknowledged before the kill, %d stored; want %d or %d", round, acked, n, acked, acked+1)
			}
			// The store takes writes again.
			vote(t, s, feedback.Vote{Answer: id, User: "after", Verdict: feedback.Down})
			if got2 := tally(t, s, id); got2.Down != got.Down+1 {
				t.Errorf("round %d: vote after reopening: Tally = %+v, want one more down than %+v", round, got2, got)
			}
			s.Close()
		}
	})
}

// checkIntegrity runs SQLite's full consistency check on the file.
func checkIntegrity(t *testing.T, path string) {
	t.Helper()
	db := rawDB(t, path)
	rows, err := db.QueryContext(t.Context(), `PRAGMA integrity_check`)
	if err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	defer rows.Close()
	var report []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		report = append(report, line)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(report) != 1 || report[0] != "ok" {
		t.Fatalf("integrity_check after the kill = %q, want ok", report)
	}
	db.Close()
}
