package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/knowledge"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// options are the flags every command shares.
type options struct {
	json      bool
	corpus    string
	knowledge string
	scoring   string
	logFormat string
	indexDir  string
	// db names the feedback store (dbGiven: on the command line, "" for
	// none); retention is how long it keeps answers.
	db        string
	dbGiven   bool
	retention time.Duration
	// transport, when set, carries the bot's requests to Discord (tests
	// point it at a stand-in).
	transport http.RoundTripper
	getenv    func(string) string
	// panicHook, when set, is told of every panic recovered while running
	// (tests set one that fails them).
	panicHook discord.PanicHook
	stdin     io.Reader
	stdout    io.Writer
	stderr    io.Writer
	// terminal reports whether w is a terminal and, if so, its width;
	// nil asks the operating system.
	terminal func(w io.Writer) (width int, ok bool)
	// started is set once the command line has parsed and a command
	// begins to run: an error before that is a mistake in the command line.
	started bool
}

// jsonError is an error in the JSON contract.
type jsonError struct {
	Command string `json:"command"`
	Error   string `json:"error"`
	// Exit is the exit status: 2 for a mistake in the request, 1 for
	// anything else.
	Exit int `json:"exit"`
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// errCheckFailed marks a check that found problems (already printed).
var errCheckFailed = errors.New("check failed")

// run is the whole program behind main, callable from tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runEnv(ctx, args, os.Getenv, stdout, stderr)
}

// runEnv is run with the environment given, for tests.
func runEnv(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return runOptions(ctx, args, &options{stdin: os.Stdin, stdout: stdout, stderr: stderr, getenv: getenv})
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
	out := &countingWriter{w: o.stdout}
	o.stdout = out
	root := newRoot(o)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	defer func() {
		// A script reading --json reads the error there too, unless
		// the command had printed its answer (a failed check's report).
		if err != nil && o.json && out.n == 0 && cmd != nil && cmd.Annotations[jsonAnnotation] != "" {
			msg := oneLine(err)
			if o.secret() != "" {
				msg = o.redact(msg)
			}
			_ = writeJSON(out, jsonError{Command: subcommand(cmd), Error: msg, Exit: exitCode(err)})
		}
	}()
	defer func() {
		// A container health check exits 1 on every failure, a bad
		// option included: Docker reserves exit code 2.
		if err != nil && cmd != nil && cmd.Name() == "healthcheck" {
			err = healthFailure{err}
		}
	}()
	if err != nil && !o.started {
		// Cobra's own errors (an unknown command or flag, extra
		// arguments) come before any command runs.
		var typed string
		if _, e := fmt.Sscanf(err.Error(), "unknown command %q for", &typed); e == nil {
			if s := suggest(root, typed); len(s) > 0 {
				err = fmt.Errorf("%w; did you mean %s?", err, strings.Join(s, " or "))
			}
		}
		err = usageError{err}
	}
	return o.advise(err)
}

// advise adds what to do to an error about the --index folder.
func (o *options) advise(err error) error {
	switch {
	case o.indexDir == "":
	case errors.Is(err, index.ErrDamaged):
		return fmt.Errorf("%w; rebuild it with: dossier index build --force --out %s", err, o.indexDir)
	case errors.Is(err, index.ErrNotIndex):
		// Never advise --force here: the folder may hold the user's own
		// files.
		return fmt.Errorf("%w; build an index in a new folder with: dossier index build --out NEWDIR", err)
	}
	return err
}

func newRoot(o *options) *cobra.Command {
	root := &cobra.Command{
		Use:   "dossier",
		Short: "Cited answers about the June 2021 US strikes on Iran-backed militias",
		Long: "Dossier answers questions about the 27 June 2021 US airstrikes on Iran-backed militias\n" +
			"on the Iraq–Syria border, the reactions, the militia attacks before and after, and the\n" +
			"earlier US strikes of 2019–2021 — always with cited snippets from its sources.\n\n" +
			"dossier COMMAND --help explains each command's inputs (dates, events, names and their\n" +
			"aliases). Give - as the words, an option's text (--quote -) or eval's FILE to read them\n" +
			"from standard input. On a terminal, matched words are bold and lines wrap to its width;\n" +
			"NO_COLOR=1 turns the emphasis off, and piped output is plain.\n\n" +
			"Exit status: 0 answered (a reply that the sources do not cover it included), 2 a mistake\n" +
			"in the command line or the request, 1 anything else.",
		Version:            bot.Build().String(),
		SilenceUsage:       true,
		SilenceErrors:      true,
		DisableSuggestions: true, // suggest's, not cobra's

		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			o.started = true
			return o.validate(cmd)
		},
	}
	root.SetVersionTemplate("dossier {{.Version}}\n")
	root.SetOut(o.stdout)
	root.SetErr(o.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{plainFlagError(err)} })
	pf := root.PersistentFlags()
	pf.BoolVar(&o.json, "json", false, "print the answer as JSON")
	pf.StringVar(&o.corpus, "corpus", "", "folder of .txt documents to use instead of the embedded seeds")
	pf.StringVar(&o.knowledge, "knowledge", "", "folder of knowledge YAML to use instead of the embedded files")
	pf.StringVar(&o.indexDir, "index", "", "open this folder's index (dossier index build); rebuilt if out of date")
	pf.StringVar(&o.logFormat, "log-format", "text", "log format for the bot modes: text or json")
	_ = root.RegisterFlagCompletionFunc("log-format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	pf.StringVar(&o.scoring, "scoring", index.BM25, "ranking model: bm25 or tfidf")
	_ = pf.MarkHidden("scoring")
	root.SetHelpCommand(newHelpCmd(root))
	// One command table for both: building it reads the summary topics.
	table := bot.Commands()
	root.AddCommand(newAnswerCmds(o, table)...)
	root.AddCommand(newCheckCmd(o), newBotCmd(o), newServeCmd(o), newRegisterCmd(o), newIndexCmd(o), newBenchCmd(o), newHealthcheckCmd(), newEvalCmd(o),
		newReviewCmd(o, table), newFeedbackCmd(o))
	root.InitDefaultCompletionCmd()
	groupCommands(root)
	noFileCompletion(root)
	return root
}

