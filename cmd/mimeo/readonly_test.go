//go:build linux

package main

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// TestGuaranteeReadOnlyDirectory: an output in a directory the user may
// not write is a clear error naming it (exit 1), and nothing is left
// there. Root may write anywhere, so as root the command runs as nobody
// (the test binary copied where nobody can run it).
func TestGuaranteeReadOnlyDirectory(t *testing.T) {
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o755); err != nil {
		t.Fatal(err)
	}
	in := writeFile(t, filepath.Join(dir, "in.jsonl"), []byte(story("a", 0, "")+story("b", 0, "")))
	os.Chmod(in, 0o644)
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(ro, 0o755)    // so that the test's cleanup may remove it
	w := filepath.Join(dir, "w") // writable by anyone: the other outputs
	os.Mkdir(w, 0o777)
	os.Chmod(w, 0o777)
	for _, args := range [][]string{
		{"scan", "-q", "-o", filepath.Join(ro, "clusters.jsonl"), in},
		{"scan", "-q", "-o", filepath.Join(w, "c.jsonl"), "--dedup-output", filepath.Join(ro, "dedup.jsonl"), in},
		{"index", "build", "-q", "-o", filepath.Join(ro, "idx"), in},
	} {
		code, stderr := runAsUser(t, dir, args...)
		target := args[slices.Index(args, "-o")+1]
		if args[0] == "scan" && strings.Contains(strings.Join(args, " "), "--dedup-output") {
			target = args[len(args)-2]
		}
		if code != 1 || !strings.Contains(stderr, target) || !strings.Contains(stderr, "permission denied") {
			t.Errorf("%v: exit %d, stderr %q; want 1 and a message naming %s", args, code, stderr, target)
		}
		if entries, _ := os.ReadDir(ro); len(entries) != 0 {
			t.Errorf("%v: left %v in the read-only directory", args, entries)
		}
	}
}

// runAsUser runs mimeo with args in dir: in this process when not root,
// else in a child running as nobody.
func runAsUser(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	if os.Geteuid() != 0 {
		res := runCLI(t, "", args...)
		return res.code, res.stderr
	}
	// The directories down to dir and a copy of the test binary must be
	// open to nobody; they are the test's own.
	for d := dir; d != filepath.Dir(d) && strings.HasPrefix(d, os.TempDir()) && d != filepath.Clean(os.TempDir()); d = filepath.Dir(d) {
		os.Chmod(d, 0o755)
	}
	bin := filepath.Join(dir, "mimeo.test")
	if _, err := os.Stat(bin); err != nil {
		copyFile(t, os.Args[0], bin)
	}
	tmp := filepath.Join(dir, "tmp")
	os.MkdirAll(tmp, 0o777)
	os.Chmod(tmp, 0o777)
	cmd := exec.Command(bin)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "MIMEO_TEST_MAIN="+strings.Join(args, "\n"), "TMPDIR="+tmp, "HOME="+tmp)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, stderr.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), stderr.String()
	}
	t.Skipf("cannot run as nobody: %v", err)
	return 0, ""
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}
