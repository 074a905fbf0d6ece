package discord

import (
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/dossier/dossier/bot"
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

// allow reports whether user may run a command now and, if not, how long
// until they may.
func (c *cooldown) allow(user string, now time.Time) (bool, time.Duration) {
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
	r := u.lim.ReserveN(now, 1)
	if !r.OK() {
		return false, time.Duration(float64(time.Second) / float64(c.every))
	}
	if wait := r.DelayFrom(now); wait > 0 {
		r.CancelAt(now)
		return false, wait
	}
	return true, 0
}

// waitNotice tells a user who is going too fast when to try again, in
// whole seconds rounded up.
func waitNotice(doing string, wait time.Duration) string {
	s := int((wait + time.Second - 1) / time.Second)
	s = max(s, 1)
	return fmt.Sprintf("You're %s quickly — please wait %d %s and try again.", doing, s, bot.Plural(s, "second", "seconds"))
}
