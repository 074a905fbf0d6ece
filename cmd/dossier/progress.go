package main

import (
	"fmt"
	"strings"
	"time"
)

// progress returns a callback that keeps one line on stderr up to date
// while a large corpus is indexed, at most a few times a second.
func (o *options) progress(total int) func(done, total int) {
	start, last := time.Now(), time.Time{}
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

func (o *options) endProgress(p func(int, int)) {
	if p != nil {
		fmt.Fprintln(o.stderr)
	}
}
