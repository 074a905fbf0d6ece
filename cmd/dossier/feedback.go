package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"gopkg.in/yaml.v3"

	"github.com/dossier/dossier/bot"
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
	f.Var(dbFlag{o}, "db", "feedback store: SQLite file or postgres:// URL")
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

// openFeedback opens the store --db names, creating a SQLite file's
// folder. Without --db it returns nil, or a usage error when the command
// needs a store.
func (o *options) openFeedback(ctx context.Context, required bool) (feedback.Store, error) {
	path := o.dbPath()
	if path == "" {
		if required {
			return nil, usageError{errors.New("no feedback store: give --db FILE or --db postgres://…")}
		}
		return nil, nil
	}
	if !feedback.IsPostgres(path) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
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

// newReviewCmd is /review on the command line: the same list, and
// subcommands to resolve and reopen questions by key.
func newReviewCmd(o *options) *cobra.Command {
	var entry bot.Command
	for _, c := range bot.Commands() {
		if c.Name == "review" {
			entry = c
		}
	}
	cmd := &cobra.Command{Use: "review", Short: entry.Description, Example: entry.Example, Args: cobra.NoArgs,
		Annotations: map[string]string{jsonAnnotation: "yes"}}
	o.addFeedbackFlags(cmd.PersistentFlags())
	f := cmd.Flags()
	for _, opt := range entry.Options {
		addFlag(f, opt)
		_ = cmd.RegisterFlagCompletionFunc(opt.Name, o.completer(opt))
	}
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		status, _ := f.GetString("status")
		page, _ := f.GetInt("page")
		st, ok := feedback.ParseStatus(status)
		if !ok {
			return usageError{fmt.Errorf("--status is one of %s", strings.Join(bot.ReviewStatuses(), ", "))}
		}
		if page < 1 || page > bot.MaxReviewPage {
			return usageError{fmt.Errorf("--page is a number from 1 to %d", bot.MaxReviewPage)}
		}
		s, err := o.openFeedback(cmd.Context(), true)
		if err != nil {
			return err
		}
		defer s.Close()
		const size = 20
		qs, total, err := s.Questions(cmd.Context(), feedback.Filter{Status: st, Offset: (page - 1) * size, Limit: size})
		if err != nil {
			return err
		}
		if o.json {
			return o.printJSON(reviewJSON(status, page, total, qs))
		}
		return printReview(o.stdout, status, page, (total+size-1)/size, total, (page-1)*size, qs)
	}

	var rv feedback.Review
	resolve := &cobra.Command{
		Use:   "resolve KEY",
		Short: "Mark a question resolved, with a note and the phrase its right answer contains (or --out-of-scope)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if rv.OutOfScope && rv.Expected != "" {
				return usageError{errors.New("give --expected or --out-of-scope, not both")}
			}
			rv.Key, rv.Resolved, rv.At = args[0], true, time.Now()
			return o.resolve(cmd.Context(), rv, "resolved")
		},
	}
	resolve.Flags().StringVar(&rv.Note, "note", "", "what was done about it")
	resolve.Flags().StringVar(&rv.Expected, "expected", "", `a phrase the right answer contains, or several: "a | b"`)
	resolve.Flags().BoolVar(&rv.OutOfScope, "out-of-scope", false, "the sources do not cover it: the right answer is to say so")
	var note string
	reopen := &cobra.Command{
		Use:   "reopen KEY",
		Short: "Put a resolved question back in the queue",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.resolve(cmd.Context(), feedback.Review{Key: args[0], Note: note, At: time.Now()}, "reopened")
		},
	}
	reopen.Flags().StringVar(&note, "note", "", "why")
	cmd.AddCommand(resolve, reopen)
	return cmd
}

// resolve stores a review made on the command line.
func (o *options) resolve(ctx context.Context, r feedback.Review, done string) error {
	s, err := o.openFeedback(ctx, true)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Resolve(ctx, r); err != nil {
		if errors.Is(err, feedback.ErrUnknownQuestion) {
			return usageError{fmt.Errorf("no stored question has key %q (see dossier review --status all)", r.Key)}
		}
		return err
	}
	fmt.Fprintf(o.stdout, "%s %s\n", done, r.Key)
	return nil
}

// reviewList is `dossier review --json`.
type reviewList struct {
	Status    string           `json:"status"`
	Page      int              `json:"page"`
	Total     int              `json:"total"`
	Questions []reviewQuestion `json:"questions"`
}

type reviewQuestion struct {
	Key        string          `json:"key"`
	Question   string          `json:"question"`
	NotCovered int             `json:"not_covered"`
	Down       int             `json:"down"`
	Up         int             `json:"up"`
	First      time.Time       `json:"first"`
	Last       time.Time       `json:"last"`
	Resolved   bool            `json:"resolved"`
	Review     *reviewJSONNote `json:"review,omitempty"`
	Comments   []reviewComment `json:"comments"`
}

