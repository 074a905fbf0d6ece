// Command snapshot writes knowledge/embedded.cache, the embedded knowledge
// base decoded and checked against the embedded seeds, which Dossier reads
// at start instead of decoding the YAML. It runs by go generate in the
// knowledge folder. A snapshot that is already up to date is left as it
// is: gob writes maps in no fixed order, so rewriting it would change its
// bytes without changing what it holds.
package main

import (
	"fmt"
	"os"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "snapshot:", err)
		os.Exit(1)
	}
}

func run() error {
	docs, err := seeds.Load(seeds.Embedded())
	if err != nil {
		return err
	}
	if knowledge.CheckSnapshot(docs) == nil {
		return nil
	}
	raw, err := knowledge.Snapshot(docs)
	if err != nil {
		return err
	}
	return os.WriteFile(knowledge.SnapshotFile, raw, 0o644)
}
