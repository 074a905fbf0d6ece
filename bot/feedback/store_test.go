package feedback_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier/dossier/bot/feedback"
	"github.com/dossier/dossier/bot/feedback/pgtest"
)

// backend makes fresh, empty stores of one kind.
type backend struct {
	name string
	// dsn returns the address of a new, empty store.
	dsn func(t *testing.T) string
}

func sqliteBackend() backend {
	return backend{name: "sqlite", dsn: func(t *testing.T) string { return filepath.Join(t.TempDir(), "feedback.db") }}
}

// postgresBackend starts a server for the test and makes a database on it
// for each store.
func postgresBackend(t *testing.T) backend {
	srv := pgtest.Start(t)
	return backend{name: "postgres", dsn: func(t *testing.T) string { return srv.NewDatabase(t) }}
}

// eachBackend runs f once per backend, the PostgreSQL one against a real
// server started for the purpose.
func eachBackend(t *testing.T, f func(t *testing.T, b backend)) {
	t.Run("sqlite", func(t *testing.T) { f(t, sqliteBackend()) })
	t.Run("postgres", func(t *testing.T) { f(t, postgresBackend(t)) })
}

func open(t testing.TB, dsn string) feedback.Store {
	t.Helper()
	s, err := feedback.Open(t.Context(), dsn, feedback.Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// rawDB opens the database under a store directly, to check what the store
// wrote.
func rawDB(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	driver := "sqlite"
	if feedback.IsPostgres(dsn) {
		driver = "pgx"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func answer(id, q string, notCovered bool, at time.Time) feedback.Answer {
	a := feedback.Answer{ID: id, Question: q, NotCovered: notCovered, Guild: "g1", Channel: "c1", User: "asker-" + id, At: at}
	if !notCovered {
		a.Results = []feedback.Result{{ID: "003:12", Citations: []feedback.Citation{{Doc: "003.txt", Passage: "003:12", Quote: "deter future action"}}}}
	}
	return a
}

func record(t testing.TB, s feedback.Store, as ...feedback.Answer) {
	t.Helper()
	for _, a := range as {
		if err := s.RecordAnswer(t.Context(), a); err != nil {
			t.Fatalf("RecordAnswer(%q): %v", a.ID, err)
		}
	}
}

func vote(t testing.TB, s feedback.Store, v feedback.Vote) {
	t.Helper()
	if err := s.Vote(t.Context(), v); err != nil {
		t.Fatalf("Vote(%+v): %v", v, err)
	}
}

func tally(t testing.TB, s feedback.Store, id string) feedback.Tally {
	t.Helper()
	got, err := s.Tally(t.Context(), id)
	if err != nil {
		t.Fatalf("Tally(%q): %v", id, err)
	}
	return got
}

func questions(t testing.TB, s feedback.Store, f feedback.Filter) ([]feedback.Question, int) {
	t.Helper()
	qs, n, err := s.Questions(t.Context(), f)
	if err != nil {
		t.Fatalf("Questions(%+v): %v", f, err)
	}
	return qs, n
}

// TestStore runs the same suite against SQLite and a real PostgreSQL.
func TestStore(t *testing.T) {
	cases := []struct {
		name string
		run  func(t *testing.T, b backend)
	}{
		{"OneVotePerUser", testOneVotePerUser},
		{"Comments", testComments},
		{"Unanswered", testUnanswered},
		{"Review", testReview},
		{"Prune", testPrune},
		{"DeleteUser", testDeleteUser},
		{"NoRawUserIDs", testNoRawUserIDs},
		{"TwoStoresOneDatabase", testTwoStores},
		{"Migrations", testMigrations},
		{"ConcurrentVotes", testConcurrentVotes},
		{"BadInput", testBadInput},
	}
	eachBackend(t, func(t *testing.T, b backend) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { c.run(t, b) })
		}
	})
}

func testOneVotePerUser(t *testing.T, b backend) {
	s := open(t, b.dsn(t))
	record(t, s, answer("a1", "Who said the strikes would deter future action?", false, t0))
	steps := []struct {
		user    string
		verdict feedback.Verdict
		want    feedback.Tally
	}{
		{"u1", feedback.Up, feedback.Tally{Up: 1}},
		{"u1", feedback.Up, feedback.Tally{Up: 1}},     // the same click twice
		{"u1", feedback.Down, feedback.Tally{Down: 1}}, // a second click changes the vote
		{"u2", feedback.Down, feedback.Tally{Down: 2}},
		{"u3", feedback.Up, feedback.Tally{Up: 1, Down: 2}},
		{"u2", feedback.Up, feedback.Tally{Up: 2, Down: 1}},
	}
	for i, st := range steps {
		vote(t, s, feedback.Vote{Answer: "a1", User: st.user, Verdict: st.verdict, At: t0.Add(time.Duration(i) * time.Minute)})
		if got := tally(t, s, "a1"); got != st.want {
			t.Fatalf("after step %d (%s %v): Tally = %+v, want %+v", i, st.user, st.verdict, got, st.want)
		}
	}
	err := s.Vote(t.Context(), feedback.Vote{Answer: "nope", User: "u1", Verdict: feedback.Up})
	if !errors.Is(err, feedback.ErrUnknownAnswer) {
		t.Errorf("Vote on an unknown answer = %v, want ErrUnknownAnswer", err)
	}
	if got := tally(t, s, "nope"); got != (feedback.Tally{}) {
		t.Errorf("Tally(nope) = %+v, want none", got)
	}
	// Recording an answer twice keeps the first.
	record(t, s, answer("a1", "Something else entirely?", true, t0))
	if qs, _ := questions(t, s, feedback.Filter{Status: feedback.Any}); len(qs) != 1 || qs[0].Text != "Who said the strikes would deter future action?" {
		t.Errorf("after recording a1 again: questions = %+v, want the first wording only", qs)
	}
}

func testComments(t *testing.T, b backend) {
	s := open(t, b.dsn(t))
	record(t, s, answer("a1", "When were the strikes?", false, t0))
	vote(t, s, feedback.Vote{Answer: "a1", User: "u1", Verdict: feedback.Down, At: t0})
	vote(t, s, feedback.Vote{Answer: "a1", User: "u1", Verdict: feedback.Down, Comment: " Wrong date ", Expected: "27 June 2021", At: t0.Add(time.Minute)})
	// The 👎 button clicked again: the form's words stay.
	vote(t, s, feedback.Vote{Answer: "a1", User: "u1", Verdict: feedback.Down, At: t0.Add(2 * time.Minute)})
	qs, _ := questions(t, s, feedback.Filter{})
	if len(qs) != 1 || len(qs[0].Comments) != 1 {
		t.Fatalf("Questions = %+v, want one group with one comment", qs)
	}
	if c := qs[0].Comments[0]; c.Text != "Wrong date" || c.Expected != "27 June 2021" {
		t.Errorf("comment = %+v, want trimmed text and expected answer", c)
	}
	// Changing to 👍 clears what was said about the 👎, and the group
	// (no "not covered", no 👎 left) leaves the list.
	vote(t, s, feedback.Vote{Answer: "a1", User: "u1", Verdict: feedback.Up, At: t0.Add(3 * time.Minute)})
	if qs, n := questions(t, s, feedback.Filter{Status: feedback.Any}); n != 0 || len(qs) != 0 {
		t.Errorf("after the vote turned 👍: Questions = %+v (%d), want none", qs, n)
	}
	vote(t, s, feedback.Vote{Answer: "a1", User: "u1", Verdict: feedback.Down, At: t0.Add(4 * time.Minute)})
	qs, _ = questions(t, s, feedback.Filter{})
	if len(qs) != 1 || len(qs[0].Comments) != 0 {
		t.Errorf("after 👍 then 👎 again: Questions = %+v, want one group and no old comment", qs)
	}
}

func testUnanswered(t *testing.T, b backend) {
	s := open(t, b.dsn(t))
	record(t, s,
		answer("n1", "What did Putin say about the strikes?", true, t0),
		answer("n2", "what did putin say about the strikes", true, t0.Add(time.Hour)),
		answer("n3", "  What did Putin say about the strikes ?? ", true, t0.Add(2*time.Hour)),
		answer("n4", "Who won the football match?", true, t0.Add(3*time.Hour)),
		answer("d1", "Where were the targets?", false, t0),
		answer("d2", "Where were the targets?", false, t0.Add(time.Hour)),
		answer("ok", "What aircraft carried out the strikes?", false, t0),
	)
	vote(t, s, feedback.Vote{Answer: "d1", User: "u1", Verdict: feedback.Down, At: t0.Add(4 * time.Hour)})
	vote(t, s, feedback.Vote{Answer: "d2", User: "u2", Verdict: feedback.Down, At: t0.Add(5 * time.Hour)})
	vote(t, s, feedback.Vote{Answer: "d2", User: "u3", Verdict: feedback.Up, At: t0.Add(5 * time.Hour)})
	vote(t, s, feedback.Vote{Answer: "ok", User: "u1", Verdict: feedback.Up, At: t0})

	qs, n := questions(t, s, feedback.Filter{})
	type row struct {
		text         string
		nc, down, up int
	}
	var got []row
	for _, q := range qs {
		got = append(got, row{q.Text, q.NotCovered, q.Down, q.Up})
		if q.Key != feedback.Key(q.Text) {
			t.Errorf("question %q has key %q, want %q", q.Text, q.Key, feedback.Key(q.Text))
		}
	}
	want := []row{
		{"  What did Putin say about the strikes ?? ", 3, 0, 0}, // three wordings, the latest shown
		{"Where were the targets?", 0, 2, 1},
		{"Who won the football match?", 1, 0, 0},
	}
	if n != 3 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("Questions = %v (total %d), want %v (total 3)", got, n, want)
	}
	if qs[0].First != t0 || qs[0].Last != t0.Add(2*time.Hour) {
		t.Errorf("first, last = %v, %v, want %v, %v", qs[0].First, qs[0].Last, t0, t0.Add(2*time.Hour))
	}
	if qs[1].Last != t0.Add(5*time.Hour) {
		t.Errorf("downvoted group's last = %v, want the last 👎 at %v", qs[1].Last, t0.Add(5*time.Hour))
	}
	// Paging: the same order, a page at a time.
	for off := range 3 {
		page, total := questions(t, s, feedback.Filter{Offset: off, Limit: 1})
		if total != 3 || len(page) != 1 || page[0].Key != qs[off].Key {
			t.Errorf("page at %d = %+v (total %d), want %q", off, page, total, qs[off].Text)
		}
	}
	if page, total := questions(t, s, feedback.Filter{Offset: 3, Limit: 1}); len(page) != 0 || total != 3 {
		t.Errorf("page past the end = %+v (total %d), want none of 3", page, total)
	}
}

