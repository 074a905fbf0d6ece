package feedback

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go
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
// writers never deadlock upgrading a read lock.
const sqlitePragmas = "_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_txlock=immediate"

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
	var mode string
	if err := db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
		db.Close()
		return nil, fmt.Errorf("feedback store %s: %w", path, err)
	}
	if mode != "wal" {
		db.Close()
		return nil, fmt.Errorf("feedback store %s: journal mode is %q, want WAL (is the file on a network share?)", path, mode)
	}
	return db, nil
}

// sqlStore is the Store over database/sql, for both dialects.
type sqlStore struct {
	db   *sql.DB
	d    dialect
	salt []byte
}

// init migrates the schema and settles the salt.
func (s *sqlStore) init(ctx context.Context, opt Options) error {
	if _, err := migrate(ctx, s.db, s.d); err != nil {
		return fmt.Errorf("feedback store (%s): %w", s.d, err)
	}
	if opt.Salt != "" {
		s.salt = []byte(opt.Salt)
		return nil
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return fmt.Errorf("feedback store: make salt: %w", err)
	}
	// The first process to get here sets the salt; the others read it.
	if _, err := s.db.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('salt', $1) ON CONFLICT (key) DO NOTHING`, hex.EncodeToString(b[:])); err != nil {
		return fmt.Errorf("feedback store: store salt: %w", err)
	}
	var salt string
	if err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'salt'`).Scan(&salt); err != nil {
		return fmt.Errorf("feedback store: read salt: %w", err)
	}
	s.salt = []byte(salt)
	return nil
}

func (s *sqlStore) Close() error { return s.db.Close() }

func (s *sqlStore) user(id string) string { return hashUser(s.salt, id) }