// suggest returns the subcommands of c a mistyped word may have meant:
// one letter off (two for a word of six letters or more, a swap of two
// counting as one), or the start of the name. Cobra's own guesses allow
// two letters off however short the word, so "foo" was taken for "bot".
func suggest(c *cobra.Command, typed string) []string {
	typed = strings.ToLower(typed)
	allowed := 1
	if len(typed) >= 6 {
		allowed = 2
	}
	var out []string
	for _, sub := range c.Commands() {
		if !sub.IsAvailableCommand() {
			continue
		}
		name := sub.Name()
		if knowledge.Distance(typed, name, allowed) <= allowed || len(typed) >= 3 && strings.HasPrefix(name, typed) {
			out = append(out, name)
		}
	}
	return out
}

// groupCommands makes each command that only groups others (completion,
// feedback, index) refuse a word that names none of them, with exit status
// 2 and what it does name, as the root does; cobra prints their help and
// exits 0, so "completion tcsh" looked like success.
func groupCommands(c *cobra.Command) {
	for _, sub := range c.Commands() {
		groupCommands(sub)
	}
	if c == c.Root() || !c.HasSubCommands() || c.Runnable() {
		return
	}
	c.Args = cobra.ArbitraryArgs
	c.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return cmd.Help()
		}
		msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
		// Few commands and short names: several near ones ("tcsh":
		// bash, fish, zsh) are no guess.
		if s := suggest(cmd, args[0]); len(s) == 1 {
			return usageError{fmt.Errorf("%s; did you mean %s?", msg, s[0])}
		}
		var names []string
		for _, sub := range cmd.Commands() {
			if sub.IsAvailableCommand() {
				names = append(names, sub.Name())
			}
		}
		return usageError{fmt.Errorf("%s; its commands are %s", msg, strings.Join(names, ", "))}
	}
}

// newHelpCmd replaces cobra's help command, which answers an unknown topic
// with the usage and exit status 0, by one that makes it a usage error.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		ValidArgsFunction: func(_ *cobra.Command, args []string, typed string) ([]cobra.Completion, cobra.ShellCompDirective) {
			cmd, _, err := root.Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, c := range cmd.Commands() {
				if c.IsAvailableCommand() && c.Name() != "help" && strings.HasPrefix(c.Name(), typed) {
					out = append(out, cobra.CompletionWithDesc(c.Name(), c.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			cmd, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				return usageError{fmt.Errorf("no help for %q; dossier help lists the commands", strings.Join(args, " "))}
			}
			cmd.InitDefaultHelpFlag()
			cmd.InitDefaultVersionFlag()
			return cmd.Help()
		},
	}
}

// noFileCompletion walks the command tree so that the shell never offers
// file names where a command takes none: positional words and flags
// complete from the knowledge base or not at all, and only the flags that
// name files (--png, --cpuprofile) or folders complete them.
func noFileCompletion(c *cobra.Command) {
	if c.ValidArgsFunction == nil && len(c.ValidArgs) == 0 {
		c.ValidArgsFunction = cobra.NoFileCompletions
	}
	register := func(f *pflag.Flag) {
		if _, ok := c.GetFlagCompletionFunc(f.Name); ok {
			return
		}
		fn := cobra.NoFileCompletions
		switch f.Name {
		case "png":
			fn = cobra.FixedCompletions([]cobra.Completion{"png"}, cobra.ShellCompDirectiveFilterFileExt)
		case "cpuprofile":
			fn = cobra.FixedCompletions(nil, cobra.ShellCompDirectiveDefault)
		case "out", "corpus", "knowledge", "index":
			fn = dirCompletion
		}
		_ = c.RegisterFlagCompletionFunc(f.Name, fn)
	}
	c.LocalNonPersistentFlags().VisitAll(register)
	c.PersistentFlags().VisitAll(register)
	for _, sub := range c.Commands() {
		noFileCompletion(sub)
	}
}