type reviewJSONNote struct {
	Resolved   bool      `json:"resolved"`
	Note       string    `json:"note,omitempty"`
	Expected   string    `json:"expected,omitempty"`
	OutOfScope bool      `json:"out_of_scope,omitempty"`
	At         time.Time `json:"at"`
}

type reviewComment struct {
	Text     string    `json:"text,omitempty"`
	Expected string    `json:"expected,omitempty"`
	At       time.Time `json:"at"`
}

func reviewJSON(status string, page, total int, qs []feedback.Question) reviewList {
	out := reviewList{Status: status, Page: page, Total: total, Questions: []reviewQuestion{}}
	for _, q := range qs {
		rq := reviewQuestion{Key: q.Key, Question: q.Text, NotCovered: q.NotCovered, Down: q.Down, Up: q.Up,
			First: q.First, Last: q.Last, Resolved: q.Resolved, Comments: []reviewComment{}}
		if r := q.Review; r != nil {
			rq.Review = &reviewJSONNote{Resolved: r.Resolved, Note: r.Note, Expected: r.Expected, OutOfScope: r.OutOfScope, At: r.At}
		}
		for _, c := range q.Comments {
			rq.Comments = append(rq.Comments, reviewComment{Text: c.Text, Expected: c.Expected, At: c.At})
		}
		out.Questions = append(out.Questions, rq)
	}
	return out
}

