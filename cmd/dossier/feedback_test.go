package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/feedback"
	"github.com/dossier/dossier/bot/feedback/pgtest"
)

// seedStore fills a store as the bot would: answers not covered, a
// downvoted answer with a comment, and an upvoted one.
func seedStore(t *testing.T, path string) {
	t.Helper()
	s, err := feedback.Open(t.Context(), path, feedback.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Now()
	for _, a := range []feedback.Answer{
		{ID: "1", Question: "What did Putin say about the strikes?", NotCovered: true, User: "11", At: now},
		{ID: "2", Question: "what did Putin say about the strikes", NotCovered: true, User: "12", At: now},
		{ID: "3", Question: "What aircraft carried out the strikes?", User: "13", At: now},
		{ID: "4", Question: "Who said the strikes would deter future action?", User: "14", At: now},
	} {
		if err := s.RecordAnswer(t.Context(), a); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range []feedback.Vote{
		{Answer: "3", User: "21", Verdict: feedback.Down, Comment: "It left out the F-16s", Expected: "F-15 and F-16 fighters"},
		{Answer: "4", User: "21", Verdict: feedback.Up},
		{Answer: "3", User: "13", Verdict: feedback.Down},
	} {
		if err := s.Vote(t.Context(), v); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReviewAndExport is the moderator's loop on the command line: list
// what was stored, resolve it, export the resolved questions as an
// evaluation set, and delete a member's data.
func TestReviewAndExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "feedback.db")
	seedStore(t, db)
	// The default store in a state folder not made yet: the folder is
	// made. A folder --db names must exist: a mistyped path is no new tree.
	state := filepath.Join(t.TempDir(), "new", "state")
	env := func(k string) string {
		if k == "XDG_STATE_HOME" {
			return state
		}
		return ""
	}
	if out, _, err := runWith(t, &options{getenv: env}, "review"); err != nil || !strings.Contains(out, "Nothing to review") {
		t.Errorf("review on a new default store = %q, %v", out, err)
	}
	if _, err := os.Stat(filepath.Join(state, "dossier", "feedback.db")); err != nil {
		t.Errorf("review on a new default store made no file: %v", err)
	}
	missing := filepath.Join(t.TempDir(), "typo", "f.db")
	if _, _, err := runWith(t, &options{}, "review", "--db", missing); err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), "no such folder") {
		t.Errorf("review --db %s = %v, want exit 2 naming the missing folder", missing, err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); !os.IsNotExist(err) {
		t.Errorf("review --db %s made its folder (stat: %v)", missing, err)
	}

	out, _, err := runWith(t, &options{}, "review", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Pending questions: 2", "What aircraft carried out the strikes?", "2 down", `"It left out the F-16s"`,
		"right answer: \"F-15 and F-16 fighters\"", "what did Putin say about the strikes", "2 not covered", "key " + feedback.Key("What did Putin say about the strikes?")} {
		if !strings.Contains(out, want) {
			t.Errorf("dossier review prints:\n%s\nwant %q", out, want)
		}
	}
	if strings.Contains(out, "deter future action") {
		t.Errorf("dossier review lists an answer that only got 👍:\n%s", out)
	}

	aircraft, putin := feedback.Key("What aircraft carried out the strikes?"), feedback.Key("what did putin say about the strikes")
	if _, _, err := runWith(t, &options{}, "review", "resolve", aircraft, "--expected", "F-15 and F-16 fighters", "--note", "fact added", "--db", db); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runWith(t, &options{}, "review", "resolve", putin, "--out-of-scope", "--db", db); err != nil {
		t.Fatal(err)
	}
	out, _, err = runWith(t, &options{}, "--json", "review", "--status", "resolved", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	var list reviewList
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("review --json: %v\n%s", err, out)
	}
	if list.Total != 2 || len(list.Questions) != 2 || list.Questions[0].Review == nil || !list.Questions[0].Resolved {
		t.Errorf("review --status resolved --json = %+v, want both questions resolved", list)
	}
	if out, _, _ := runWith(t, &options{}, "review", "--db", db); !strings.Contains(out, "Nothing to review") {
		t.Errorf("pending after resolving everything:\n%s", out)
	}

	file := filepath.Join(t.TempDir(), "reviewed.yaml")
	_, stderr, err := runWith(t, &options{}, "feedback", "export", "--format", "yaml", "--out", file, "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "exported 2 cases") {
		t.Errorf("export says %q, want 2 cases", stderr)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// The evaluation set reads as the project's own sets do.
	var set struct {
		Cases []evalCase `yaml:"cases"`
	}
	if err := yaml.Unmarshal(raw, &set); err != nil {
		t.Fatalf("exported set does not parse: %v\n%s", err, raw)
	}
	want := []evalCase{
		{Q: "what did Putin say about the strikes", Out: true, Tags: []string{"feedback", "out"}},
		{Q: "What aircraft carried out the strikes?", Want: []string{"F-15 and F-16 fighters"}, Tags: []string{"feedback"}},
	}
	if got, _ := yaml.Marshal(set.Cases); string(got) != string(must(yaml.Marshal(want))) {
		t.Errorf("exported cases:\n%s\nwant:\n%s", got, must(yaml.Marshal(want)))
	}
	if !strings.Contains(string(raw), `- {q: "What aircraft carried out the strikes?", want: ["F-15 and F-16 fighters"], tags: [feedback]} # fact added`) {
		t.Errorf("exported file is not one case a line with the note as a comment:\n%s", raw)
	}

	// Reopened and resolved again, the note and the expected phrase are
	// kept unless new ones are given.
	for _, args := range [][]string{{"review", "reopen", aircraft, "--db", db}, {"review", "resolve", aircraft, "--db", db}} {
		if _, _, err := runWith(t, &options{}, args...); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
	}
	out, _, err = runWith(t, &options{}, "--json", "review", "--status", "resolved", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"command": "review"`) || !strings.Contains(out, `"note": "fact added"`) || !strings.Contains(out, `"expected": "F-15 and F-16 fighters"`) {
		t.Errorf("review --json after reopen = %s, want the command named and the note and expected phrase kept", out)
	}

	// A member's request: their questions and votes go.
	out, _, err = runWith(t, &options{}, "feedback", "delete", "--user", "21", "--db", db)
	if err != nil || !strings.Contains(out, "deleted 0 questions and 2 votes of user 21") {
		t.Errorf("feedback delete --user 21 = %q, %v; want 2 votes deleted", out, err)
	}
	out, _, err = runWith(t, &options{}, "feedback", "delete", "--user", "13", "--db", db)
	if err != nil || !strings.Contains(out, "deleted 1 question and 1 vote of user 13") {
		t.Errorf("feedback delete --user 13 = %q, %v; want their question and vote deleted", out, err)
	}
	out, _, err = runWith(t, &options{}, "feedback", "prune", "--db", db, "--feedback-retention", "0d")
	if err == nil || exitCode(err) != 2 {
		t.Errorf("prune with retention 0 = %q, %v; want a usage error", out, err)
	}
	out, _, err = runWith(t, &options{}, "feedback", "prune", "--db", db, "--feedback-retention", "1d")
	if err != nil || !strings.Contains(out, "deleted 0 answers and 0 votes older than 1d") {
		t.Errorf("prune = %q, %v", out, err)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestFeedbackBadInput: mistakes get a one-line message and exit code 2.
func TestFeedbackBadInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"review"}, "no feedback store"},
		{[]string{"review", "--status", "open", "--db", db}, "--status is one of pending, resolved, all"},
		{[]string{"review", "--page", "0", "--db", db}, "--page is a number from 1"},
		{[]string{"review", "resolve", "0123456789abcdef", "--db", db}, "no stored question has key"},
		{[]string{"review", "resolve", "k", "--expected", "x", "--out-of-scope", "--db", db}, "not both"},
		{[]string{"feedback", "export", "--format", "csv", "--db", db}, "the only format is yaml"},
		{[]string{"feedback", "delete", "--db", db}, "--user ID is required"},
		{[]string{"feedback", "prune", "--db", db, "--feedback-retention", "soon"}, "not a duration"},
		{[]string{"review", "--db", "file:x.db?mode=memory"}, "plain file path"},
	}
	for _, c := range cases {
		_, _, err := runWith(t, &options{}, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("dossier %v = %v, want one line with %q", c.args, err, c.want)
		}
	}
	// The default store lives in the user's state folder.
	if got := defaultDB(func(k string) string { return map[string]string{"HOME": "/home/m"}[k] }); got != "/home/m/.local/state/dossier/feedback.db" {
		t.Errorf("defaultDB(HOME=/home/m) = %q", got)
	}
	if got := defaultDB(func(k string) string { return map[string]string{"HOME": "/home/m", "XDG_STATE_HOME": "/s"}[k] }); got != "/s/dossier/feedback.db" {
		t.Errorf("defaultDB(XDG_STATE_HOME=/s) = %q", got)
	}
	if got := describeDB("postgres://dossier:s3cret@db:5432/dossier"); strings.Contains(got, "s3cret") {
		t.Errorf("describeDB shows the password: %q", got)
	}
}

// replica is one running `dossier serve`.
type replica struct {
	addr   string
	stop   context.CancelFunc
	done   chan error
	stderr *bottest.SyncBuffer
}

func startReplica(t *testing.T, db, pubHex string) *replica {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	r := &replica{stop: cancel, done: make(chan error, 1), stderr: &bottest.SyncBuffer{}}
	env := map[string]string{"DISCORD_PUBLIC_KEY": pubHex}
	go func() {
		r.done <- runEnv(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db}, func(k string) string { return env[k] }, io.Discard, r.stderr)
	}()
	r.addr = waitListening(t, r.stderr)
	return r
}

func (r *replica) shutdown(t *testing.T) {
	t.Helper()
	r.stop()
	if err := <-r.done; err != nil {
		t.Errorf("serve returned %v", err)
	}
}

// TestServeFeedbackReplicas runs two `dossier serve` replicas on one store
// (a SQLite file, and a real PostgreSQL server): an answer given by one is
// voted on through the other, and the vote is still there, and still one
// vote per user, after the first restarts.
func TestServeFeedbackReplicas(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "feedback.db")
			if backend == "postgres" {
				db = pgtest.Start(t).NewDatabase(t)
			}
			pub, priv, _ := ed25519.GenerateKey(rand.Reader)
			a, b := startReplica(t, db, hex.EncodeToString(pub)), startReplica(t, db, hex.EncodeToString(pub))
			defer b.shutdown(t)
			if !strings.Contains(a.stderr.String(), "feedback store open") {
				t.Errorf("serve log = %s, want the feedback store opened", a.stderr.String())
			}
			n := 0
			post := func(addr, member, typ, data string) string {
				n++
				body := fmt.Sprintf(`{"id":"%d","type":%s,"token":"t","application_id":"42","guild_id":"7","channel_id":"8","member":%s,"data":%s}`, 5000+n, typ, member, data)
				code, reply := signedPost(t, addr, priv, body)
				if code != http.StatusOK {
					t.Fatalf("POST = %d %s", code, reply)
				}
				return reply
			}
			const user = `{"user":{"id":"31"},"permissions":"0"}`
			const mod = `{"user":{"id":"9"},"permissions":"8192"}`
			ask := post(a.addr, user, "2", `{"id":"1","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"What aircraft carried out the strikes?"}]}`)
			id := fmt.Sprint(5000 + n)
			if !strings.Contains(ask, `"custom_id":"fb|down|`+id+`"`) {
				t.Fatalf("answer from replica A has no 👎 for %s: %.400s", id, ask)
			}
			if reply := post(b.addr, user, "3", `{"custom_id":"fb|down|`+id+`","component_type":2}`); !strings.Contains(reply, `"type":9`) {
				t.Fatalf("👎 on replica B = %.300s, want the form", reply)
			}
			a.shutdown(t)
			a = startReplica(t, db, hex.EncodeToString(pub))
			defer a.shutdown(t)
			// The same user clicks again on the restarted replica: still one vote.
			post(a.addr, user, "3", `{"custom_id":"fb|down|`+id+`","component_type":2}`)
			review := post(a.addr, mod, "2", `{"id":"1","name":"review","type":1}`)
			if !strings.Contains(review, "What aircraft carried out the strikes?") || !strings.Contains(review, "1 👎") {
				t.Errorf("/review after a restart = %.500s, want the question with its one 👎", review)
			}
		})
	}
}

// TestExportedSetScoresAsTheProjectSet: had moderators resolved every
// question of the project's evaluation set, with its phrases or as out of
// scope, the exported set would score exactly as the project's own does
// under dossier eval.
func TestExportedSetScoresAsTheProjectSet(t *testing.T) {
	const project = "../../bot/testdata/eval.yaml"
	raw, err := os.ReadFile(project)
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		Cases []evalCase `yaml:"cases"`
	}
	if err := yaml.Unmarshal(raw, &set); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "feedback.db")
	s, err := feedback.Open(t.Context(), db, feedback.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range set.Cases {
		if err := s.RecordAnswer(t.Context(), feedback.Answer{ID: fmt.Sprint("a", i), Question: c.Q, NotCovered: c.Out, User: "u"}); err != nil {
			t.Fatal(err)
		}
		r := feedback.Review{Key: feedback.Key(c.Q), Resolved: true, Expected: strings.Join(c.Want, " | "), OutOfScope: c.Out, Note: "from the project's set"}
		if err := s.Resolve(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	exported := filepath.Join(t.TempDir(), "reviewed.yaml")
	if _, stderr, err := runWith(t, &options{}, "feedback", "export", "--format", "yaml", "--out", exported, "--db", db); err != nil || !strings.Contains(stderr, fmt.Sprintf("exported %d cases", len(set.Cases))) {
		t.Fatalf("export = %q, %v; want all %d cases", stderr, err, len(set.Cases))
	}
	score := func(file string) map[string]any {
		out, _, err := runWith(t, &options{}, "--json", "eval", file)
		if err != nil {
			t.Fatalf("dossier eval %s: %v", file, err)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("dossier eval --json %s: %v\n%s", file, err, out)
		}
		return got
	}
	want, got := score(project), score(exported)
	for _, k := range []string{"in_scope", "hits", "false_refusals", "out_of_scope", "refused", "hit_rate", "refusal_rate", "citations", "bad_citations"} {
		if got[k] != want[k] || want[k] == nil {
			t.Errorf("dossier eval %s: %s = %v on the exported set, %v on the project's", k, k, got[k], want[k])
		}
	}
	t.Logf("both sets: %v of %v in scope answered in the top %v, %v of %v out of scope refused", want["hits"], want["in_scope"], want["top_k"], want["refused"], want["out_of_scope"])
}
