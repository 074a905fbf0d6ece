package bot_test

import (
	"maps"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
)

// TestLiveReloadUnderLoad swaps freshly built indexes in while workers keep
// asking: every answer must come whole from one index — never an error
// from a closed or half-built one. Run with -race (CI does).
func TestLiveReloadUnderLoad(t *testing.T) {
	first := bottest.New(t, "")
	live := bot.NewLive(first.Bot, first.KB, nil)
	var stop atomic.Bool
	var asked atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for !stop.Load() {
				b, _, release := live.Acquire()
				a, err := b.Ask(t.Context(), bot.AskRequest{Question: "What did Khatibzadeh say?"})
				release()
				if err != nil {
					t.Errorf("Ask during reload: %v", err)
					return
				}
				if len(a.Results) == 0 || a.Results[0].Citations[0].Quote == "" {
					t.Errorf("Ask during reload answered %q with no cited result", a.Text)
					return
				}
				asked.Add(1)
			}
		})
	}
	for range 15 {
		next := bottest.New(t, "")
		live.Swap(next.Bot, next.KB, func() { next.Index.Close() })
	}
	stop.Store(true)
	wg.Wait()
	if ok, _ := live.Reloads(); ok != 15 || asked.Load() == 0 {
		t.Errorf("reloads = %d, questions answered = %d; want 15 and some", ok, asked.Load())
	}
}

// TestLiveAfterClose checks what a request that arrives during shutdown
// meets: Acquire returns the closed generation at once (it must not wait
// for a newer one that will never come), a Swap after Close closes what it
// is given instead of serving it, and generations are numbered in order.
func TestLiveAfterClose(t *testing.T) {
	closed := map[string]int{}
	closer := func(name string) func() { return func() { closed[name]++ } }
	l := bot.NewLive(nil, nil, closer("first"))
	if _, gen, release := l.AcquireGeneration(); gen != 0 {
		t.Errorf("AcquireGeneration() of the first Bot = generation %d, want 0", gen)
	} else {
		release()
	}
	l.Swap(nil, nil, closer("second"))
	if _, gen, release := l.AcquireGeneration(); gen != 1 {
		t.Errorf("AcquireGeneration() after a Swap = generation %d, want 1", gen)
	} else {
		release()
	}
	l.Close()
	l.Close()
	done := make(chan struct{})
	go func() {
		_, _, release := l.Acquire()
		release()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Acquire after Close has not returned: it waits for a generation that will never come")
	}
	l.Swap(nil, nil, closer("late"))
	if want := map[string]int{"first": 1, "second": 1, "late": 1}; !maps.Equal(closed, want) {
		t.Errorf("closed = %v, want %v (each generation closed once, the one swapped in after Close at once)", closed, want)
	}
	if _, gen, release := l.AcquireGeneration(); gen != 1 {
		t.Errorf("AcquireGeneration() after Close and a late Swap = generation %d, want 1 (the late one is never served)", gen)
	} else {
		release()
	}
}
