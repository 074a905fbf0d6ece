// Command dossier answers questions about the June 2021 US strikes on
// Iran-backed militias, and the events around them, with cited snippets
// from its sources.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "dossier:", oneLine(err))
		os.Exit(exitCode(err))
	}
}
