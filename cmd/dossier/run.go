package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// options are the flags every command shares.
type options struct {
	json      bool
	corpus    string
	knowledge string
	scoring   string
	logFormat string
	indexDir  string
	// transport, when set, carries the bot's requests to Discord (tests
	// point it at a stand-in).
	transport http.RoundTripper
	getenv    func(string) string
	stdout    io.Writer
	stderr    io.Writer
}

// errCheckFailed marks a check that found problems (already printed).
var errCheckFailed = errors.New("check failed")

// run is the whole program behind main, callable from tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runEnv(ctx, args, os.Getenv, stdout, stderr)
}

// runEnv is run with the environment given, for tests.
func runEnv(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return runOptions(ctx, args, &options{stdout: stdout, stderr: stderr, getenv: getenv})
}

// runOptions runs the command line with o. A panic becomes a one-line
// error, and the Discord token is removed from any error it returns.
func runOptions(ctx context.Context, args []string, o *options) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v", p)
		}
		if err != nil && o.secret() != "" && strings.Contains(err.Error(), o.secret()) {
			err = errors.New(o.redact(err.Error()))
		}
	}()
	root := newRoot(o)
	root.SetArgs(args)
	return root.ExecuteContext(ctx)
}

// secret is the Discord token, which must never be printed.
func (o *options) secret() string {
	if o.getenv == nil {
		return ""
	}
	if t := o.getenv("DISCORD_TOKEN"); len(t) >= 8 {
		return t
	}
	return ""
}

func (o *options) redact(s string) string {
	if t := o.secret(); t != "" {
		return strings.ReplaceAll(s, t, "[redacted]")
	}
	return s
}

