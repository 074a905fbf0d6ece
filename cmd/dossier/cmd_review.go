package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/feedback"
)

// newReviewCmd is /review on the command line: the same list, and
// subcommands to resolve and reopen questions by key.
func newReviewCmd(o *options, table []bot.Command) *cobra.Command {
	var entry bot.Command
	for _, c := range table {
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
		Args:  oneKey,
		RunE: func(cmd *cobra.Command, args []string) error {
			if rv.OutOfScope && rv.Expected != "" {
				return usageError{errors.New("give --expected or --out-of-scope, not both")}
			}
			f := cmd.Flags()
			rv.Key, rv.Resolved, rv.At = args[0], true, time.Now()
			rv.KeepNote, rv.KeepAnswer = !f.Changed("note"), !f.Changed("expected") && !f.Changed("out-of-scope")
			return o.resolve(cmd.Context(), rv, "resolved")
		},
	}
	resolve.Flags().StringVar(&rv.Note, "note", "", "what was done about it (default: the note it has)")
	resolve.Flags().StringVar(&rv.Expected, "expected", "", `a phrase the right answer contains, or several: "a | b" (default: the phrase it has)`)
	resolve.Flags().BoolVar(&rv.OutOfScope, "out-of-scope", false, "the sources do not cover it: the right answer is to say so (default: as it was marked)")
	var note string
	reopen := &cobra.Command{
		Use:   "reopen KEY",
		Short: "Put a resolved question back in the queue (its note kept unless --note is given, its expected phrase kept)",
		Args:  oneKey,
		RunE: func(cmd *cobra.Command, args []string) error {
			r := feedback.Review{Key: args[0], Note: note, KeepNote: !cmd.Flags().Changed("note"), KeepAnswer: true, At: time.Now()}
			return o.resolve(cmd.Context(), r, "reopened")
		},
	}
	reopen.Flags().StringVar(&note, "note", "", "why (default: the note it has)")
	cmd.AddCommand(resolve, reopen)
	return cmd
}

// oneKey accepts the one KEY of a stored question that resolve and
// reopen take.
func oneKey(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("%s takes the KEY of one question, as dossier review lists them; got %d", subcommand(cmd), len(args))
	}
	return nil
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
	Command   string           `json:"command"`
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
	out := reviewList{Command: "review", Status: status, Page: page, Total: total, Questions: []reviewQuestion{}}
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
				// Notes are typed in Discord: quoted, no escape reaches
				// the terminal.
				parts = append(parts, "note "+strconv.Quote(r.Note))
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
