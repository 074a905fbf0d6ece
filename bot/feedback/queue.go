package feedback

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go
)

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
	note, expected, out := strings.TrimSpace(r.Note), strings.TrimSpace(r.Expected), r.OutOfScope
	if r.KeepNote {
		note = "" // a first review has no note to keep
	}
	if r.KeepAnswer {
		expected, out = "", false
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO reviews (qkey, question, resolved, note, expected, out_of_scope, reviewer, reviewed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (qkey) DO UPDATE SET question = excluded.question, resolved = excluded.resolved,
			note = CASE WHEN $9 = 1 THEN reviews.note ELSE excluded.note END,
			expected = CASE WHEN $10 = 1 THEN reviews.expected ELSE excluded.expected END,
			out_of_scope = CASE WHEN $10 = 1 THEN reviews.out_of_scope ELSE excluded.out_of_scope END,
			reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at`,
		r.Key, question, boolInt(r.Resolved), note, expected,
		boolInt(out), s.user(r.Reviewer), ms(r.At), boolInt(r.KeepNote), boolInt(r.KeepAnswer))
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
