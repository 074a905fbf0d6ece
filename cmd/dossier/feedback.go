package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/bot/feedback"
)

// saltEnv names the variable holding the salt for user hashes; without it
// the store keeps a random salt of its own.
const saltEnv = "DOSSIER_FEEDBACK_SALT"

// addFeedbackFlags adds, to the commands that use the feedback store, the
// flags naming it and how long it keeps what it holds. The default store
// is left out of the help, where its path would not fit: see defaultDB.
func (o *options) addFeedbackFlags(f *pflag.FlagSet) {
	f.Var(dbFlag{o}, "db", "feedback store: SQLite file or postgres:// URL (default $XDG_STATE_HOME/dossier/feedback.db, else ~/.local/state/dossier/feedback.db, created on first use)")
	o.retention = feedback.DefaultRetention
	f.Var((*retention)(&o.retention), "feedback-retention", "how long to keep feedback (0: forever)")
}

// dbFlag is --db: it records that it was given, so that --db "" turns
// feedback off rather than meaning the default.
type dbFlag struct{ o *options }

func (f dbFlag) String() string {
	if f.o == nil {
		return ""
	}
	return f.o.db
}

func (f dbFlag) Set(s string) error {
	f.o.db, f.o.dbGiven = s, true
	return nil
}

func (dbFlag) Type() string { return "string" }

// dbPath is the store --db names, or the default one.
func (o *options) dbPath() string {
	if o.dbGiven {
		return o.db
	}
	return defaultDB(o.getenv)
}

// retention is a duration flag that also takes days: "180d".
type retention time.Duration

func (r *retention) String() string {
	d := time.Duration(*r)
	if d > 0 && d%(24*time.Hour) == 0 {
		return strconv.FormatInt(int64(d/(24*time.Hour)), 10) + "d"
	}
	return d.String()
}

func (r *retention) Set(s string) error {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.ParseUint(days, 10, 16)
		if err != nil {
			return fmt.Errorf("%q is not a number of days", s)
		}
		*r = retention(time.Duration(n) * 24 * time.Hour)
		return nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return fmt.Errorf("%q is not a duration (e.g. 180d, 36h, 0)", s)
	}
	*r = retention(d)
	return nil
}

func (r *retention) Type() string { return "duration" }

// defaultDB is the SQLite file in the user's state directory
// ($XDG_STATE_HOME, or ~/.local/state), or "" when there is no home.
func defaultDB(getenv func(string) string) string {
	if getenv == nil {
		return ""
	}
	if d := getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "dossier", "feedback.db")
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "state", "dossier", "feedback.db")
	}
	return ""
}

// openFeedback opens the store --db names, or the default SQLite file,
// creating the default's folder in the state directory; a folder --db
// names must exist, so a mistyped path is an error, not a new tree.
// Without a store it returns nil, or a usage error when the command needs
// one.
func (o *options) openFeedback(ctx context.Context, required bool) (feedback.Store, error) {
	path := o.dbPath()
	if path == "" {
		if required {
			return nil, usageError{errors.New("no feedback store: give --db FILE or --db postgres://…")}
		}
		return nil, nil
	}
	if !feedback.IsPostgres(path) {
		dir := filepath.Dir(path)
		if o.dbGiven {
			if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
				return nil, usageError{fmt.Errorf("--db %s: no such folder %s", path, dir)}
			}
		} else if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("feedback store: %w", err)
		}
	}
	return feedback.Open(ctx, path, feedback.Options{Salt: o.getenv(saltEnv)})
}

// describeDB names the store for logs, without a password.
func describeDB(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && feedback.IsPostgres(dsn) {
		return u.Redacted()
	}
	return dsn
}

// startFeedback opens the store for a serving mode, hands it to h, and
// prunes it in the background until ctx ends. The returned function
// closes it.
func (o *options) startFeedback(ctx context.Context, h *discord.Handler, log *slog.Logger) (func(), error) {
	s, err := o.openFeedback(ctx, false)
	if err != nil {
		return nil, err
	}
	if s == nil {
		log.Info("feedback is off (no --db)")
		return func() {}, nil
	}
	h.SetFeedback(s)
	pctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		feedback.RunPruner(pctx, s, o.retention, feedback.PruneInterval, log)
	}()
	log.Info("feedback store open", "db", describeDB(o.dbPath()), "retention", (*retention)(&o.retention).String())
	return func() {
		cancel()
		<-done
		s.Close()
	}, nil
}
