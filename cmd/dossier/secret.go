package main

import (
	"log/slog"
	"strings"
)

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
