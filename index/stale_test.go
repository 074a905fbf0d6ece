package index

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// helperEnv names the variable that turns the test binary into a helper
// process that builds an index and stops mid-build, to be killed.
const helperEnv = "DOSSIER_INDEX_HELPER"

func TestMain(m *testing.M) {
	if path := os.Getenv(helperEnv); path != "" {
		if err := buildAndHang(path); err != nil {
			fmt.Fprintln(os.Stderr, "helper:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// buildAndHang builds the seeds into path and, once the first batch of
// passages is written, says so on stdout and waits to be killed.
func buildAndHang(path string) error {
	docs, err := seeds.Load(seeds.Embedded())
	if err != nil {
		return err
	}
	kb, err := knowledge.Load(knowledge.Embedded(), docs)
	if err != nil {
		return err
	}
	_, err = Build(context.Background(), docs, kb, Options{Path: path, Progress: func(done, total int) {
		fmt.Println("indexed", done, "of", total)
		select {} // mid-build until killed
	}})
	return err
}

// workFolders lists the build and set-aside folders beside the index at
// path.
func workFolders(t *testing.T, path string) []string {
	t.Helper()
	parent, base := filepath.Split(path)
	var all []string
	for _, kind := range []string{buildingKind, oldKind} {
		m, err := filepath.Glob(filepath.Join(parent, "."+base+"."+kind+"-*"))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, m...)
	}
	slices.Sort(all)
	return all
}

// TestKilledBuildCleanedUp starts a real process building an index beside
// one that serves and kills it with SIGKILL mid-build. While the builder
// lives, another build and Open leave its folder alone; once it is dead,
// the next build removes the folder, and Open removes what a process
// killed while installing left. Folders that are not Dossier's, or that a
// builder has made but not yet claimed, are never removed.
func TestKilledBuildCleanedUp(t *testing.T) {
	docs, kb := seedsAndKB(t)
	parent := t.TempDir()
	dir := filepath.Join(parent, "ix")
	buildDisk(t, dir)

	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	defer func() {
		if !killed {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()
	lines := bufio.NewScanner(out)
	if !lines.Scan() {
		t.Fatalf("the helper ended before it indexed anything: %v", lines.Err())
	}
	t.Logf("helper: %s", lines.Text())
	building := workFolders(t, dir)
	if len(building) != 1 {
		t.Fatalf("work folders beside the index while the helper builds: %v, want its one", building)
	}

	// Not Dossier's, and made but not yet claimed: never removed.
	foreign := filepath.Join(parent, ".ix.building-mine")
	os.MkdirAll(filepath.Join(foreign, "store"), 0o755)
	unclaimed := filepath.Join(parent, ".ix.building-new")
	os.MkdirAll(unclaimed, 0o755)
	os.WriteFile(filepath.Join(unclaimed, lockName), nil, 0o644)
	keep := []string{foreign, unclaimed}

	// The builder is alive: neither a build nor Open takes its folder.
	ix, err := Build(t.Context(), docs, kb, Options{Path: dir})
	if err != nil {
		t.Fatalf("Build beside a live build: %v", err)
	}
	searchWorks(t, "index built beside a live build", ix)
	ix.Close()
	ix, err = Open(dir, kb)
	if err != nil {
		t.Fatalf("Open beside a live build: %v", err)
	}
	ix.Close()
	if got, want := workFolders(t, dir), append(slices.Clone(building), keep...); !equalSorted(got, want) {
		t.Fatalf("work folders beside the index with the builder alive: %v, want %v", got, want)
	}

	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no chance to clean up
		t.Fatal(err)
	}
	cmd.Wait()
	killed = true
	if _, err := os.Stat(building[0]); err != nil {
		t.Fatalf("the killed build's folder: %v, want it left behind", err)
	}

	// A process killed while installing left the previous index aside.
	aside, unlock, err := workDir(dir, oldKind)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(aside, "ix", "store"), 0o755)
	unlock() // as the death of its process would

	ix, err = Build(t.Context(), docs, kb, Options{Path: dir})
	if err != nil {
		t.Fatalf("Build after the builder was killed: %v", err)
	}
	searchWorks(t, "index built after a killed build", ix)
	ix.Close()
	if got := workFolders(t, dir); !equalSorted(got, keep) {
		t.Errorf("work folders after the next build: %v, want only %v (the killed build's and the set-aside folder removed)", got, keep)
	}

	// Open cleans up too.
	aside, unlock, err = workDir(dir, oldKind)
	if err != nil {
		t.Fatal(err)
	}
	unlock()
	ix, err = Open(dir, kb)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if _, err := os.Stat(aside); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a stale set-aside folder after Open: %v, want it removed", err)
	}
	if got := workFolders(t, dir); !equalSorted(got, keep) {
		t.Errorf("work folders after Open: %v, want %v", got, keep)
	}
}

// TestStaleNeedsReleasedLock: a folder whose lock this process holds is
// not stale, and becomes stale once released.
func TestStaleNeedsReleasedLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	work, unlock, err := workDir(dir, buildingKind)
	if err != nil {
		t.Fatal(err)
	}
	owner, _ := os.ReadFile(filepath.Join(work, lockName))
	if want := strconv.Itoa(os.Getpid()) + "\n"; string(owner) != want {
		t.Errorf("lock file holds %q, want the process id %q", owner, want)
	}
	if removed, err := cleanStale(dir); len(removed) != 0 || err != nil {
		t.Errorf("cleanStale with the lock held = %v, %v; want nothing removed", removed, err)
	}
	unlock()
	if removed, err := cleanStale(dir); len(removed) != 1 || removed[0] != work || err != nil {
		t.Errorf("cleanStale after release = %v, %v; want [%s]", removed, err, work)
	}
}

func equalSorted(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
