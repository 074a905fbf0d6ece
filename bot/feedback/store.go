package feedback

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	sqlitedriver "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go
	sqlitelib "modernc.org/sqlite/lib"
)

// dialect is the database behind a store. The schema and the queries are
// the same for both; only opening and locking differ.
type dialect int

const (
	sqlite dialect = iota
	postgres
)

func (d dialect) String() string {
	if d == postgres {
		return "postgres"
	}
	return "sqlite"
}

// Options configure a store.
type Options struct {
	// Salt keys the hashes stored instead of user ids. Empty means the
	// store's own salt: random, made when the store is created and kept in
	// it, so every replica sharing the store hashes alike.
	Salt string
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than
// a SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the store dsn names, creating it or bringing its schema up to
// date: a postgres:// URL, or else the path of a SQLite file.
func Open(ctx context.Context, dsn string, opt Options) (Store, error) {
	var (
		db  *sql.DB
		d   dialect
		err error
	)
	if IsPostgres(dsn) {
		d = postgres
		db, err = openPostgres(dsn)
		if err == nil {
			// A server that cannot be reached is told as such, not as a
			// failed migration.
			if perr := db.PingContext(ctx); perr != nil {
				db.Close()
				return nil, fmt.Errorf("feedback store (postgres): connect: %w", perr)
			}
		}
	} else {
		d = sqlite
		db, err = openSQLite(ctx, dsn)
	}
	if err != nil {
		return nil, err
	}
	s := &sqlStore{db: db, d: d}
	if err := s.init(ctx, opt); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// openPostgres opens a pool on a PostgreSQL database through pgx. Errors
// never repeat the URL, which may hold a password.
func openPostgres(dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, errors.New("feedback store: the postgres:// URL does not parse")
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

// sqlitePragmas are set on every connection. WAL lets readers run beside
// the writer and keeps the file consistent when a process dies mid-write;
// synchronous=NORMAL is WAL's durable setting against a process crash (only
// a power cut can lose the last commits, never consistency); the busy
// timeout makes concurrent writers wait their turn instead of failing;
// "immediate" transactions take the write lock when they begin, so two
// writers never deadlock upgrading a read lock. The pragmas run in order,
// the busy timeout first, though switching a new file to WAL is answered
// "busy" at once all the same (openSQLite waits for it).
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_txlock=immediate"

// sqliteBusyWait is how long opening waits for other connections switching
// a new file to WAL, as long as the busy timeout.
const sqliteBusyWait = 10 * time.Second

// openSQLite opens (creating) the SQLite file at path in WAL mode.
func openSQLite(ctx context.Context, path string) (*sql.DB, error) {
	switch {
	case path == "":
		return nil, errors.New("feedback store: no database file given")
	case strings.ContainsAny(path, "?#") || strings.HasPrefix(path, "file:") || strings.HasPrefix(path, ":memory:"):
		return nil, fmt.Errorf("feedback store %q: give a plain file path or a postgres:// URL", path)
	}
	db, err := sql.Open("sqlite", path+"?"+sqlitePragmas)
	if err != nil {
		return nil, fmt.Errorf("feedback store %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	// Switching a new file to WAL needs it alone, and SQLite answers
	// "busy" at once, without the busy timeout, while replicas opening
	// together contend for it: wait a moment and ask again.
	var mode string
	giveUp := time.Now().Add(sqliteBusyWait)
	for wait := 10 * time.Millisecond; ; wait = min(2*wait, time.Second) {
		err = db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode)
		var se *sqlitedriver.Error
		if !errors.As(err, &se) || se.Code()&0xff != sqlitelib.SQLITE_BUSY || time.Now().After(giveUp) {
			break
		}
		select {
		case <-ctx.Done():
		case <-time.After(wait):
			continue
		}
		break
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("feedback store %s: %w", path, err)
	}
	if mode != "wal" {
		db.Close()
		return nil, fmt.Errorf("feedback store %s: journal mode is %q, want WAL (is the file on a network share?)", path, mode)
	}
	return db, nil
}
