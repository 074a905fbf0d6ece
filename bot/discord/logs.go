package discord

import (
	"bytes"
	"context"
	"fmt"
	stdlog "log"
	"log/slog"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/bwmarrin/discordgo"
)

// discordgo logs through one function kept in a package variable, and
// Bleve and the rest through the standard logger: both are process-wide,
// so what they forward to is too. libLog is where their lines go; the
// variable is set once, and only the logger behind it changes.
var (
	libLog   atomic.Pointer[slog.Logger]
	libRoute sync.Once
)

// RouteLibraryLogs sends what discordgo and the standard logger (Bleve, the
// HTTP server) print to log, so every line goes through the same handler —
// its format and its redaction of the token — instead of straight to
// stderr. The returned function routes them back to where they went
// before.
func RouteLibraryLogs(log *slog.Logger) (restore func()) {
	libRoute.Do(func() { discordgo.Logger = discordgoLog })
	prev := libLog.Swap(log)
	out, flags := stdlog.Writer(), stdlog.Flags()
	stdlog.SetOutput(stdWriter{log})
	stdlog.SetFlags(0)
	return func() {
		libLog.Store(prev)
		stdlog.SetOutput(out)
		stdlog.SetFlags(flags)
	}
}

// discordgoLevels maps discordgo's levels to slog's.
var discordgoLevels = [...]slog.Level{
	discordgo.LogError:         slog.LevelError,
	discordgo.LogWarning:       slog.LevelWarn,
	discordgo.LogInformational: slog.LevelInfo,
	discordgo.LogDebug:         slog.LevelDebug,
}

// discordgoLog is discordgo's Logger: one slog record per message, with
// where in discordgo it came from.
func discordgoLog(level, caller int, format string, a ...any) {
	log := libLog.Load()
	if log == nil {
		return
	}
	lvl := slog.LevelError
	if level >= 0 && level < len(discordgoLevels) {
		lvl = discordgoLevels[level]
	}
	if !log.Enabled(context.Background(), lvl) {
		return
	}
	attrs := []any{"source", "discordgo"}
	if _, file, line, ok := runtime.Caller(caller); ok {
		attrs = append(attrs, "caller", fmt.Sprintf("%s:%d", filepath.Base(file), line))
	}
	log.Log(context.Background(), lvl, fmt.Sprintf(format, a...), attrs...)
}

// stdWriter turns the standard logger's lines into slog records.
type stdWriter struct{ log *slog.Logger }

func (w stdWriter) Write(p []byte) (int, error) {
	for _, line := range bytes.Split(bytes.TrimRight(p, "\n"), []byte("\n")) {
		if len(bytes.TrimSpace(line)) > 0 {
			w.log.Warn(string(line), "source", "library")
		}
	}
	return len(p), nil
}