func ms(t time.Time) int64 {
	if t.IsZero() {
		t = time.Now()
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }

// tooLong reports whether s is over n characters.
func tooLong(s string, n int) bool { return utf8.RuneCountInString(s) > n }

func checkID(id string) error {
	if id == "" || len(id) > MaxID {
		return fmt.Errorf("feedback: answer id %q is empty or over %d bytes", id, MaxID)
	}
	return nil
}

func (s *sqlStore) RecordAnswer(ctx context.Context, a Answer) error {
	if err := checkID(a.ID); err != nil {
		return err
	}
	if strings.TrimSpace(a.Question) == "" || tooLong(a.Question, MaxQuestion) {
		return fmt.Errorf("feedback: question of answer %s is empty or over %d characters", a.ID, MaxQuestion)
	}
	results := a.Results
	if results == nil {
		results = []Result{}
	}
	raw, err := json.Marshal(results)
	if err != nil {
		return fmt.Errorf("feedback: encode results of answer %s: %w", a.ID, err)
	}
	nc := 0
	if a.NotCovered {
		nc = 1
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO answers (id, question, qkey, results, not_covered, guild, channel, asker, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
		a.ID, a.Question, Key(a.Question), string(raw), nc, a.Guild, a.Channel, s.user(a.User), ms(a.At))
	if err != nil {
		return fmt.Errorf("feedback: record answer %s: %w", a.ID, err)
	}
	return nil
}

// voteSQL inserts or replaces a vote if its answer is stored. A changed
// verdict clears the comment and expected answer given with the old one;
// the same verdict again keeps them unless new ones are given. SET
// expressions see the row as it was, in both databases.
const voteSQL = `INSERT INTO votes (answer_id, voter, verdict, comment, expected, created_at, updated_at)
SELECT $1, $2, CAST($3 AS INTEGER), $4, $5, CAST($6 AS BIGINT), CAST($6 AS BIGINT)
WHERE EXISTS (SELECT 1 FROM answers WHERE id = $1)
ON CONFLICT (answer_id, voter) DO UPDATE SET
	comment = CASE WHEN excluded.verdict <> votes.verdict OR excluded.comment <> '' THEN excluded.comment ELSE votes.comment END,
	expected = CASE WHEN excluded.verdict <> votes.verdict OR excluded.expected <> '' THEN excluded.expected ELSE votes.expected END,
	verdict = excluded.verdict,
	updated_at = excluded.updated_at`

func (s *sqlStore) Vote(ctx context.Context, v Vote) error {
	switch {
	case checkID(v.Answer) != nil:
		return checkID(v.Answer)
	case v.User == "":
		return errors.New("feedback: a vote needs a user")
	case v.Verdict != Up && v.Verdict != Down:
		return fmt.Errorf("feedback: verdict %d is neither up nor down", v.Verdict)
	case tooLong(v.Comment, MaxComment):
		return fmt.Errorf("feedback: comment over %d characters", MaxComment)
	case tooLong(v.Expected, MaxExpected):
		return fmt.Errorf("feedback: expected answer over %d characters", MaxExpected)
	}
	res, err := s.db.ExecContext(ctx, voteSQL, v.Answer, s.user(v.User), int(v.Verdict),
		strings.TrimSpace(v.Comment), strings.TrimSpace(v.Expected), ms(v.At))
	if err != nil {
		return fmt.Errorf("feedback: vote on %s: %w", v.Answer, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return ErrUnknownAnswer
	}
	return nil
}

func (s *sqlStore) Tally(ctx context.Context, answerID string) (Tally, error) {
	var t Tally
	err := s.db.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(CASE WHEN verdict > 0 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN verdict < 0 THEN 1 ELSE 0 END), 0)
		FROM votes WHERE answer_id = $1`, answerID).Scan(&t.Up, &t.Down)
	if err != nil {
		return Tally{}, fmt.Errorf("feedback: tally %s: %w", answerID, err)
	}
	return t, nil
}

// statusWhere is the condition selecting question groups by review
// state; u is the unanswered view and r its review, if any.
func statusWhere(s Status) (string, bool) {
	switch s {
	case Pending:
		return `(r.qkey IS NULL OR r.resolved = 0 OR r.reviewed_at < u.last_at)`, true
	case Resolved:
		return `(r.resolved = 1 AND r.reviewed_at >= u.last_at)`, true
	case Any:
		return `1 = 1`, true
	}
	return "", false
}

// maxComments is how many comments Questions returns per group.
const maxComments = 5

func (s *sqlStore) Questions(ctx context.Context, f Filter) ([]Question, int, error) {
	where, ok := statusWhere(f.Status)
	if !ok {
		return nil, 0, fmt.Errorf("feedback: unknown status %d", f.Status)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultPage
	}
	limit = min(limit, MaxPage)
	offset := max(f.Offset, 0)
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM unanswered u LEFT JOIN reviews r ON r.qkey = u.qkey WHERE `+where).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("feedback: count questions: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT u.qkey,
		(SELECT a.question FROM answers a WHERE a.qkey = u.qkey ORDER BY a.created_at DESC, a.id DESC LIMIT 1),
		u.not_covered, u.down, u.up, u.first_at, u.last_at,
		r.question, r.resolved, r.note, r.expected, r.out_of_scope, r.reviewed_at
		FROM unanswered u LEFT JOIN reviews r ON r.qkey = u.qkey
		WHERE `+where+`
		ORDER BY u.not_covered + u.down DESC, u.last_at DESC, u.qkey
		LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("feedback: list questions: %w", err)
	}
	defer rows.Close()
	var out []Question
	for rows.Next() {
		var (
			q                   Question
			first, last         int64
			rq, note, expected  sql.NullString
			resolved, oos, when sql.NullInt64
		)
		if err := rows.Scan(&q.Key, &q.Text, &q.NotCovered, &q.Down, &q.Up, &first, &last,
			&rq, &resolved, &note, &expected, &oos, &when); err != nil {
			return nil, 0, fmt.Errorf("feedback: list questions: %w", err)
		}
		q.First, q.Last = fromMS(first), fromMS(last)
		if rq.Valid {
			q.Review = &Review{Key: q.Key, Question: rq.String, Resolved: resolved.Int64 == 1, Note: note.String,
				Expected: expected.String, OutOfScope: oos.Int64 == 1, At: fromMS(when.Int64)}
			q.Resolved = q.Review.Resolved && when.Int64 >= last
		}
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("feedback: list questions: %w", err)
	}
	if err := s.comments(ctx, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// comments fills in the latest comments of each question group.
func (s *sqlStore) comments(ctx context.Context, qs []Question) error {
	if len(qs) == 0 {
		return nil
	}
	at := map[string]int{}
	params := make([]string, len(qs))
	args := make([]any, len(qs))
	for i, q := range qs {
		at[q.Key] = i
		params[i] = fmt.Sprintf("$%d", i+1)
		args[i] = q.Key
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.qkey, v.comment, v.expected, v.updated_at
		FROM votes v JOIN answers a ON a.id = v.answer_id
		WHERE a.qkey IN (`+strings.Join(params, ", ")+`) AND (v.comment <> '' OR v.expected <> '')
		ORDER BY v.updated_at DESC, v.answer_id, v.voter`, args...)
	if err != nil {
		return fmt.Errorf("feedback: read comments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			key string
			c   Comment
			t   int64
		)
		if err := rows.Scan(&key, &c.Text, &c.Expected, &t); err != nil {
			return fmt.Errorf("feedback: read comments: %w", err)
		}
		c.At = fromMS(t)
		if q := &qs[at[key]]; len(q.Comments) < maxComments {
			q.Comments = append(q.Comments, c)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("feedback: read comments: %w", err)
	}
	return nil
}

func (s *sqlStore) Resolve(ctx context.Context, r Review) error {
	switch {
	case r.Key == "" || len(r.Key) > MaxID:
		return fmt.Errorf("feedback: question key %q is empty or too long", r.Key)
	case tooLong(r.Note, MaxNote):
		return fmt.Errorf("feedback: note over %d characters", MaxNote)
	case tooLong(r.Expected, MaxExpected):
		return fmt.Errorf("feedback: expected answer over %d characters", MaxExpected)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("feedback: resolve %s: %w", r.Key, err)
	}
	defer tx.Rollback() // a no-op after Commit
	// The wording reviewed is the latest; a review of a group whose
	// answers were all pruned keeps the wording it had.
	var question string
	err = tx.QueryRowContext(ctx, `SELECT question FROM answers WHERE qkey = $1 ORDER BY created_at DESC, id DESC LIMIT 1`, r.Key).Scan(&question)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, `SELECT question FROM reviews WHERE qkey = $1`, r.Key).Scan(&question)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrUnknownQuestion
		}
	}
	if err != nil {
		return fmt.Errorf("feedback: resolve %s: %w", r.Key, err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO reviews (qkey, question, resolved, note, expected, out_of_scope, reviewer, reviewed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (qkey) DO UPDATE SET question = excluded.question, resolved = excluded.resolved,
			note = excluded.note, expected = excluded.expected, out_of_scope = excluded.out_of_scope,
			reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at`,
		r.Key, question, boolInt(r.Resolved), strings.TrimSpace(r.Note), strings.TrimSpace(r.Expected),
		boolInt(r.OutOfScope), s.user(r.Reviewer), ms(r.At))
	if err != nil {
		return fmt.Errorf("feedback: resolve %s: %w", r.Key, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("feedback: resolve %s: %w", r.Key, err)
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (s *sqlStore) Reviews(ctx context.Context) ([]Review, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT qkey, question, resolved, note, expected, out_of_scope, reviewed_at
		FROM reviews ORDER BY reviewed_at DESC, qkey`)
	if err != nil {
		return nil, fmt.Errorf("feedback: list reviews: %w", err)
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		var (
			r             Review
			resolved, oos int
			at            int64
		)
		if err := rows.Scan(&r.Key, &r.Question, &resolved, &r.Note, &r.Expected, &oos, &at); err != nil {
			return nil, fmt.Errorf("feedback: list reviews: %w", err)
		}
		r.Resolved, r.OutOfScope, r.At = resolved == 1, oos == 1, fromMS(at)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("feedback: list reviews: %w", err)
	}
	return out, nil
}

func (s *sqlStore) Prune(ctx context.Context, cutoff time.Time) (Deleted, error) {
	return s.deleteAnswers(ctx, "prune", `created_at < $1`, cutoff.UnixMilli())
}

func (s *sqlStore) DeleteUser(ctx context.Context, userID string) (Deleted, error) {
	if userID == "" {
		return Deleted{}, errors.New("feedback: no user id given")
	}
	h := s.user(userID)
	// Their questions go with the votes others cast on them; then their
	// votes on others' answers; a moderator's reviews stay, unsigned.
	d, err := s.deleteAnswers(ctx, "delete user", `asker = $1`, h)
	if err != nil {
		return d, err
	}
	res, err := s.db.ExecContext(ctx, `DELETE FROM votes WHERE voter = $1`, h)
	if err != nil {
		return d, fmt.Errorf("feedback: delete user: %w", err)
	}
	n, _ := res.RowsAffected()
	d.Votes += n
	if _, err := s.db.ExecContext(ctx, `UPDATE reviews SET reviewer = '' WHERE reviewer = $1`, h); err != nil {
		return d, fmt.Errorf("feedback: delete user: %w", err)
	}
	return d, nil
}

// deleteAnswers deletes the answers matching where (with one parameter,
// arg) and the votes on them, in one transaction.
func (s *sqlStore) deleteAnswers(ctx context.Context, what, where string, arg any) (Deleted, error) {
	var d Deleted
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return d, fmt.Errorf("feedback: %s: %w", what, err)
	}
	defer tx.Rollback() // a no-op after Commit
	res, err := tx.ExecContext(ctx, `DELETE FROM votes WHERE answer_id IN (SELECT id FROM answers WHERE `+where+`)`, arg)
	if err != nil {
		return d, fmt.Errorf("feedback: %s: %w", what, err)
	}
	d.Votes, _ = res.RowsAffected()
	res, err = tx.ExecContext(ctx, `DELETE FROM answers WHERE `+where, arg)
	if err != nil {
		return d, fmt.Errorf("feedback: %s: %w", what, err)
	}
	d.Answers, _ = res.RowsAffected()
	if err := tx.Commit(); err != nil {
		return Deleted{}, fmt.Errorf("feedback: %s: %w", what, err)
	}
	return d, nil
}
