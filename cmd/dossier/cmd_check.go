package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

func newCheckCmd(o *options) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Validate the corpus and the knowledge base; exit non-zero on any problem",
		Long: "check loads the corpus (the embedded seeds, or --corpus) and the knowledge base (the embedded\n" +
			"files, or --knowledge) and verifies every curated record against the text it cites: the embedded\n" +
			"seeds, which the facts cite whatever --corpus holds, as every command loads them. It prints one\n" +
			"line per problem on stderr (file:line: record: problem) and exits 1 if there is any; with --json it\n" +
			"prints {\"command\": \"check\", \"ok\": …, \"problems\": [{\"file\", \"line\", \"record\", \"problem\"}]} on stdout.",
		Args:        noArgs,
		Annotations: map[string]string{jsonAnnotation: "yes"},
		RunE: func(cmd *cobra.Command, _ []string) error {
			docs, problems, err := seeds.Check(o.corpusFS())
			if err != nil {
				return err
			}
			var found []checkProblem
			for _, p := range problems {
				found = append(found, checkProblem{File: p.File, Line: p.Line, Problem: p.Msg, text: p.String()})
			}
			if o.corpus != "" {
				// The facts cite the embedded seeds whatever --corpus
				// holds, and every command loads them against those:
				// judge them so here too.
				if docs, err = seeds.Load(seeds.Embedded()); err != nil {
					return err
				}
				problems = nil
			}
			_, err = knowledge.Load(o.knowledgeFS(), docs)
			var kp knowledge.Problems
			switch {
			case errors.As(err, &kp):
				// Facts are judged only against a corpus that loaded whole.
				if len(problems) == 0 {
					for _, p := range kp {
						found = append(found, checkProblem{File: p.File, Line: p.Line, Record: p.Record, Problem: p.Msg, text: p.String()})
					}
				}
			case err != nil:
				found = append(found, checkProblem{Problem: err.Error(), text: err.Error()})
			}
			if o.json {
				if err := o.printJSON(checkReport{Command: "check", OK: len(found) == 0, Problems: append([]checkProblem{}, found...)}); err != nil {
					return err
				}
			} else {
				for _, p := range found {
					fmt.Fprintln(o.stderr, p.text)
				}
			}
			if len(found) > 0 {
				return fmt.Errorf("%w: %d %s", errCheckFailed, len(found), bot.Plural(len(found), "problem", "problems"))
			}
			if !o.json {
				fmt.Fprintln(o.stdout, "ok: corpus and knowledge base are consistent")
			}
			return nil
		},
	}
}

// checkReport is what check prints with --json.
type checkReport struct {
	Command  string         `json:"command"`
	OK       bool           `json:"ok"`
	Problems []checkProblem `json:"problems"`
}

// checkProblem is one problem check found; File and Line are absent when
// a file could not be read at all.
type checkProblem struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Record  string `json:"record,omitempty"`
	Problem string `json:"problem"`
	text    string
}
