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

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go
)

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
