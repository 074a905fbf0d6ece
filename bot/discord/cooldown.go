package discord

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Cooldown defaults: five commands per ten seconds for each user.
const (
	DefaultBurst = 5
	DefaultEvery = 2 * time.Second
)

// cooldown limits how fast each user can run commands, forgetting users
// who have been idle long enough to be back at a full allowance.
type cooldown struct {
	mu    sync.Mutex
	every rate.Limit
	burst int
	users map[string]*userRate
}

type userRate struct {
	lim  *rate.Limiter
	seen time.Time
}

func newCooldown(every rate.Limit, burst int) *cooldown {
	return &cooldown{every: every, burst: burst, users: map[string]*userRate{}}
}

func (c *cooldown) allow(user string, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.users) > 10000 {
		for id, u := range c.users {
			if now.Sub(u.seen) > time.Minute {
				delete(c.users, id)
			}
		}
	}
	u, ok := c.users[user]
	if !ok {
		u = &userRate{lim: rate.NewLimiter(c.every, c.burst)}
		c.users[user] = u
	}
	u.seen = now
	return u.lim.AllowN(now, 1)
}
