package index

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// lockName is the file that marks a folder Dossier works in beside an
// index: a build in progress, or the previous index set aside while a new
// one moves in. The process working in the folder holds a lock on the
// file and has written its process id in it; a folder whose lock nobody
// holds was left by a process that was killed.
const lockName = ".dossier.lock"

// The kinds of work folder beside an index at .../BASE: ".BASE.building-*"
// and ".BASE.old-*".
const (
	buildingKind = "building"
	oldKind      = "old"
)

// workDir makes a new folder beside path, named after path and kind, and
// locks it for this process (see lockName). The folder is removed by
// cleanStale only once unlock has been called or the process has died.
func workDir(path, kind string) (dir string, unlock func(), err error) {
	parent, base := filepath.Split(filepath.Clean(path))
	if parent == "" {
		parent = "."
	}
	dir, err = os.MkdirTemp(parent, "."+base+"."+kind+"-")
	if err != nil {
		return "", nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err == nil {
		// Blocking: a cleaner may hold the lock a moment, finding the
		// file empty; it then leaves the folder alone.
		err = lockFile(f, true)
		if err == nil {
			_, err = f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
		}
		if err != nil {
			f.Close()
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	return dir, func() { f.Close() }, nil
}

// releaseWork removes the lock file of a work folder about to be renamed
// into place; the caller keeps the lock until the rename is done, so a
// cleaner that opened the file before it went cannot take the folder.
func releaseWork(dir string) error {
	if err := os.Remove(filepath.Join(dir, lockName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// cleanStale removes the work folders beside path that processes killed
// during a build or an install left behind, and returns their names. Only
// folders named for path's builds that hold a lock file with a process id
// that no process holds locked are removed: a folder without one
// (another program's, or one whose builder has just made it) or whose
// builder is still working is left alone.
func cleanStale(path string) ([]string, error) {
	parent, base := filepath.Split(filepath.Clean(path))
	if parent == "" {
		parent = "."
	}
	entries, err := os.ReadDir(parent)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("look for stale builds beside %s: %w", path, err)
	}
	var removed []string
	var errs []error
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !(strings.HasPrefix(name, "."+base+"."+buildingKind+"-") || strings.HasPrefix(name, "."+base+"."+oldKind+"-")) {
			continue
		}
		dir := filepath.Join(parent, name)
		stale, err := removeIfStale(dir)
		if err != nil {
			errs = append(errs, err)
		}
		if stale {
			removed = append(removed, dir)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return removed, fmt.Errorf("remove stale builds beside %s: %w", path, err)
	}
	return removed, nil
}

// removeIfStale removes the work folder dir if its lock file names a
// process and no process holds its lock.
func removeIfStale(dir string) (bool, error) {
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR, 0)
	if err != nil {
		return false, nil // no lock file: not known to be Dossier's, or not yet locked
	}
	defer f.Close()
	if err := lockFile(f, false); err != nil {
		return false, nil // held: its builder is alive (or locks are not supported here)
	}
	owner, err := io.ReadAll(io.LimitReader(f, 32))
	if err != nil {
		return false, err
	}
	if _, err := strconv.Atoi(strings.TrimSpace(string(owner))); err != nil {
		return false, nil // made but not yet claimed: its builder may be about to lock it
	}
	if err := os.RemoveAll(dir); err != nil {
		return false, err
	}
	return true, nil
}
