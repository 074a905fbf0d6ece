package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/seeds"
)

func newEvalCmd(o *options) *cobra.Command {
	var (
		top      int
		baseline bool
	)
	cmd := &cobra.Command{
		Use:   "eval FILE",
		Short: "Score ask on a set of questions: top-k hit rate, refusals, citations",
		Long: "eval asks every question of an evaluation set (YAML: cases with q, want or out) and\n" +
			"reports the share of in-scope questions answered in the top results, the share of\n" +
			"out-of-scope questions refused, whether every citation is verbatim, and each failure.",
		Example: `  dossier eval questions.yaml   # e.g. bot/testdata/eval.yaml in the repository
  dossier eval --json reviewed.yaml
  dossier feedback export | dossier eval -
  dossier eval --baseline reviewed.yaml   # the bare Bleve match query, for comparison`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return fmt.Errorf("eval takes one FILE, the evaluation set; got %d", len(args))
			}
			return nil
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp // one FILE only
			}
			return []cobra.Completion{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
		},
		Annotations: map[string]string{jsonAnnotation: "yes"},
		RunE: func(cmd *cobra.Command, args []string) error {
			if top < 1 || top > bot.MaxLimit {
				return usageError{fmt.Errorf("--top must be between 1 and %d", bot.MaxLimit)}
			}
			var raw []byte
			var err error
			if args[0] == "-" {
				// "dossier feedback export | dossier eval -"
				if o.stdin != nil {
					raw, err = io.ReadAll(o.stdin)
				}
			} else {
				raw, err = os.ReadFile(args[0])
			}
			if errors.Is(err, fs.ErrNotExist) {
				// A file the command line names that is not there is a
				// mistake in the command line.
				return usageError{fmt.Errorf("evaluation set %s: no such file", args[0])}
			}
			if err != nil {
				return fmt.Errorf("read evaluation set: %w", err)
			}
			cases, err := bot.ParseEval(raw)
			if err != nil {
				name := args[0]
				if name == "-" {
					name = "standard input"
				}
				return fmt.Errorf("%s: %w", name, err)
			}
			docs, err := o.citable()
			if err != nil {
				return err
			}
			d, err := o.open(cmd.Context())
			if err != nil {
				return err
			}
			defer d.Close()
			ask := d.AskQuestion
			if baseline {
				ix, err := d.Index(cmd.Context())
				if err != nil {
					return err
				}
				ask = bot.BareMatch(ix)
			}
			rep, err := bot.Evaluate(cmd.Context(), ask, cases, docs, top)
			if err != nil {
				return err
			}
			if o.json {
				enc := json.NewEncoder(o.stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(struct {
					Command string `json:"command"`
					*bot.EvalReport
				}{"eval", rep})
			}
			var b strings.Builder
			for _, f := range rep.Failures {
				fmt.Fprintf(&b, "%s: %s\n    → %s\n", f.Why, f.Q, f.Got)
			}
			if len(rep.Failures) > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "%s\n", rep.Summary())
			_, err = fmt.Fprint(o.stdout, b.String())
			return err
		},
	}
	cmd.Flags().IntVar(&top, "top", bot.DefaultLimit, "results per question that count as an answer")
	cmd.Flags().BoolVar(&baseline, "baseline", false, "score the bare Bleve match query instead of ask")
	return cmd
}

// citable returns the text of every document a citation may name: the
// seeds the curated facts cite and, with --corpus, that corpus.
func (o *options) citable() (map[string]string, error) {
	sets := []fs.FS{seeds.Embedded()}
	if o.corpus != "" {
		sets = append(sets, os.DirFS(o.corpus))
	}
	out := map[string]string{}
	for _, fsys := range sets {
		docs, err := seeds.Load(fsys)
		if err != nil {
			return nil, fmt.Errorf("load documents: %w", err)
		}
		for _, d := range docs {
			out[d.Name] = d.Text
		}
	}
	return out, nil
}
