package bot

import (
	"sync"
	"sync/atomic"

	"github.com/dossier/dossier/knowledge"
)

// Live holds the Bot that serves requests and swaps in a rebuilt one
// atomically: a request sees either the old Bot or the new one, never a
// half-built index, and the old index is closed only after its last
// request has finished.
type Live struct {
	cur      atomic.Pointer[generation]
	reloads  atomic.Int64
	failures atomic.Int64
}

// generation is one Bot with what it was built from. Requests hold its
// read lock; retiring it takes the write lock, which waits for them.
type generation struct {
	mu      sync.RWMutex
	retired bool
	bot     *Bot
	kb      *knowledge.Base
	close   func()
}

// NewLive serves b. close, if set, releases b's index once b is replaced.
func NewLive(b *Bot, kb *knowledge.Base, close func()) *Live {
	l := &Live{}
	l.cur.Store(&generation{bot: b, kb: kb, close: close})
	return l
}

// Acquire returns the current Bot and knowledge base, and a release
// function the caller must call when its request is done.
func (l *Live) Acquire() (*Bot, *knowledge.Base, func()) {
	for {
		g := l.cur.Load()
		g.mu.RLock()
		if !g.retired {
			return g.bot, g.kb, g.mu.RUnlock
		}
		g.mu.RUnlock() // swapped out meanwhile: take the new one
	}
}

// Swap makes b the Bot that serves new requests, then waits for requests
// still using the old one to finish and closes it.
func (l *Live) Swap(b *Bot, kb *knowledge.Base, close func()) {
	old := l.cur.Swap(&generation{bot: b, kb: kb, close: close})
	l.reloads.Add(1)
	old.mu.Lock()
	old.retired = true
	old.mu.Unlock()
	if old.close != nil {
		old.close()
	}
}

// Failed counts a reload that did not produce a new Bot; the old one keeps
// serving.
func (l *Live) Failed() { l.failures.Add(1) }

// Reloads returns how many reloads succeeded and failed.
func (l *Live) Reloads() (ok, failed int64) { return l.reloads.Load(), l.failures.Load() }

// Close waits for the requests using the current Bot to finish and
// releases it. Requests after Close must not be made.
func (l *Live) Close() {
	g := l.cur.Load()
	g.mu.Lock()
	g.retired = true
	g.mu.Unlock()
	if g.close != nil {
		g.close()
	}
}
