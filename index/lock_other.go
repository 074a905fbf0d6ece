//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package index

import (
	"errors"
	"os"
)

// lockFile reports that file locks are not supported here, so cleanStale
// never takes a build folder for stale: a stale one is left in place
// rather than a live one removed.
func lockFile(f *os.File, wait bool) error {
	if wait {
		return nil
	}
	return errors.New("file locks not supported")
}
