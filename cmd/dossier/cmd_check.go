package main

import (
	"errors"
	"fmt"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
	"github.com/spf13/cobra"
)

func newCheckCmd(o *options) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Validate the corpus and the knowledge base; exit non-zero on any problem",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			docs, problems, err := seeds.Check(o.corpusFS())
			if err != nil {
				return err
			}
			var lines []string
			for _, p := range problems {
				lines = append(lines, p.String())
			}
			_, err = knowledge.Load(o.knowledgeFS(), docs)
			var kp knowledge.Problems
			switch {
			case errors.As(err, &kp):
				// Facts are judged only against a corpus that loaded whole.
				if len(problems) == 0 {
					for _, p := range kp {
						lines = append(lines, p.String())
					}
				}
			case err != nil:
				lines = append(lines, err.Error())
			}
			for _, l := range lines {
				fmt.Fprintln(o.stderr, l)
			}
			if len(lines) > 0 {
				return fmt.Errorf("%w: %d %s", errCheckFailed, len(lines), bot.Plural(len(lines), "problem", "problems"))
			}
			fmt.Fprintln(o.stdout, "ok: corpus and knowledge base are consistent")
			return nil
		},
	}
}
