//go:build unix

package pgtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// runner runs the server's programs: as the current user, or, when that is
// root (whom PostgreSQL refuses), as the postgres user the package creates.
type runner struct {
	cred *syscall.Credential
}

func runAs() (runner, error) {
	if os.Geteuid() != 0 {
		return runner{}, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return runner{}, errors.New("PostgreSQL refuses to run as root and there is no postgres user to run it as (the postgresql package creates one)")
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err1 != nil || err2 != nil {
		return runner{}, fmt.Errorf("postgres user has ids %q:%q", u.Uid, u.Gid)
	}
	return runner{cred: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}, nil
}

// prepare makes dir/data a directory the server's user owns, and lets that
// user reach it through the test's temporary directories.
func (r runner) prepare(dir string) error {
	data := filepath.Join(dir, "data")
	if err := os.Mkdir(data, 0o700); err != nil {
		return err
	}
	if r.cred == nil {
		return nil
	}
	tmp := filepath.Clean(os.TempDir())
	for d := dir; d != tmp && strings.HasPrefix(d, tmp+string(filepath.Separator)); d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil {
			return err
		}
		if err := os.Chmod(d, fi.Mode().Perm()|0o005); err != nil {
			return err
		}
	}
	return os.Chown(data, int(r.cred.Uid), int(r.cred.Gid))
}

func (r runner) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	cmd.Dir = "/"
	cmd.SysProcAttr = &syscall.SysProcAttr{}
	if r.cred != nil {
		cmd.SysProcAttr.Credential = r.cred
	}
	orphanProof(cmd.SysProcAttr)
	return cmd
}
