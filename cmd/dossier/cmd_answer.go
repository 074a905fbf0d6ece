package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/dossier/dossier/bot"
)

// wordsAnnotation names, on a command derived from the table, the option
// its positional words fill.
const wordsAnnotation = "dossier/words"

// newAnswerCmds returns a command for each entry of the command table the
// command line offers.
func newAnswerCmds(o *options, table []bot.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, c := range table {
		if !c.DiscordOnly {
			out = append(out, newAnswerCmd(o, c))
		}
	}
	return out
}

// newAnswerCmd derives a command from its table entry: an option marked
// Words is taken from the positional words, every other option is a flag,
// and a command that draws charts takes --png.
func newAnswerCmd(o *options, c bot.Command) *cobra.Command {
	cmd := &cobra.Command{Use: c.Name, Short: c.Description, Example: c.Example, Args: noArgs, Annotations: map[string]string{jsonAnnotation: "yes"}}
	if c.Help != "" {
		width := o.outputStyle().width
		if width == 0 || width > defaultWidth {
			width = defaultWidth
		}
		cmd.Long = wrap(c.Description+".\n\n"+c.Help, width)
	}
	f := cmd.Flags()
	words := ""
	for _, opt := range c.Options {
		if opt.Words {
			words = opt.Name
			cmd.Use += " " + wordsUsage(opt)
			cmd.Args = cobra.ArbitraryArgs
			cmd.Annotations[wordsAnnotation] = opt.Name
			cmd.ValidArgsFunction = o.completer(opt)
			continue
		}
		addFlag(f, opt)
		_ = cmd.RegisterFlagCompletionFunc(opt.Name, o.completer(opt))
	}
	var png string
	if c.Chart != nil {
		f.StringVar(&png, "png", "", "also draw the answer as a PNG chart to this file")
	}
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		in := bot.Input{}
		if words != "" && len(args) > 0 {
			in[words] = strings.Join(args, " ")
			if len(args) > 1 && args[0] == "-" {
				return usageError{fmt.Errorf("give - alone to read the %s from standard input, or the words without -", words)}
			}
			if len(args) == 1 && args[0] == "-" {
				text, err := o.readStdin()
				if err != nil {
					return err
				}
				in[words] = text
			}
		}
		stdinBy := "" // what standard input was read for
		if in[words] != "" && len(args) == 1 && args[0] == "-" {
			stdinBy = "the " + words
		}
		for _, opt := range c.Options {
			if !opt.Words && f.Changed(opt.Name) {
				in[opt.Name] = f.Lookup(opt.Name).Value.String()
				if in[opt.Name] != "-" {
					continue
				}
				// "--quote -": the option's words from standard input,
				// as the command's own words are read.
				if stdinBy != "" {
					return usageError{fmt.Errorf("standard input can be read once: for %s or for --%s, not both", stdinBy, opt.Name)}
				}
				text, err := o.readStdin()
				if err != nil {
					return err
				}
				in[opt.Name], stdinBy = text, "--"+opt.Name
			}
		}
		b, err := o.open(cmd.Context())
		if err != nil {
			return err
		}
		defer b.Close()
		if o.corpus != "" && o.knowledge == "" && c.Facts {
			// The curated facts cite the seeds, not the corpus given.
			fmt.Fprintf(o.stderr, "dossier: %s answers from the curated facts, which cite the embedded seeds, not --corpus %s\n", c.Name, o.corpus)
		}
		a, err := c.Run(cmd.Context(), b, in)
		if err != nil {
			return err
		}
		if png != "" {
			draw := func() ([]byte, error) { return c.Chart(cmd.Context(), b, in) }
			if a.NotCovered {
				draw = func() ([]byte, error) { return nil, fmt.Errorf("%w: nothing matches", bot.ErrNothingToDraw) }
			}
			if err := writeChart(cmd.ErrOrStderr(), png, draw); err != nil {
				return err
			}
		}
		return o.print(a)
	}
	return cmd
}

// maxStdin bounds what a command reads from standard input: far more than
// any option takes, so an overlong text gets the command's own "too long"
// message.
const maxStdin = 64 << 10

