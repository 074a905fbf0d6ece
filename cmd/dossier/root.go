package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime/debug"
	"strings"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/index"
	"github.com/spf13/cobra"
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
	// panicHook, when set, is told of every panic recovered while running
	// (tests set one that fails them).
	panicHook discord.PanicHook
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
			// A defect: say so on one line, and leave its stack on stderr
			// for the report.
			stack := debug.Stack()
			fmt.Fprintf(o.stderr, "panic: %v\n\n%s\n", p, stack)
			if o.panicHook != nil {
				o.panicHook("command line", p, stack)
			}
			err = fmt.Errorf("internal error: %v", p)
		}
		if err != nil && o.secret() != "" && strings.Contains(err.Error(), o.secret()) {
			err = errors.New(o.redact(err.Error()))
		}
	}()
	root := newRoot(o)
	root.SetArgs(args)
	return o.advise(root.ExecuteContext(ctx))
}

// advise adds what to do to an error about the --index folder.
func (o *options) advise(err error) error {
	if o.indexDir != "" && (errors.Is(err, index.ErrDamaged) || errors.Is(err, index.ErrNotIndex)) {
		return fmt.Errorf("%w; rebuild it with: dossier index build --out %s", err, o.indexDir)
	}
	return err
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
	root.AddCommand(newAnswerCmds(o)...)
	root.AddCommand(newCheckCmd(o), newBotCmd(o), newServeCmd(o), newRegisterCmd(o), newIndexCmd(o), newBenchCmd(o), newHealthcheckCmd())
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
