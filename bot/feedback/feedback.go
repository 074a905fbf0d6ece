// Package feedback stores what community members think of Dossier's
// answers and what they asked that the sources could not answer, so that
// moderators can review it and turn it into evaluation cases.
//
// One Store interface sits over two backends with the same schema and
// migrations: SQLite (a single file, the default, no set-up) and
// PostgreSQL, which several replicas share. User ids are kept only as
// keyed hashes with a per-deployment salt; usernames are never stored.
package feedback

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"
	"unicode"
)

// Limits on stored text, in characters. The Discord modal enforces the
// same limits, so a longer text is a caller's bug or a forged request.
const (
	MaxID       = 64
	MaxQuestion = 1000
	MaxComment  = 1000
	MaxExpected = 300
	MaxNote     = 1000
)

// DefaultRetention is how long answers and votes are kept.
const DefaultRetention = 180 * 24 * time.Hour

// Errors a Store returns for requests that name something it does not hold.
var (
	// ErrUnknownAnswer: the answer was never recorded, or was pruned.
	ErrUnknownAnswer = errors.New("feedback: unknown answer")
	// ErrUnknownQuestion: no answer with that question key is stored.
	ErrUnknownQuestion = errors.New("feedback: unknown question")
)

// Store is the feedback storage the rest of Dossier uses. Implementations
// are safe for concurrent use, and several processes may share one
// PostgreSQL store.
type Store interface {
	// RecordAnswer stores an answer that was shown, so that votes on it
	// can refer to it. Recording the same id again changes nothing.
	RecordAnswer(ctx context.Context, a Answer) error
	// Vote records a user's verdict on an answer: one vote per user per
	// answer, a second vote replacing the first. It returns
	// ErrUnknownAnswer if the answer is not stored.
	Vote(ctx context.Context, v Vote) error
	// Tally counts the current votes on an answer.
	Tally(ctx context.Context, answerID string) (Tally, error)
	// Questions lists the unanswered and downvoted questions, grouped by
	// normalised question, most frequent first, and how many match f.
	Questions(ctx context.Context, f Filter) ([]Question, int, error)
	// Resolve records a moderator's review of a question group. It
	// returns ErrUnknownQuestion if no stored answer has that key.
	Resolve(ctx context.Context, r Review) error
	// Reviews returns every review, most recent first.
	Reviews(ctx context.Context) ([]Review, error)
	// Prune deletes answers (and their votes) recorded before cutoff.
	Prune(ctx context.Context, cutoff time.Time) (Deleted, error)
	// DeleteUser deletes everything a user asked or voted.
	DeleteUser(ctx context.Context, userID string) (Deleted, error)
	// Close releases the store's connections.
	Close() error
}

// Answer is an answer as it was shown to a user.
type Answer struct {
	// ID is what the answer's buttons carry: the id of the interaction
	// that asked.
	ID       string
	Question string
	Results  []Result
	// NotCovered is set when the sources could not answer.
	NotCovered bool
	Guild      string
	Channel    string
	// User is the asker's platform user id; only its hash is stored.
	User string
	At   time.Time
}

// Result is one result of an answer: what it was and where it came from.
type Result struct {
	ID        string     `json:"id"`
	Citations []Citation `json:"citations,omitempty"`
}

// Citation is a result's source: document, passage and verbatim quote.
type Citation struct {
	Doc     string `json:"doc"`
	Passage string `json:"passage"`
	Quote   string `json:"quote,omitempty"`
}

// Verdict is a user's judgement of an answer.
type Verdict int

// Verdicts.
const (
	Down Verdict = -1
	Up   Verdict = 1
)

// String returns "up" or "down".
func (v Verdict) String() string {
	switch v {
	case Up:
		return "up"
	case Down:
		return "down"
	}
	return "invalid"
}

// Vote is one user's verdict on one answer.
type Vote struct {
	Answer  string
	User    string // the voter's platform user id; only its hash is stored
	Verdict Verdict
	// Comment says what was wrong; Expected what the right answer is.
	// Both are optional. Empty ones keep what the user wrote before,
	// unless the verdict changes, which clears them.
	Comment  string
	Expected string
	At       time.Time
}

// Tally is the current votes on one answer.
type Tally struct{ Up, Down int }

// Status selects question groups by review state.
type Status int

// Statuses. A resolved group that gets a new "not covered" answer or a new
// 👎 after its review is open again.
const (
	Pending Status = iota
	Resolved
	Any
)

// ParseStatus returns the status named "pending", "resolved" or "all".
func ParseStatus(name string) (Status, bool) {
	switch name {
	case "pending":
		return Pending, true
	case "resolved":
		return Resolved, true
	case "all":
		return Any, true
	}
	return 0, false
}

// Filter selects a page of question groups.
type Filter struct {
	Status Status
	Offset int
	Limit  int // 0 means DefaultPage
}

// DefaultPage is the number of question groups listed when Filter.Limit
// is 0; MaxPage bounds it.
const (
	DefaultPage = 10
	MaxPage     = 500
)

// Question is one group of stored answers whose questions normalise to
// the same text.
type Question struct {
	// Key identifies the group: see Key.
	Key string
	// Text is the most recent wording of the question.
	Text       string
	NotCovered int // answers that said the sources do not cover it
	Down, Up   int // current votes on its answers
	First      time.Time
	Last       time.Time
	// Resolved is set when the group's review is resolved and nothing
	// new arrived since.
	Resolved bool
	// Review is the group's latest review, or nil.
	Review *Review
	// Comments are the most recent comments voters left, newest first.
	Comments []Comment
}

// Comment is what a voter wrote in the 👎 form.
type Comment struct {
	Text     string
	Expected string
	At       time.Time
}

// Review is a moderator's decision on a question group.
type Review struct {
	Key string
	// Question is the wording the review was made on; Resolve fills it in.
	Question string
	Resolved bool
	Note     string
	// KeepNote keeps the note the question has, Note aside: a review that
	// only changes whether it is resolved (a reopening) keeps what was
	// done about it.
	KeepNote bool
	// KeepAnswer keeps the expected phrase and out-of-scope mark the
	// question has, Expected and OutOfScope aside: a reopened question
	// still has the right answer a moderator gave it.
	KeepAnswer bool
	// Expected is a phrase the right answer contains, for evaluation sets.
	Expected string
	// OutOfScope says the right answer is that the sources do not cover it.
	OutOfScope bool
	// Reviewer is the moderator's platform user id; only its hash is stored.
	Reviewer string
	At       time.Time
}

// Deleted counts what a deletion removed.
type Deleted struct{ Answers, Votes int64 }

// Normalize returns the form of a question that groups its rewordings:
// lower case, letters and digits only, single spaces.
func Normalize(q string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(q) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
			continue
		}
		if r == '\'' || r == '’' {
			continue // "Iraq's" and "Iraqs" are one word
		}
		space = true
	}
	return b.String()
}

// Key returns the key of a question's group: a short hash of its normalised
// form, small enough for a button's custom_id.
func Key(q string) string {
	sum := sha256.Sum256([]byte(Normalize(q)))
	return hex.EncodeToString(sum[:8])
}

// hashUser returns the keyed hash stored instead of a user id.
func hashUser(salt []byte, id string) string {
	if id == "" {
		return ""
	}
	m := hmac.New(sha256.New, salt)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil))
}