// readStdin reads the words of a command given as "-".
func (o *options) readStdin() (string, error) {
	if o.stdin == nil {
		return "", nil
	}
	if f, ok := o.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintln(o.stderr, "dossier: reading the words from standard input; end with Ctrl-D")
	}
	data, err := io.ReadAll(io.LimitReader(o.stdin, maxStdin+1))
	if err != nil {
		return "", fmt.Errorf("read standard input: %w", err)
	}
	if len(data) > maxStdin {
		// Its length is not known: the rest is not read.
		return "", usageError{fmt.Errorf("standard input holds more than %d KB, far more than any command takes", maxStdin>>10)}
	}
	return string(data), nil
}

// wordsUsage shows the positional words in the usage line: QUESTION... or
// [SPEAKER...].
func wordsUsage(opt bot.Option) string {
	s := strings.ToUpper(opt.Name) + "..."
	if !opt.Required {
		s = "[" + s + "]"
	}
	return s
}

// addFlag adds the flag for an option, typed as the option is.
func addFlag(f *pflag.FlagSet, opt bot.Option) {
	usage := opt.Description
	if len(opt.Choices) > 0 {
		usage += " (one of " + strings.Join(opt.Choices, ", ") + ")"
	}
	switch opt.Type {
	case bot.Integer:
		n, _ := strconv.Atoi(opt.Default)
		f.IntP(opt.Name, opt.Short, n, usage)
	case bot.Boolean:
		f.BoolP(opt.Name, opt.Short, opt.Default == "true", usage)
	default:
		f.StringP(opt.Name, opt.Short, opt.Default, usage)
	}
}

// completer completes an option's value in the shell: from its choices, or
// from the command layer's suggestions.
func (o *options) completer(opt bot.Option) cobra.CompletionFunc {
	return func(cmd *cobra.Command, _ []string, typed string) ([]cobra.Completion, cobra.ShellCompDirective) {
		switch {
		case len(opt.Choices) > 0:
			return opt.Choices, cobra.ShellCompDirectiveNoFileComp
		case opt.Suggest == bot.NoSuggestions:
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		b, err := o.open(cmd.Context())
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		defer b.Close()
		var out []cobra.Completion
		choices := b.Suggest(opt.Suggest, typed)
		// A shell puts the value in place of what was typed: when some
		// values have a word that starts so ("Bl": Antony Blinken), only
		// they, not those found by an alias ("Fatah bloc"); else what
		// was found as a slip or by a word of its event ("bink",
		// "Soleimani").
		starts := func(c bot.Choice) bool { return wordStarts(c.Value, typed) || wordStarts(c.Name, typed) }
		if slices.ContainsFunc(choices, starts) {
			choices = slices.DeleteFunc(choices, func(c bot.Choice) bool { return !starts(c) })
		}
		for _, s := range choices {
			if s.Name != s.Value {
				out = append(out, cobra.CompletionWithDesc(s.Value, s.Name))
			} else {
				out = append(out, s.Value)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// wordStarts reports whether a word of value starts with typed, case
// aside; anything starts with nothing typed.
func wordStarts(value, typed string) bool {
	typed = strings.ToLower(strings.TrimSpace(typed))
	if typed == "" {
		return true
	}
	v := strings.ToLower(value)
	if strings.HasPrefix(v, typed) {
		return true
	}
	for i := 0; i < len(v); i++ {
		if (v[i] == ' ' || v[i] == '-') && strings.HasPrefix(v[i+1:], typed) {
			return true
		}
	}
	return false
}

// writeChart draws a chart and writes it to path. When there is nothing
// to draw it writes no file and says so on stderr: the answer still stands.
func writeChart(stderr io.Writer, path string, draw func() ([]byte, error)) error {
	img, err := draw()
	if errors.Is(err, bot.ErrNothingToDraw) {
		fmt.Fprintf(stderr, "dossier: %s not written: %v\n", path, err)
		return nil
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, img, 0o644); err != nil {
		return fmt.Errorf("write chart: %w", err)
	}
	return nil
}