func testReview(t *testing.T, b backend) {
	s := open(t, b.dsn(t))
	record(t, s,
		answer("n1", "What did Putin say?", true, t0),
		answer("n2", "Who won the match?", true, t0),
	)
	key := feedback.Key("what did putin say")
	err := s.Resolve(t.Context(), feedback.Review{Key: key, Resolved: true, Note: "Not in the sources", OutOfScope: true, Reviewer: "mod1", At: t0.Add(time.Hour)})
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	pending, n := questions(t, s, feedback.Filter{})
	if n != 1 || pending[0].Text != "Who won the match?" {
		t.Errorf("pending after resolving = %+v, want only the match question", pending)
	}
	done, n := questions(t, s, feedback.Filter{Status: feedback.Resolved})
	if n != 1 || !done[0].Resolved || done[0].Review == nil || done[0].Review.Note != "Not in the sources" || !done[0].Review.OutOfScope {
		t.Fatalf("resolved = %+v, want the Putin question with its note", done)
	}
	// Asked again after the review, unanswered again: back in the queue,
	// the earlier note still shown.
	record(t, s, answer("n3", "What did Putin say??", true, t0.Add(2*time.Hour)))
	pending, _ = questions(t, s, feedback.Filter{})
	if len(pending) != 2 || pending[0].Key != key || pending[0].Resolved || pending[0].Review == nil || pending[0].Review.Note != "Not in the sources" {
		t.Errorf("pending after a new ask = %+v, want the Putin question reopened with its note", pending)
	}
	if err := s.Resolve(t.Context(), feedback.Review{Key: feedback.Key("never asked"), Resolved: true}); !errors.Is(err, feedback.ErrUnknownQuestion) {
		t.Errorf("Resolve(unknown) = %v, want ErrUnknownQuestion", err)
	}
	err = s.Resolve(t.Context(), feedback.Review{Key: feedback.Key("who won the match"), Resolved: true, Expected: "no match", Note: "n", At: t0.Add(3 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := s.Reviews(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].Question != "Who won the match?" || rs[0].Expected != "no match" || rs[1].Question != "What did Putin say?" || !rs[1].OutOfScope {
		t.Errorf("Reviews = %+v, want the match review then the Putin one", rs)
	}
	// A review outlives the answers it was made on.
	if _, err := s.Prune(t.Context(), t0.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if rs, _ := s.Reviews(t.Context()); len(rs) != 2 {
		t.Errorf("Reviews after pruning every answer = %+v, want both kept", rs)
	}
	if err := s.Resolve(t.Context(), feedback.Review{Key: key, Resolved: false, Note: "reopened"}); err != nil {
		t.Errorf("Resolve on a pruned group with a review = %v, want it updated", err)
	}
	// A reopening that keeps the note and the answer changes only the
	// state; a note or phrase given beside KeepNote or KeepAnswer is
	// ignored.
	match := feedback.Key("who won the match")
	if err := s.Resolve(t.Context(), feedback.Review{Key: match, KeepNote: true, KeepAnswer: true, Note: "ignored", Expected: "ignored", OutOfScope: true, At: t0.Add(4 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if r := review(t, s, match); r.Resolved || r.Note != "n" || r.Expected != "no match" || r.OutOfScope {
		t.Errorf("after a reopening with KeepNote and KeepAnswer: resolved %v, note %q, expected %q, out of scope %v; want false, %q, %q, false", r.Resolved, r.Note, r.Expected, r.OutOfScope, "n", "no match")
	}
	if err := s.Resolve(t.Context(), feedback.Review{Key: match, Resolved: true, Note: "  fixed  ", At: t0.Add(5 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if r := review(t, s, match); !r.Resolved || r.Note != "fixed" {
		t.Errorf("after resolving with a note: resolved %v, note %q; want true, %q", r.Resolved, r.Note, "fixed")
	}
	// A first review has no note or answer to keep.
	record(t, s, answer("n4", "Who is Raisi?", true, t0.Add(6*time.Hour)))
	raisi := feedback.Key("who is raisi")
	if err := s.Resolve(t.Context(), feedback.Review{Key: raisi, Resolved: true, KeepNote: true, KeepAnswer: true, Note: "ignored", Expected: "ignored", At: t0.Add(7 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if r := review(t, s, raisi); !r.Resolved || r.Note != "" || r.Expected != "" {
		t.Errorf("a first review with KeepNote and KeepAnswer: resolved %v, note %q, expected %q; want true, no note, no phrase", r.Resolved, r.Note, r.Expected)
	}
}

// review returns the stored review of the question with key.
func review(t *testing.T, s feedback.Store, key string) feedback.Review {
	t.Helper()
	rs, err := s.Reviews(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Key == key {
			return r
		}
	}
	t.Fatalf("no review of %q among %+v", key, rs)
	return feedback.Review{}
}

func testPrune(t *testing.T, b backend) {
	s := open(t, b.dsn(t))
	old, recent := t0.Add(-200*24*time.Hour), t0.Add(-24*time.Hour)
	record(t, s, answer("old", "Old question?", true, old), answer("old2", "Old answered?", false, old), answer("new", "New question?", true, recent))
	vote(t, s, feedback.Vote{Answer: "old2", User: "u1", Verdict: feedback.Down, At: old})
	vote(t, s, feedback.Vote{Answer: "new", User: "u1", Verdict: feedback.Down, At: recent})
	d, err := s.Prune(t.Context(), t0.Add(-feedback.DefaultRetention))
	if err != nil {
		t.Fatal(err)
	}
	if d != (feedback.Deleted{Answers: 2, Votes: 1}) {
		t.Errorf("Prune = %+v, want 2 answers and 1 vote", d)
	}
	qs, _ := questions(t, s, feedback.Filter{Status: feedback.Any})
	if len(qs) != 1 || qs[0].Text != "New question?" {
		t.Errorf("after pruning: %+v, want only the recent question", qs)
	}
	if got := tally(t, s, "new"); got != (feedback.Tally{Down: 1}) {
		t.Errorf("Tally(new) after pruning = %+v, want its vote kept", got)
	}
	if d, _ := s.Prune(t.Context(), t0.Add(-feedback.DefaultRetention)); d != (feedback.Deleted{}) {
		t.Errorf("second Prune = %+v, want nothing", d)
	}
}

func testDeleteUser(t *testing.T, b backend) {
	s := open(t, b.dsn(t))
	a1 := answer("a1", "Asked by A?", false, t0)
	a1.User = "A"
	a2 := answer("a2", "Asked by B?", true, t0)
	a2.User = "B"
	record(t, s, a1, a2)
	vote(t, s, feedback.Vote{Answer: "a1", User: "B", Verdict: feedback.Down, At: t0}) // B on A's question
	vote(t, s, feedback.Vote{Answer: "a2", User: "A", Verdict: feedback.Down, At: t0}) // A on B's
	vote(t, s, feedback.Vote{Answer: "a2", User: "C", Verdict: feedback.Up, At: t0})
	d, err := s.DeleteUser(t.Context(), "A")
	if err != nil {
		t.Fatal(err)
	}
	if d != (feedback.Deleted{Answers: 1, Votes: 2}) {
		t.Errorf("DeleteUser(A) = %+v, want their question (with B's vote on it) and their vote", d)
	}
	if got := tally(t, s, "a2"); got != (feedback.Tally{Up: 1}) {
		t.Errorf("Tally(a2) = %+v, want only C's vote", got)
	}
	qs, _ := questions(t, s, feedback.Filter{Status: feedback.Any})
	if len(qs) != 1 || qs[0].Text != "Asked by B?" {
		t.Errorf("questions after deleting A = %+v, want only B's", qs)
	}
	if d, _ := s.DeleteUser(t.Context(), "A"); d != (feedback.Deleted{}) {
		t.Errorf("DeleteUser(A) again = %+v, want nothing", d)
	}
	if _, err := s.DeleteUser(t.Context(), ""); err == nil {
		t.Error("DeleteUser(\"\") = nil error, want one")
	}
}

func testNoRawUserIDs(t *testing.T, b backend) {
	dsn := b.dsn(t)
	s := open(t, dsn)
	const id = "123456789012345678"
	a := answer("a1", "Question?", false, t0)
	a.User = id
	record(t, s, a)
	vote(t, s, feedback.Vote{Answer: "a1", User: id, Verdict: feedback.Down, At: t0})
	if err := s.Resolve(t.Context(), feedback.Review{Key: feedback.Key("question"), Resolved: true, Reviewer: id}); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, dsn)
	for _, q := range []string{
		`SELECT asker FROM answers`, `SELECT voter FROM votes`, `SELECT reviewer FROM reviews`,
	} {
		var got string
		if err := db.QueryRowContext(t.Context(), q).Scan(&got); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if got == "" || strings.Contains(got, id) || len(got) != 64 {
			t.Errorf("%s = %q, want a 64-character hash of the id", q, got)
		}
	}
	// The hashes agree, so one person's rows can be found and deleted.
	var asker, voter string
	db.QueryRowContext(t.Context(), `SELECT asker FROM answers`).Scan(&asker)
	db.QueryRowContext(t.Context(), `SELECT voter FROM votes`).Scan(&voter)
	if asker != voter {
		t.Errorf("asker hash %q != voter hash %q for one user", asker, voter)
	}
}

func testTwoStores(t *testing.T, b backend) {
	dsn := b.dsn(t)
	s1, s2 := open(t, dsn), open(t, dsn)
	record(t, s1, answer("a1", "Shared?", false, t0))
	vote(t, s1, feedback.Vote{Answer: "a1", User: "u1", Verdict: feedback.Up, At: t0})
	vote(t, s2, feedback.Vote{Answer: "a1", User: "u2", Verdict: feedback.Up, At: t0})
	// u1 changes their vote through the other replica: still one vote,
	// because both hash with the store's one salt.
	vote(t, s2, feedback.Vote{Answer: "a1", User: "u1", Verdict: feedback.Down, At: t0})
	for i, s := range []feedback.Store{s1, s2} {
		if got := tally(t, s, "a1"); got != (feedback.Tally{Up: 1, Down: 1}) {
			t.Errorf("store %d: Tally = %+v, want 1 up and 1 down", i+1, got)
		}
	}
}

func testMigrations(t *testing.T, b backend) {
	dsn := b.dsn(t)
	// Replicas starting together race to create the schema; each one
	// must come up.
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			s, err := feedback.Open(t.Context(), dsn, feedback.Options{})
			if err == nil {
				err = s.Close()
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent Open: %v", err)
		}
	}
	s := open(t, dsn)
	record(t, s, answer("a1", "Kept?", true, t0))
	s.Close()
	s = open(t, dsn)
	if qs, _ := questions(t, s, feedback.Filter{}); len(qs) != 1 {
		t.Errorf("after reopening: %+v, want the stored question", qs)
	}
	var versions, latest int
	db := rawDB(t, dsn)
	if err := db.QueryRowContext(t.Context(), `SELECT COUNT(*), MAX(version) FROM schema_migrations`).Scan(&versions, &latest); err != nil {
		t.Fatal(err)
	}
	if versions != latest || latest < 1 {
		t.Errorf("schema_migrations holds %d rows up to version %d, want each version once", versions, latest)
	}
}

func testConcurrentVotes(t *testing.T, b backend) {
	s := open(t, b.dsn(t))
	record(t, s, answer("a1", "Busy?", false, t0))
	const writers, each = 6, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				v := feedback.Verdict(1)
				if i%2 == 1 {
					v = feedback.Down
				}
				errs <- s.Vote(context.Background(), feedback.Vote{Answer: "a1", User: fmt.Sprintf("w%d-%d", w, i), Verdict: v})
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent Vote: %v", err)
		}
	}
	up := writers * ((each + 1) / 2)
	if got := tally(t, s, "a1"); got != (feedback.Tally{Up: up, Down: writers*each - up}) {
		t.Errorf("Tally = %+v, want %d up and %d down", got, up, writers*each-up)
	}
}

func testBadInput(t *testing.T, b backend) {
	s := open(t, b.dsn(t))
	record(t, s, answer("a1", "Q?", false, t0))
	long := strings.Repeat("x", feedback.MaxComment+1)
	bad := []struct {
		name string
		err  error
	}{
		{"empty answer id", s.RecordAnswer(t.Context(), feedback.Answer{Question: "Q?"})},
		{"long answer id", s.RecordAnswer(t.Context(), feedback.Answer{ID: strings.Repeat("1", feedback.MaxID+1), Question: "Q?"})},
		{"empty question", s.RecordAnswer(t.Context(), feedback.Answer{ID: "x", Question: "  "})},
		{"no user", s.Vote(t.Context(), feedback.Vote{Answer: "a1", Verdict: feedback.Up})},
		{"no verdict", s.Vote(t.Context(), feedback.Vote{Answer: "a1", User: "u", Verdict: 0})},
		{"long comment", s.Vote(t.Context(), feedback.Vote{Answer: "a1", User: "u", Verdict: feedback.Down, Comment: long})},
		{"long expected", s.Vote(t.Context(), feedback.Vote{Answer: "a1", User: "u", Verdict: feedback.Down, Expected: long})},
		{"long note", s.Resolve(t.Context(), feedback.Review{Key: feedback.Key("q"), Note: long})},
		{"no key", s.Resolve(t.Context(), feedback.Review{})},
	}
	for _, c := range bad {
		if c.err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
	if got := tally(t, s, "a1"); got != (feedback.Tally{}) {
		t.Errorf("Tally after rejected votes = %+v, want none", got)
	}
	if _, _, err := s.Questions(t.Context(), feedback.Filter{Status: 99}); err == nil {
		t.Error("Questions(status 99): no error")
	}
	// SQL in the text is just text.
	record(t, s, answer("a2", "'); DROP TABLE votes; --", true, t0))
	if qs, _ := questions(t, s, feedback.Filter{}); len(qs) != 1 || qs[0].Text != "'); DROP TABLE votes; --" {
		t.Errorf("questions = %+v, want the text stored as given", qs)
	}
}

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"What did Putin say?", "what did putin say"},
		{"  what   did PUTIN say ?? ", "what did putin say"},
		{"Kata'ib Hezbollah’s fighters", "kataib hezbollahs fighters"},
		{"Who said: \"deter\"—future action…", "who said deter future action"},
		{"Ain al-Asad, 2021-07-07", "ain al asad 2021 07 07"},
		{"Ирак?", "ирак"},
		{"?!", ""},
	}
	for _, c := range cases {
		if got := feedback.Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if feedback.Key("What did Putin say?") != feedback.Key("what did putin say") {
		t.Error("Key differs for two wordings that normalise alike")
	}
	if k := feedback.Key("x"); len(k) != 16 {
		t.Errorf("Key(x) = %q, want 16 hex digits", k)
	}
}

func TestOpenErrors(t *testing.T) {
	for _, dsn := range []string{"", "file:x.db", "x.db?mode=ro", ":memory:"} {
		if s, err := feedback.Open(t.Context(), dsn, feedback.Options{}); err == nil {
			s.Close()
			t.Errorf("Open(%q) = nil error, want one", dsn)
		}
	}
	// A password in a bad URL never reaches the error message.
	_, err := feedback.Open(t.Context(), "postgres://user:s3cret@host:notaport/db", feedback.Options{})
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("Open(bad postgres URL) = %v, want an error without the password", err)
	}
	if _, err := feedback.Open(t.Context(), filepath.Join(t.TempDir(), "missing", "dir", "f.db"), feedback.Options{}); err == nil {
		t.Error("Open in a missing directory = nil error, want one")
	}
}