func newRoot(o *options) *cobra.Command {
	root := &cobra.Command{
		Use:   "dossier",
		Short: "Cited answers about the June 2021 US strikes on Iran-backed militias",
		Long: "Dossier answers questions about the 27 June 2021 US airstrikes on Iran-backed militias\n" +
			"on the Iraq–Syria border, the reactions, the militia attacks before and after, and the\n" +
			"earlier US strikes of 2019–2021 — always with cited snippets from its sources.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(o.stdout)
	root.SetErr(o.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.BoolVar(&o.json, "json", false, "print the answer as JSON")
	pf.StringVar(&o.corpus, "corpus", "", "folder of .txt documents to use instead of the embedded seeds")
	pf.StringVar(&o.knowledge, "knowledge", "", "folder of knowledge YAML to use instead of the embedded files")
	pf.StringVar(&o.indexDir, "index", "", "open the prebuilt index in this folder (dossier index build) instead of building one at start")
	pf.StringVar(&o.logFormat, "log-format", "text", "log format for the bot modes: text or json")
	pf.StringVar(&o.scoring, "scoring", index.BM25, "ranking model: bm25 or tfidf")
	_ = pf.MarkHidden("scoring")
	root.AddCommand(newAskCmd(o), newSourcesCmd(o), newCheckCmd(o),
		newTimelineCmd(o), newWhoSaidCmd(o), newCasualtiesCmd(o), newSummaryCmd(o),
		newBotCmd(o), newServeCmd(o), newRegisterCmd(o), newIndexCmd(o), newBenchCmd(o))
	return root
}

// usageError is a mistake in the command line itself.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func exitCode(err error) int {
	var ue usageError
	if errors.As(err, &ue) || bot.IsInputError(err) {
		return 2
	}
	return 1
}

// oneLine keeps an error to a single line on stderr.
func oneLine(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}

func (o *options) corpusFS() fs.FS {
	if o.corpus != "" {
		return os.DirFS(o.corpus)
	}
	return seeds.Embedded()
}

// progress returns a callback that keeps one line on stderr up to date
// while a large corpus is indexed, at most a few times a second.
func (o *options) progress(total int) func(done, total int) {
	start, last := time.Now(), time.Time{}
	return func(done, _ int) {
		if time.Since(last) < 250*time.Millisecond && done < total {
			return
		}
		last = time.Now()
		pct := 100 * done / max(total, 1)
		bar := strings.Repeat("#", pct/4) + strings.Repeat(".", 25-pct/4)
		fmt.Fprintf(o.stderr, "\rindexing [%s] %d/%d passages (%d%%) %s", bar, done, total, pct, time.Since(start).Round(100*time.Millisecond))
	}
}

func (o *options) endProgress(p func(int, int)) {
	if p != nil {
		fmt.Fprintln(o.stderr)
	}
}

func (o *options) knowledgeFS() fs.FS {
	if o.knowledge != "" {
		return os.DirFS(o.knowledge)
	}
	return knowledge.Embedded()
}

// app is the wired command layer.
type app struct {
	bot   *bot.Bot
	kb    *knowledge.Base
	close func()
}

// open loads the knowledge base, checks it against the seeds its facts
// cite, and opens (--index) or builds the index.
func (o *options) open(ctx context.Context) (*app, error) {
	kb, seedDocs, err := o.loadKnowledge()
	if err != nil {
		return nil, err
	}
	var ix *index.Index
	if o.indexDir != "" {
		ix, err = index.Open(o.indexDir, kb)
		if errors.Is(err, index.ErrStale) {
			fmt.Fprintf(o.stderr, "dossier: the index in %s was built by another version of Dossier; rebuilding it\n", o.indexDir)
			ix, err = o.build(ctx, kb, seedDocs, o.indexDir, 0)
		}
	} else {
		ix, err = o.build(ctx, kb, seedDocs, "", 0)
	}
	if err != nil {
		return nil, err
	}
	return &app{bot: bot.New(ix, kb, o.logger()), kb: kb, close: func() { ix.Close() }}, nil
}

// loadKnowledge loads the seeds and the knowledge base checked against
// them; a base with problems is an error that points at dossier check.
func (o *options) loadKnowledge() (*knowledge.Base, []*seeds.Document, error) {
	seedDocs, err := seeds.Load(seeds.Embedded())
	if err != nil {
		return nil, nil, fmt.Errorf("load seeds: %w", err)
	}
	kb, err := knowledge.Load(o.knowledgeFS(), seedDocs)
	var problems knowledge.Problems
	if errors.As(err, &problems) {
		return nil, nil, fmt.Errorf("knowledge base has %d %s (first: %s); run dossier check", len(problems), bot.Plural(len(problems), "problem", "problems"), problems[0])
	}
	if err != nil {
		return nil, nil, err
	}
	return kb, seedDocs, nil
}

// build indexes the corpus — the seeds with their facts, a --corpus folder,
// or (passages > 0) a synthetic corpus of that many passages — in memory or
// at path.
func (o *options) build(ctx context.Context, kb *knowledge.Base, seedDocs []*seeds.Document, path string, passages int) (*index.Index, error) {
	opts := index.Options{Path: path, Scoring: o.scoring}
	switch {
	case passages > 0:
		opts.Progress = o.progress(passages)
		ix, err := index.BuildFrom(ctx, seeds.Synthetic(seedDocs, passages, 1), passages, kb, opts)
		o.endProgress(opts.Progress)
		return ix, wrap("build index", err)
	case o.corpus != "":
		docs, err := seeds.Load(os.DirFS(o.corpus))
		if err != nil {
			return nil, fmt.Errorf("load corpus: %w", err)
		}
		// Facts cite the seeds; over another corpus they would cite
		// documents that are not there.
		ix, err := index.Build(ctx, docs, kb, opts)
		return ix, wrap("build index", err)
	}
	opts.Facts = bot.Facts(kb)
	ix, err := index.Build(ctx, seedDocs, kb, opts)
	return ix, wrap("build index", err)
}

func wrap(what string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// logger logs to stderr as text, or as JSON with --log-format json, with
// the Discord token removed from every message and value.
func (o *options) logger() *slog.Logger {
	opts := &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if t := o.secret(); t != "" {
			if v := a.Value.Resolve(); v.Kind() == slog.KindString || v.Kind() == slog.KindAny {
				if s := v.String(); strings.Contains(s, t) {
					return slog.String(a.Key, o.redact(s))
				}
			}
		}
		return a
	}}
	if o.logFormat == "json" {
		return slog.New(slog.NewJSONHandler(o.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(o.stderr, opts))
}

func newAskCmd(o *options) *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "ask QUESTION...",
		Short: "Answer a question with cited snippets",
		Example: `  dossier ask "Who said the strikes would deter future action?"
  dossier ask --limit 5 --json how many were killed in the June strikes`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit == 0 {
				if _, err := bot.CheckLimit(-1); err != nil {
					return err // an explicit 0 is a mistake, not "the default"
				}
			}
			req := bot.AskRequest{Question: strings.Join(args, " "), Limit: limit}
			return o.answer(cmd, func(b *bot.Bot) (*bot.Answer, error) { return b.Ask(cmd.Context(), req) })
		},
	}
	cmd.Flags().IntVarP(&limit, "limit", "n", bot.DefaultLimit, fmt.Sprintf("number of results (1-%d)", bot.MaxLimit))
	return cmd
}

// answerCmd runs one bot command and prints its answer.
func (o *options) answer(cmd *cobra.Command, do func(*bot.Bot) (*bot.Answer, error)) error {
	ap, err := o.open(cmd.Context())
	if err != nil {
		return err
	}
	defer ap.close()
	a, err := do(ap.bot)
	if err != nil {
		return err
	}
	return o.print(a)
}

