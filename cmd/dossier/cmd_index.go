package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/index"
	"github.com/spf13/cobra"
)

func newIndexCmd(o *options) *cobra.Command {
	idx := &cobra.Command{
		Use:   "index",
		Short: "Build an on-disk index for --index",
	}
	var out string
	var passages int
	var force bool
	build := &cobra.Command{
		Use:   "build --out DIR [--corpus DIR | --passages N]",
		Short: "Index the seeds, a --corpus folder or a synthetic corpus of N passages into DIR",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return usageError{errors.New("--out DIR is required")}
			}
			switch {
			case passages < 0:
				return usageError{fmt.Errorf("--passages is a number of passages, not %d", passages)}
			case passages > 0 && o.corpus != "":
				return usageError{errors.New("--passages makes a synthetic corpus; give it or --corpus, not both")}
			}
			start := time.Now()
			cfg := o.config()
			cfg.IndexDir, cfg.Rebuild, cfg.Synthetic, cfg.Force = out, true, passages, force
			if passages > 0 {
				cfg.Progress = o.progress(passages)
			}
			b, err := bot.Open(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			err = b.Warm(cmd.Context())
			o.endProgress(cfg.Progress)
			if errors.Is(err, index.ErrNotIndex) {
				return fmt.Errorf("%w; give --force to replace what it holds", err)
			}
			if err != nil {
				return err
			}
			n := b.Documents()
			if err := b.Close(); err != nil {
				return fmt.Errorf("close index: %w", err)
			}
			fmt.Fprintf(o.stdout, "indexed %d passages and facts into %s in %s\n", n, out, time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
	build.Flags().StringVar(&out, "out", "", "folder to write the index to: missing, empty or an index, which is replaced once the new one is complete")
	build.Flags().BoolVar(&force, "force", false, "replace --out even if it holds something other than an index")
	build.Flags().IntVar(&passages, "passages", 0, "index a synthetic corpus of this many passages, generated from the seeds")
	idx.AddCommand(build)
	return idx
}