// jsonAnnotation marks the commands that print JSON with --json.
const jsonAnnotation = "dossier/json"

// dirCompletion completes a flag that names a folder.
func dirCompletion(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveFilterDirs
}

// validate checks the flags every command shares before the command runs.
func (o *options) validate(cmd *cobra.Command) error {
	if o.logFormat != "text" && o.logFormat != "json" {
		return usageError{fmt.Errorf("--log-format %q: use text or json", o.logFormat)}
	}
	if o.json && cmd.Annotations[jsonAnnotation] == "" {
		return usageError{fmt.Errorf("%s has no JSON output; drop --json", subcommand(cmd))}
	}
	for _, d := range []struct{ flag, dir string }{{"--corpus", o.corpus}, {"--knowledge", o.knowledge}, {"--index", o.indexDir}} {
		if d.dir == "" {
			continue
		}
		fi, err := os.Stat(d.dir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if d.flag == "--index" {
				return fmt.Errorf("--index %s: no such folder; build one with: dossier index build --out %s", d.dir, d.dir)
			}
			return fmt.Errorf("%s %s: no such folder", d.flag, d.dir)
		case err != nil:
			return fmt.Errorf("%s %s: %w", d.flag, d.dir, err)
		case !fi.IsDir():
			return fmt.Errorf("%s %s: not a folder", d.flag, d.dir)
		}
	}
	return nil
}

// noArgs refuses positional arguments, saying which command took none.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	// Words typed without their option ("timeline blinken"): name the
	// options that take words.
	var opts []string
	cmd.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
		if f.Value.Type() == "string" && !f.Hidden && f.Name != "png" {
			opts = append(opts, "--"+f.Name)
		}
	})
	msg := fmt.Sprintf("%s takes no arguments; got %q", subcommand(cmd), strings.Join(args, " "))
	switch len(opts) {
	case 0:
	case 1:
		msg += "; give it with " + opts[0]
	default:
		msg += "; give it with " + strings.Join(opts[:len(opts)-1], ", ") + " or " + opts[len(opts)-1]
	}
	return errors.New(msg)
}

// subcommand names a command as typed after "dossier": "index build".
func subcommand(cmd *cobra.Command) string {
	return strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
}

// plainFlagError says plainly what is wrong with a flag value Go could not
// parse, not how it failed ("strconv.ParseInt: parsing …: invalid
// syntax"): not a number, out of range, or not true or false.
func plainFlagError(err error) error {
	msg := err.Error()
	i := strings.Index(msg, ": strconv.Parse")
	if i < 0 {
		return err
	}
	why := msg[i+2:]
	switch {
	case strings.HasPrefix(why, "strconv.ParseBool"):
		return errors.New(msg[:i] + ": want true or false")
	case strings.HasSuffix(why, "value out of range"):
		return errors.New(msg[:i] + ": out of range")
	case strings.HasSuffix(why, "invalid syntax") && strings.HasPrefix(why, "strconv.ParseFloat"):
		return errors.New(msg[:i] + ": not a number")
	case strings.HasSuffix(why, "invalid syntax"):
		return errors.New(msg[:i] + ": not a whole number")
	}
	return err
}

// usageError is a mistake in the command line itself.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

func (e usageError) Unwrap() error { return e.err }

// healthFailure is any failure of healthcheck, which always exits 1.
type healthFailure struct{ err error }

func (e healthFailure) Error() string { return e.err.Error() }

func (e healthFailure) Unwrap() error { return e.err }

func exitCode(err error) int {
	var ue usageError
	var hf healthFailure
	if errors.As(err, &hf) {
		return 1
	}
	if errors.As(err, &ue) || bot.IsInputError(err) {
		return 2
	}
	return 1
}

// oneLine keeps an error to a single line on stderr, folding cobra's
// "Did you mean this?" list into it (`unknown command "sourcs" for
// "dossier"; did you mean sources?`) and any other lines after the first
// (`yaml: unmarshal errors: line 2: cannot unmarshal …; line 3: …`), so
// the reason is never cut off.
func oneLine(err error) string {
	lines := strings.Split(err.Error(), "\n")
	msg := strings.TrimSpace(lines[0])
	var suggestions, rest []string
	for i := 1; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "Did you mean this?" {
			for _, s := range lines[i+1:] {
				if s = strings.TrimSpace(s); s != "" {
					suggestions = append(suggestions, s)
				}
			}
			break
		}
		if l != "" {
			rest = append(rest, l)
		}
	}
	if len(rest) > 0 {
		sep := "; "
		if strings.HasSuffix(msg, ":") {
			sep = " "
		}
		msg += sep + strings.Join(rest, "; ")
	}
	if len(suggestions) > 0 {
		msg += "; did you mean " + strings.Join(suggestions, " or ") + "?"
	}
	return msg
}
