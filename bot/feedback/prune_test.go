package feedback_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/feedback"
)

func TestRunPruner(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "f.db"))
	now := time.Now()
	record(t, s, answer("old", "Old?", true, now.Add(-2*time.Hour)), answer("new", "New?", true, now))
	var logs bottest.SyncBuffer
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() {
		feedback.RunPruner(ctx, s, time.Hour, 10*time.Millisecond, slog.New(slog.NewTextHandler(&logs, nil)))
		close(done)
	}()
	// Wait for the first pass to log what it pruned, then for a later pass.
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(logs.String(), "pruned feedback") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	record(t, s, answer("old2", "Old too?", true, now.Add(-3*time.Hour)))
	for time.Now().Before(deadline) {
		if _, n := questions(t, s, feedback.Filter{Status: feedback.Any}); n == 1 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
	qs, _ := questions(t, s, feedback.Filter{Status: feedback.Any})
	if len(qs) != 1 || qs[0].Text != "New?" {
		t.Errorf("after pruning with a retention of an hour: %+v, want only the new question", qs)
	}
	if !strings.Contains(logs.String(), "answers=1") {
		t.Errorf("pruner log = %q, want it to say what it deleted", logs.String())
	}

	// Zero retention keeps everything and returns at once.
	record(t, s, answer("ancient", "Ancient?", true, now.Add(-10000*time.Hour)))
	feedback.RunPruner(t.Context(), s, 0, time.Millisecond, nil)
	if _, n := questions(t, s, feedback.Filter{Status: feedback.Any}); n != 2 {
		t.Errorf("after RunPruner with retention 0: %d questions, want 2 kept", n)
	}
}
