package feedback

import (
	"context"
	"log/slog"
	"time"
)

// PruneInterval is how often RunPruner deletes expired feedback.
const PruneInterval = time.Hour

// RunPruner deletes answers and votes older than retention now and then
// every interval, until ctx ends. A retention of zero or less keeps
// everything, and RunPruner returns at once. Failures are logged and
// retried at the next interval: feedback is never worth stopping the bot.
func RunPruner(ctx context.Context, s Store, retention, interval time.Duration, log *slog.Logger) {
	if retention <= 0 {
		return
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if interval <= 0 {
		interval = PruneInterval
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		d, err := s.Prune(ctx, time.Now().Add(-retention))
		switch {
		case err != nil && ctx.Err() == nil:
			log.ErrorContext(ctx, "prune feedback", "error", err)
		case d.Answers > 0 || d.Votes > 0:
			log.InfoContext(ctx, "pruned feedback", "answers", d.Answers, "votes", d.Votes, "retention", retention.String())
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
