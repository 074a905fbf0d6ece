//go:build !unix

package pgtest

import (
	"os"
	"os/exec"
	"path/filepath"
)

// runner runs the server's programs as the current user.
type runner struct{}

func runAs() (runner, error) { return runner{}, nil }

func (runner) prepare(dir string) error { return os.Mkdir(filepath.Join(dir, "data"), 0o700) }

func (runner) command(name string, args ...string) *exec.Cmd { return exec.Command(name, args...) }
