package main

import (
	"fmt"
	"strings"
	"time"
)

// progress returns a callback that reports how far indexing a large corpus
// has got. On a terminal it keeps one line up to date, at most a few times
// a second; elsewhere (a log file, a CI job) it writes a plain line at each
// tenth of the way, with no carriage returns.
func (o *options) progress(total int) func(done, total int) {
	start, last := time.Now(), time.Time{}
	if _, tty := o.isTerminal(o.stderr); !tty {
		next, finished := 0, false
		return func(done, _ int) {
			pct := 100 * done / max(total, 1)
			if finished || (pct < next && done < total) {
				return
			}
			next, finished = pct/10*10+10, done >= total
			fmt.Fprintf(o.stderr, "indexing: %d/%d passages (%d%%) %s\n", done, total, pct, time.Since(start).Round(100*time.Millisecond))
		}
	}
	return func(done, _ int) {
		if time.Since(last) < 250*time.Millisecond && done < total {
			return
		}
		last = time.Now()
		pct := 100 * done / max(total, 1)
		bar := strings.Repeat("#", pct/4) + strings.Repeat(".", 25-pct/4)
		fmt.Fprintf(o.stderr, "\rindexing [%s] %d/%d passages (%d%%) %s", bar, done, total, pct, time.Since(start).Round(100*time.Millisecond))
	}
}

// endProgress ends the terminal's progress line.
func (o *options) endProgress(p func(int, int)) {
	if _, tty := o.isTerminal(o.stderr); p != nil && tty {
		fmt.Fprintln(o.stderr)
	}
}
