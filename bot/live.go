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
	// mu orders Swap and Close; closed is set by Close, after which a
	// Swap closes what it is given instead of serving it.
	mu     sync.Mutex
	closed bool
}

// generation is one Bot with what it was built from. Requests hold its
// read lock; retiring it takes the write lock, which waits for them.
type generation struct {
	mu      sync.RWMutex
	retired bool
	bot     *Bot
	kb      *knowledge.Base
	close   func()
	// n counts the generations from 0: what was made from one Bot (a
	// cached chart) is keyed by it, never by the Bot's address, which a
	// later Bot may reuse.
	n uint64
}

// NewLive serves b. close, if set, releases b's index once b is replaced.
func NewLive(b *Bot, kb *knowledge.Base, close func()) *Live {
	l := &Live{}
	l.cur.Store(&generation{bot: b, kb: kb, close: close})
	return l
}

// Acquire returns the current Bot and knowledge base, and a release
// function the caller must call when its request is done.
// After Close it returns the last Bot, whose index is closed: its
// requests fail with an error rather than wait.
func (l *Live) Acquire() (*Bot, *knowledge.Base, func()) {
	g, release := l.acquire()
	return g.bot, g.kb, release
}

// AcquireGeneration is Acquire with the number of the generation the Bot
// is, counted from 0 by Swap, in place of its knowledge base.
func (l *Live) AcquireGeneration() (*Bot, uint64, func()) {
	g, release := l.acquire()
	return g.bot, g.n, release
}

func (l *Live) acquire() (*generation, func()) {
	for {
		g := l.cur.Load()
		g.mu.RLock()
		if !g.retired {
			return g, g.mu.RUnlock
		}
		g.mu.RUnlock()
		if l.cur.Load() == g {
			// Retired and still current: Live is closed, and no newer
			// generation will come.
			return g, func() {}
		}
		// Swapped out meanwhile: take the new one.
	}
}

// Swap makes b the Bot that serves new requests, then waits for requests
// still using the old one to finish and closes it. After Close, it closes
// b at once.
func (l *Live) Swap(b *Bot, kb *knowledge.Base, close func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		if close != nil {
			close()
		}
		return
	}
	old := l.cur.Swap(&generation{bot: b, kb: kb, close: close, n: l.cur.Load().n + 1})
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
// releases it. Requests after Close get a Bot whose index is closed; a
// second Close does nothing.
func (l *Live) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return
	}
	l.closed = true
	g := l.cur.Load()
	g.mu.Lock()
	g.retired = true
	g.mu.Unlock()
	if g.close != nil {
		g.close()
	}
}