func newTimelineCmd(o *options) *cobra.Command {
	var req bot.TimelineRequest
	var png string
	cmd := &cobra.Command{
		Use:   "timeline",
		Short: "List the events in order of date, each cited; strikes show the attacks they answered",
		Example: `  dossier timeline --from 2021-06-01 --to "8 July 2021"
  dossier timeline --actor "Kataib Hezbollah"
  dossier timeline --place Erbil --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.answer(cmd, func(b *bot.Bot) (*bot.Answer, error) {
				if png != "" {
					if err := writeChart(png, func() ([]byte, error) { return b.TimelineChart(cmd.Context(), req) }); err != nil {
						return nil, err
					}
				}
				return b.Timeline(cmd.Context(), req)
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&png, "png", "", "also draw the timeline as a PNG chart to this file")
	f.StringVar(&req.From, "from", "", "first date (2021-06-27, 27 June 2021, March 2020)")
	f.StringVar(&req.To, "to", "", "last date")
	f.StringVar(&req.Actor, "actor", "", "only events this person or group acted in or was targeted by")
	f.StringVar(&req.Place, "place", "", "only events at this place")
	f.BoolVar(&req.All, "all", false, "include background events (2002–2016)")
	return cmd
}

func newWhoSaidCmd(o *options) *cobra.Command {
	var req bot.WhoSaidRequest
	cmd := &cobra.Command{
		Use:   "who-said [SPEAKER...]",
		Short: "Show a speaker's quotations, or with --quote who said some words",
		Example: `  dossier who-said Blinken
  dossier who-said --quote "clear and unambiguous deterrent message"`,
		RunE: func(cmd *cobra.Command, args []string) error {
			req.Speaker = strings.Join(args, " ")
			if req.Quote != "" && req.Speaker != "" {
				return usageError{errors.New("give a speaker or --quote, not both")}
			}
			return o.answer(cmd, func(b *bot.Bot) (*bot.Answer, error) { return b.WhoSaid(cmd.Context(), req) })
		},
	}
	cmd.Flags().StringVar(&req.Quote, "quote", "", "words to find the speaker of")
	return cmd
}

func newCasualtiesCmd(o *options) *cobra.Command {
	var png string
	cmd := &cobra.Command{
		Use:   "casualties [EVENT...]",
		Short: "Show every casualty claim about an event side by side, with who made it",
		Example: `  dossier casualties
  dossier casualties 2021-06-27
  dossier casualties "Camp Taji" --png taji.png`,
		RunE: func(cmd *cobra.Command, args []string) error {
			req := bot.CasualtiesRequest{Event: strings.Join(args, " ")}
			return o.answer(cmd, func(b *bot.Bot) (*bot.Answer, error) {
				a, err := b.Casualties(cmd.Context(), req)
				if err != nil || png == "" || a.NotCovered {
					return a, err
				}
				return a, writeChart(png, func() ([]byte, error) { return b.CasualtiesChart(cmd.Context(), req) })
			})
		},
	}
	cmd.Flags().StringVar(&png, "png", "", "also draw the claims as a PNG chart to this file")
	return cmd
}

// writeChart draws a chart and writes it to path.
func writeChart(path string, draw func() ([]byte, error)) error {
	img, err := draw()
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, img, 0o644); err != nil {
		return fmt.Errorf("write chart: %w", err)
	}
	return nil
}

func newSummaryCmd(o *options) *cobra.Command {
	var req bot.SummaryRequest
	cmd := &cobra.Command{
		Use:   "summary",
		Short: "A moderator's brief, every sentence cited",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.answer(cmd, func(b *bot.Bot) (*bot.Answer, error) { return b.Summary(cmd.Context(), req) })
		},
	}
	cmd.Flags().StringVar(&req.Topic, "topic", "overview", "one of "+strings.Join(bot.Topics(), ", "))
	_ = cmd.RegisterFlagCompletionFunc("topic", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return bot.Topics(), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func newIndexCmd(o *options) *cobra.Command {
	idx := &cobra.Command{Use: "index", Short: "Build an on-disk index for --index"}
	var out string
	var passages int
	build := &cobra.Command{
		Use:   "build --out DIR [--corpus DIR | --passages N]",
		Short: "Index the seeds, a --corpus folder or a synthetic corpus of N passages into DIR",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return usageError{errors.New("--out DIR is required")}
			}
			if passages < 0 || (passages > 0 && o.corpus != "") {
				return usageError{errors.New("--passages must be positive, and cannot be combined with --corpus")}
			}
			kb, seedDocs, err := o.loadKnowledge()
			if err != nil {
				return err
			}
			start := time.Now()
			ix, err := o.build(cmd.Context(), kb, seedDocs, out, passages)
			if err != nil {
				return err
			}
			n := ix.DocCount()
			if err := ix.Close(); err != nil {
				return fmt.Errorf("close index: %w", err)
			}
			fmt.Fprintf(o.stdout, "indexed %d passages and facts into %s in %s\n", n, out, time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
	build.Flags().StringVar(&out, "out", "", "folder to write the index to (replaced)")
	build.Flags().IntVar(&passages, "passages", 0, "index a synthetic corpus of this many passages, generated from the seeds")
	idx.AddCommand(build)
	return idx
}

func newSourcesCmd(o *options) *cobra.Command {
	return &cobra.Command{
		Use:   "sources",
		Short: "List the source documents with titles, dates and passage counts",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.answer(cmd, func(b *bot.Bot) (*bot.Answer, error) { return b.Sources(cmd.Context()) })
		},
	}
}

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