// printReview writes a page of the review list for a terminal.
func printReview(w io.Writer, status string, page, pages, total, first int, qs []feedback.Question) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s%s questions: %d", strings.ToUpper(status[:1]), status[1:], total)
	if pages > 1 {
		fmt.Fprintf(&b, " (page %d of %d)", page, pages)
	}
	b.WriteString("\n")
	if total == 0 {
		b.WriteString("Nothing to review.\n")
	}
	for i, q := range qs {
		var counts []string
		for _, c := range []string{formatN(q.NotCovered, "not covered"), formatN(q.Down, "down"), formatN(q.Up, "up")} {
			if c != "" {
				counts = append(counts, c)
			}
		}
		fmt.Fprintf(&b, "\n%3d. %s\n     %s · last %s · key %s\n", first+i+1, q.Text, strings.Join(counts, " · "), q.Last.Local().Format("2006-01-02 15:04"), q.Key)
		for _, c := range q.Comments {
			line := "     > "
			if c.Text != "" {
				line += strconv.Quote(c.Text)
			}
			if c.Expected != "" {
				if c.Text != "" {
					line += " — "
				}
				line += "right answer: " + strconv.Quote(c.Expected)
			}
			b.WriteString(line + "\n")
		}
		if r := q.Review; r != nil {
			state := "resolved"
			if !q.Resolved {
				state = "reopened"
			}
			parts := []string{state}
			switch {
			case r.OutOfScope:
				parts = append(parts, "out of scope")
			case r.Expected != "":
				parts = append(parts, "expects "+strconv.Quote(r.Expected))
			}
			if r.Note != "" {
				parts = append(parts, r.Note)
			}
			fmt.Fprintf(&b, "     [%s]\n", strings.Join(parts, " · "))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func formatN(n int, label string) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d %s", n, label)
}

// newFeedbackCmd holds the store's maintenance: export, delete, prune.
func newFeedbackCmd(o *options) *cobra.Command {
	cmd := &cobra.Command{Use: "feedback", Short: "Export reviewed questions as an evaluation set; delete a member's data; prune"}
	o.addFeedbackFlags(cmd.PersistentFlags())
	var format, out string
	export := &cobra.Command{
		Use:   "export --format yaml [--out FILE]",
		Short: "Write the resolved questions with their expected phrase (or as out of scope) as an evaluation set",
		Example: `  dossier feedback export --format yaml --out reviewed.yaml
  dossier eval reviewed.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "yaml" {
				return usageError{fmt.Errorf("--format %q: the only format is yaml", format)}
			}
			s, err := o.openFeedback(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer s.Close()
			rs, err := s.Reviews(cmd.Context())
			if err != nil {
				return err
			}
			data, n, skipped, err := evalSet(rs)
			if err != nil {
				return err
			}
			if out == "" || out == "-" {
				_, err = o.stdout.Write(data)
			} else {
				err = os.WriteFile(out, data, 0o644)
			}
			if err != nil {
				return fmt.Errorf("write evaluation set: %w", err)
			}
			msg := fmt.Sprintf("exported %d %s", n, bot.Plural(n, "case", "cases"))
			if skipped > 0 {
				msg += fmt.Sprintf("; %d resolved %s no expected phrase and not out of scope, left out", skipped, bot.Plural(skipped, "question has", "questions have"))
			}
			fmt.Fprintln(o.stderr, msg)
			return nil
		},
	}
	export.Flags().StringVar(&format, "format", "yaml", "output format: yaml (the evaluation-set format of bot/testdata/eval.yaml)")
	export.Flags().StringVar(&out, "out", "", "file to write (default: standard output)")

	var user string
	del := &cobra.Command{
		Use:   "delete --user ID",
		Short: "Delete everything a member asked or voted (their Discord user id), as they may request",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			user = strings.TrimSpace(user)
			if user == "" {
				return usageError{errors.New("--user ID is required: the member's Discord user id")}
			}
			s, err := o.openFeedback(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer s.Close()
			d, err := s.DeleteUser(cmd.Context(), user)
			if err != nil {
				return err
			}
			fmt.Fprintf(o.stdout, "deleted %d %s and %d %s of user %s\n", d.Answers, bot.Plural(int(d.Answers), "question", "questions"), d.Votes, bot.Plural(int(d.Votes), "vote", "votes"), user)
			return nil
		},
	}
	del.Flags().StringVar(&user, "user", "", "the member's Discord user id")

	prune := &cobra.Command{
		Use:   "prune",
		Short: "Delete answers and votes older than --feedback-retention now (the bot also does so hourly)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.retention <= 0 {
				return usageError{errors.New("--feedback-retention is 0: everything is kept")}
			}
			s, err := o.openFeedback(cmd.Context(), true)
			if err != nil {
				return err
			}
			defer s.Close()
			d, err := s.Prune(cmd.Context(), time.Now().Add(-o.retention))
			if err != nil {
				return err
			}
			fmt.Fprintf(o.stdout, "deleted %d %s and %d %s older than %s\n", d.Answers, bot.Plural(int(d.Answers), "answer", "answers"), d.Votes, bot.Plural(int(d.Votes), "vote", "votes"), (*retention)(&o.retention))
			return nil
		},
	}
	cmd.AddCommand(export, del, prune)
	return cmd
}

// quoteText double-quotes a case's question and phrases, as the
// project's sets write them.
func quoteText(c *yaml.Node) {
	for i := 0; i+1 < len(c.Content); i += 2 {
		switch v := c.Content[i+1]; c.Content[i].Value {
		case "q":
			v.Style = yaml.DoubleQuotedStyle
		case "want":
			for _, p := range v.Content {
				p.Style = yaml.DoubleQuotedStyle
			}
		}
	}
}

// wantPhrases splits an expected answer into the phrases any of which
// counts: "F-15 and F-16 fighters | F-15s and F-16s".
func wantPhrases(expected string) []string {
	var out []string
	for p := range strings.SplitSeq(expected, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// evalCase is one case of an evaluation set, as in bot/testdata/eval.yaml.
type evalCase struct {
	Q    string   `yaml:"q"`
	Want []string `yaml:"want,omitempty"`
	Out  bool     `yaml:"out,omitempty"`
	Tags []string `yaml:"tags,omitempty"`
}

// evalSet writes the resolved reviews that say what the right answer is
// as an evaluation set, one case a line as the project's own sets are,
// with the moderator's note as a comment. It returns how many cases it
// wrote and how many resolved reviews it left out.
func evalSet(rs []feedback.Review) (data []byte, n, skipped int, err error) {
	cases := &yaml.Node{Kind: yaml.SequenceNode}
	for _, r := range rs {
		if !r.Resolved {
			continue
		}
		c := evalCase{Q: r.Question, Tags: []string{"feedback"}}
		switch {
		case r.OutOfScope:
			c.Out, c.Tags = true, append(c.Tags, "out")
		case wantPhrases(r.Expected) != nil:
			c.Want = wantPhrases(r.Expected)
		default:
			skipped++
			continue
		}
		var node yaml.Node
		if err := node.Encode(c); err != nil {
			return nil, 0, 0, fmt.Errorf("encode case: %w", err)
		}
		node.Style = yaml.FlowStyle
		quoteText(&node)
		if r.Note != "" {
			node.LineComment = strings.Join(strings.Fields(r.Note), " ")
		}
		cases.Content = append(cases.Content, &node)
		n++
	}
	doc := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "cases"}, cases},
		HeadComment: "Evaluation set exported from moderators' reviews of Dossier's feedback.\n" +
			"want: the top 3 results must include one of these phrases (case and white\n" +
			"space aside). out: the question is outside the sources; it must get no results."}
	var b strings.Builder
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, 0, 0, fmt.Errorf("encode evaluation set: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, 0, 0, fmt.Errorf("encode evaluation set: %w", err)
	}
	return []byte(b.String()), n, skipped, nil
}
