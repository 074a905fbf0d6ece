package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/feedback"
)

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
				msg += fmt.Sprintf("; left out %d resolved %s neither an expected phrase nor out of scope", skipped, bot.Plural(skipped, "question marked", "questions marked"))
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
			// A Discord id is a snowflake, all digits: anything else is a
			// typo, which must not be reported as a request carried out.
			if _, err := strconv.ParseUint(user, 10, 64); err != nil {
				return usageError{fmt.Errorf("--user %q is not a Discord user id (a number like 80351110224678912)", user)}
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
