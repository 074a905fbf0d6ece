// Package seeds holds Dossier's source documents and splits any corpus of
// plain-text articles into citable passages.
//
// The embedded documents are the default corpus. Their file names are the
// citation keys shown to users, so they are stored byte for byte as received.
package seeds

import (
	"embed"
	"io/fs"
)

//go:embed *.txt *.yaml
var embedded embed.FS

// Embedded returns the built-in corpus: the seed documents and their metadata.
func Embedded() fs.FS { return embedded }
