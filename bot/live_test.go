package bot_test

import (
	"sync"
	"sync/atomic"
	"testing"

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
