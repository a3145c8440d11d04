//go:build linux

package output

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// write creates the output at path, writes content and commits.
func write(t *testing.T, path, content string, o Options) error {
	t.Helper()
	f, err := Create(path, o)
	if err != nil {
		return err
	}
	defer f.Abort()
	f.WriteString(content)
	return f.Commit()
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// noTemps fails if dir holds a temporary file of Create.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), tmpInfix) {
			t.Errorf("temporary file %s left in %s", e.Name(), dir)
		}
	}
}

func inode(t *testing.T, path string) uint64 {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Ino
}

func currentUmask() fs.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return fs.FileMode(m)
}

func TestNewFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.jsonl")
	if err := write(t, p, "hello\n", Options{}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, p); got != "hello\n" {
		t.Errorf("content %q", got)
	}
	fi, _ := os.Stat(p)
	if want := 0o644 &^ currentUmask(); fi.Mode().Perm() != want {
		t.Errorf("mode %v, want %v (0644 less the umask)", fi.Mode().Perm(), want)
	}
	noTemps(t, dir)
}

func TestUmaskApplies(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	p := filepath.Join(t.TempDir(), "out.txt")
	if err := write(t, p, "x", Options{}); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v under umask 077, want 0600", fi.Mode().Perm())
	}
}

func TestReplaceKeepsMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	os.WriteFile(p, []byte("old"), 0o640)
	os.Chmod(p, 0o640)
	before := inode(t, p)
	if err := write(t, p, "new", Options{}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, p); got != "new" {
		t.Errorf("content %q", got)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want the old file's 0640", fi.Mode().Perm())
	}
	if inode(t, p) == before {
		t.Error("a file of ours was written in place, not replaced atomically")
	}
	noTemps(t, dir)
}

func TestAbortKeepsOld(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	os.WriteFile(p, []byte("old"), 0o644)
	f, err := Create(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("half")
	f.Flush()
	f.Abort()
	if got := read(t, p); got != "old" {
		t.Errorf("content %q after Abort, want the old one", got)
	}
	noTemps(t, dir)
	// A new output aborted leaves nothing.
	q := filepath.Join(dir, "new.txt")
	f, _ = Create(q, Options{})
	f.Abort()
	if _, err := os.Lstat(q); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("aborted new output exists: %v", err)
	}
	noTemps(t, dir)
}

func TestSymlinks(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "real")
	os.Mkdir(sub, 0o755)
	target := filepath.Join(sub, "target.txt")
	os.WriteFile(target, []byte("old"), 0o600)

	t.Run("to a file", func(t *testing.T) {
		link := filepath.Join(dir, "link.txt")
		os.Symlink("real/target.txt", link)
		if err := write(t, link, "through the link", Options{}); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Fatalf("the link was replaced: %v %v", fi.Mode(), err)
		}
		if got := read(t, target); got != "through the link" {
			t.Errorf("target holds %q", got)
		}
		if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o600 {
			t.Errorf("target mode %v, want its own 0600", fi.Mode().Perm())
		}
		noTemps(t, dir)
		noTemps(t, sub)
	})
	t.Run("chain", func(t *testing.T) {
		a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
		os.Symlink(b, a)
		os.Symlink(target, b)
		if err := write(t, a, "chain", Options{}); err != nil {
			t.Fatal(err)
		}
		if got := read(t, target); got != "chain" {
			t.Errorf("target holds %q", got)
		}
	})
	t.Run("dangling", func(t *testing.T) {
		link := filepath.Join(dir, "dangling")
		newTarget := filepath.Join(sub, "created.txt")
		os.Symlink(newTarget, link)
		if err := write(t, link, "created", Options{}); err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
			t.Error("the link was replaced")
		}
		if got := read(t, newTarget); got != "created" {
			t.Errorf("new target holds %q", got)
		}
	})
	t.Run("loop", func(t *testing.T) {
		x, y := filepath.Join(dir, "x"), filepath.Join(dir, "y")
		os.Symlink(y, x)
		os.Symlink(x, y)
		if err := write(t, x, "loop", Options{}); err == nil || !strings.Contains(err.Error(), "symbolic links") {
			t.Errorf("error %v, want too many symbolic links", err)
		}
	})
}

func TestHardLinkKeepsIdentity(t *testing.T) {
	dir := t.TempDir()
	p, q := filepath.Join(dir, "out.txt"), filepath.Join(dir, "other-name.txt")
	os.WriteFile(p, []byte("old"), 0o644)
	os.Link(p, q)
	before := inode(t, p)
	if err := write(t, p, "new content", Options{}); err != nil {
		t.Fatal(err)
	}
	if inode(t, p) != before {
		t.Error("a hard-linked file was replaced by another inode")
	}
	if got := read(t, q); got != "new content" {
		t.Errorf("the other link holds %q", got)
	}
	noTemps(t, dir)
}

func TestOtherOwnerKeepsIdentity(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give a file to another user")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "theirs.txt")
	os.WriteFile(p, []byte("old"), 0o664)
	os.Chmod(p, 0o664)
	if err := os.Chown(p, 12345, 12345); err != nil {
		t.Skip(err)
	}
	before := inode(t, p)
	if err := write(t, p, "new", Options{}); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	st := fi.Sys().(*syscall.Stat_t)
	if st.Ino != before || st.Uid != 12345 || fi.Mode().Perm() != 0o664 {
		t.Errorf("inode %d (was %d), uid %d, mode %v: the file was replaced", st.Ino, before, st.Uid, fi.Mode().Perm())
	}
	if got := read(t, p); got != "new" {
		t.Errorf("content %q", got)
	}
	noTemps(t, dir)
}

// readFIFO opens the FIFO path for reading after a delay and sends what
// it reads (or the error opening it).
func readFIFO(path string, after time.Duration) <-chan string {
	got := make(chan string, 1)
	go func() {
		time.Sleep(after)
		f, err := os.Open(path)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	return got
}

func TestFIFO(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip(err)
	}
	got := readFIFO(p, 0)
	if err := write(t, p, "through the pipe", Options{}); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("reader got %q", s)
	}
	if fi, _ := os.Lstat(p); fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced by %v", fi.Mode())
	}
	noTemps(t, dir)
}

// mknod makes a character device like /dev/null (1, 3) or /dev/full
// (1, 7) in dir; it skips the test where that is not allowed.
func mknod(t *testing.T, dir, name string, minor int) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|minor); err != nil {
		t.Skipf("mknod: %v (needs root)", err)
	}
	return p
}

func TestDevices(t *testing.T) {
	dir := t.TempDir()
	null := mknod(t, dir, "null", 3)
	if err := write(t, null, "discarded", Options{}); err != nil {
		t.Fatalf("writing a null device: %v", err)
	}
	fi, _ := os.Lstat(null)
	if fi.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("the device was replaced by %v", fi.Mode())
	}
	full := mknod(t, dir, "full", 7)
	err := write(t, full, strings.Repeat("x", 1<<17), Options{})
	if err == nil || !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), full) {
		t.Errorf("writing a full device: %v, want ENOSPC naming it", err)
	}
	if fi, _ := os.Lstat(full); fi.Mode()&fs.ModeCharDevice == 0 {
		t.Errorf("the full device was replaced by %v", fi.Mode())
	}
	// A link to a device writes through it too.
	link := filepath.Join(dir, "null-link")
	os.Symlink(null, link)
	if err := write(t, link, "x", Options{}); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(null); fi.Mode()&fs.ModeCharDevice == 0 {
		t.Error("the device behind the link was replaced")
	}
	noTemps(t, dir)
}

func TestStdoutNames(t *testing.T) {
	// The names of standard output are written to Options.Stdout, never
	// opened: a buffer here.
	for _, name := range append([]string{"", "-"}, StdoutPaths...) {
		if !IsStdout(name) {
			t.Errorf("%q is not taken for standard output", name)
		}
		var buf bytes.Buffer
		if err := write(t, name, "to stdout", Options{Stdout: &buf}); err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		if buf.String() != "to stdout" {
			t.Errorf("%q: stdout got %q", name, buf.String())
		}
	}
}

// TestProcessSubstitution writes to /proc/self/fd/N of a pipe, as bash's
// >(cmd) passes /dev/fd/N.
func TestProcessSubstitution(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	p := "/proc/self/fd/" + strconv.Itoa(int(w.Fd()))
	if _, err := os.Stat(p); err != nil {
		t.Skip(err)
	}
	got := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		got <- string(b)
	}()
	if err := write(t, p, "into the pipe", Options{}); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if s := <-got; s != "into the pipe" {
		t.Errorf("pipe got %q", s)
	}
}

func TestRefused(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in, []byte("precious\n"), 0o644)
	link := filepath.Join(dir, "in-link")
	os.Symlink(in, link)
	hard := filepath.Join(dir, "in-hard")
	os.Link(in, hard)
	for _, out := range []string{in, link, hard, dir + "/./in.jsonl"} {
		_, err := Create(out, Options{Inputs: []string{"-", in}})
		if !errors.Is(err, ErrIsInput) || !strings.Contains(err.Error(), out) {
			t.Errorf("output %s: %v, want ErrIsInput naming it", out, err)
		}
	}
	// The input named through a link is recognised too.
	if _, err := Create(in, Options{Inputs: []string{link}}); !errors.Is(err, ErrIsInput) {
		t.Errorf("input named by a link: %v", err)
	}
	if got := read(t, in); got != "precious\n" {
		t.Errorf("input changed to %q", got)
	}
	if _, err := Create(dir, Options{}); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("a directory: %v", err)
	}
	if _, err := Create(filepath.Join(dir, "no/such/dir/out"), Options{}); err == nil {
		t.Error("an output in a missing directory was accepted")
	}
	noTemps(t, dir)
}

func TestSocketRefused(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sock")
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Skip(err)
	}
	defer syscall.Close(fd)
	if err := syscall.Bind(fd, &syscall.SockaddrUnix{Name: p}); err != nil {
		t.Skip(err)
	}
	if _, err := Create(p, Options{}); err == nil || !strings.Contains(err.Error(), "socket") {
		t.Errorf("a socket: %v", err)
	}
	if fi, _ := os.Lstat(p); fi.Mode()&fs.ModeSocket == 0 {
		t.Error("the socket was replaced")
	}
}

// TestReplacedMeanwhile: a target that became a link or a device while the
// output was written is not renamed over.
func TestReplacedMeanwhile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	other := filepath.Join(dir, "other.txt")
	os.WriteFile(other, []byte("someone's"), 0o644)
	f, err := Create(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Abort()
	os.Symlink(other, p)
	f.WriteString("late")
	if err := f.Commit(); err == nil {
		t.Error("Commit renamed over a link made meanwhile")
	}
	if fi, _ := os.Lstat(p); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if got := read(t, other); got != "someone's" {
		t.Errorf("the link's target changed to %q", got)
	}
	noTemps(t, dir)
}

func TestSameFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	link := filepath.Join(dir, "link")
	os.Symlink(p, link)
	if !SameFile(p, link) || !SameFile(p, dir+"/./a.txt") {
		t.Error("the same output under two names not recognised")
	}
	os.WriteFile(p, nil, 0o644)
	if !SameFile(link, p) {
		t.Error("an existing file and a link to it not recognised")
	}
	if SameFile(p, filepath.Join(dir, "b.txt")) || SameFile("-", p) || SameFile(link, "") {
		t.Error("different outputs reported as the same")
	}
	// Standard output under its names, and through a link to one of them
	// (Create writes there too).
	toStdout := filepath.Join(dir, "out")
	os.Symlink(StdoutPaths[0], toStdout)
	for _, pair := range [][2]string{{"-", "-"}, {"", "-"}, {"-", StdoutPaths[1]}, {toStdout, "-"}, {StdoutPaths[2], toStdout}} {
		if !SameFile(pair[0], pair[1]) {
			t.Errorf("%q and %q: standard output both, not recognised", pair[0], pair[1])
		}
	}
}

func TestStaleTemps(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.jsonl")
	old := time.Now().Add(-time.Hour)
	mk := func(name string, age time.Time) string {
		q := filepath.Join(dir, name)
		os.WriteFile(q, []byte("partial"), 0o600)
		os.Chtimes(q, age, age)
		return q
	}
	stale := mk(".out.jsonl.mimeo-tmp-12345", old)
	// Under its final name a temporary file is locked from its first
	// instant: unlocked, it is dead however young (a run killed a moment
	// ago, re-run at once).
	justKilled := mk(".out.jsonl.mimeo-tmp-778", time.Now())
	oldInit := mk(".out.jsonl.mimeo-tmp-31.init", old)
	// Under its ".init" name it may be a live writer's between creation
	// and lock: left alone until staleAge.
	recent := mk(".out.jsonl.mimeo-tmp-777.init", time.Now())
	notOurs := mk(".out.jsonl.mimeo-tmp-abc", old)
	someones := mk(".out.jsonl.tmp-42", old) // someone's, named as temporary files often are
	otherOutput := mk(".other.jsonl.mimeo-tmp-42", old)
	locked := mk(".out.jsonl.mimeo-tmp-999", old)
	lf, _ := os.Open(locked)
	if err := lockFile(lf); err != nil {
		t.Fatal(err)
	}
	defer lf.Close()
	if err := write(t, p, "done", Options{}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{stale, justKilled, oldInit} {
		if _, err := os.Lstat(q); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a killed run's temporary file %s was not removed", filepath.Base(q))
		}
	}
	for _, q := range []string{recent, notOurs, someones, otherOutput, locked} {
		if _, err := os.Lstat(q); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(q), err)
		}
	}
	// A directory or a link with a temporary file's name is left alone.
	d := filepath.Join(dir, ".out.jsonl.mimeo-tmp-555")
	os.Mkdir(d, 0o755)
	l := filepath.Join(dir, ".out.jsonl.mimeo-tmp-556")
	os.Symlink(p, l)
	os.Chtimes(d, old, old)
	if err := write(t, p, "again", Options{}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{d, l, p} {
		if _, err := os.Lstat(q); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(q), err)
		}
	}
}

// TestLiveWriterKept: a second writer of the same output, at once, leaves
// the first one's temporary file alone, and both commit.
func TestLiveWriterKept(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.jsonl")
	a, err := Create(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Abort()
	a.WriteString("first")
	if err := a.Flush(); err != nil {
		t.Fatal(err)
	}
	m, _ := filepath.Glob(filepath.Join(dir, ".out.jsonl.mimeo-tmp-*"))
	if len(m) != 1 || strings.HasSuffix(m[0], initSuffix) {
		t.Fatalf("temporary files %v, want one under its final name", m)
	}
	if err := write(t, p, "second", Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(m[0]); err != nil {
		t.Fatalf("the live writer's temporary file was removed: %v", err)
	}
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, p); got != "first" {
		t.Errorf("content %q, want the last commit's", got)
	}
	noTemps(t, dir)
}

// TestInsideDir: an output inside a protected directory (an index's), at
// any depth and by any spelling, is refused before anything is written.
func TestInsideDir(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	os.MkdirAll(filepath.Join(idx, "sub"), 0o755)
	seg := filepath.Join(idx, "seg-000001.mms")
	os.WriteFile(seg, []byte("segment"), 0o644)
	os.Symlink(idx, filepath.Join(dir, "idx-link"))
	os.Symlink(seg, filepath.Join(dir, "seg-link"))
	for _, out := range []string{seg, filepath.Join(idx, "MANIFEST"), filepath.Join(idx, "sub", "new.jsonl"),
		filepath.Join(dir, "idx-link", "x.jsonl"), filepath.Join(dir, "seg-link"), idx + "/../idx/y"} {
		_, err := Create(out, Options{Dirs: []string{idx}})
		if !errors.Is(err, ErrInDir) || !strings.Contains(err.Error(), out) {
			t.Errorf("output %s: %v, want ErrInDir naming it", out, err)
		}
	}
	if got := read(t, seg); got != "segment" {
		t.Errorf("segment changed to %q", got)
	}
	entries, _ := os.ReadDir(idx)
	if len(entries) != 2 {
		t.Errorf("index directory holds %d entries, want 2", len(entries))
	}
	// Beside the directory is fine.
	if err := write(t, filepath.Join(dir, "idx.jsonl"), "ok", Options{Dirs: []string{idx}}); err != nil {
		t.Errorf("an output beside the directory: %v", err)
	}
}

// TestOtherNamesRefused: an index file reached by a hard link from outside
// its directory, an output inside an index directory yet to be made, and
// standard output or input redirected from or to an input or an index
// file are refused before anything is written.
func TestOtherNamesRefused(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	os.Mkdir(idx, 0o755)
	seg := filepath.Join(idx, "seg-000001.mms")
	os.WriteFile(seg, []byte("segment"), 0o644)
	hard := filepath.Join(dir, "hard-seg")
	if err := os.Link(seg, hard); err != nil {
		t.Skipf("hard links: %v", err)
	}
	if _, err := Create(hard, Options{Dirs: []string{idx}}); !errors.Is(err, ErrInDir) {
		t.Errorf("a hard link to an index file: %v, want ErrInDir", err)
	}
	newIdx := filepath.Join(dir, "new-idx")
	for _, out := range []string{newIdx, filepath.Join(newIdx, "out.jsonl")} {
		if _, err := Create(out, Options{Dirs: []string{newIdx}}); !errors.Is(err, ErrInDir) {
			t.Errorf("%s inside an index to be made: %v, want ErrInDir", out, err)
		}
	}
	in := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in, []byte("precious\n"), 0o644)
	inFile, err := os.OpenFile(in, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer inFile.Close()
	segFile, err := os.OpenFile(seg, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer segFile.Close()
	if _, err := Create("-", Options{Stdout: inFile, Inputs: []string{in}}); !errors.Is(err, ErrIsInput) {
		t.Errorf("standard output redirected to the input: %v, want ErrIsInput", err)
	}
	if _, err := Create("", Options{Stdout: segFile, Dirs: []string{idx}}); !errors.Is(err, ErrInDir) {
		t.Errorf("standard output redirected to an index file: %v, want ErrInDir", err)
	}
	if _, err := Create(in, Options{Stdin: inFile, Inputs: []string{"-"}}); !errors.Is(err, ErrIsInput) {
		t.Errorf("the output is the file standard input reads: %v, want ErrIsInput", err)
	}
	// Standard output that is another file is written.
	other, _ := os.Create(filepath.Join(dir, "other.jsonl"))
	defer other.Close()
	if err := write(t, "-", "ok", Options{Stdout: other, Inputs: []string{in}, Dirs: []string{idx}}); err != nil {
		t.Errorf("standard output to another file: %v", err)
	}
	for p, want := range map[string]string{in: "precious\n", seg: "segment"} {
		if got := read(t, p); got != want {
			t.Errorf("%s changed to %q", p, got)
		}
	}
}

// TestFIFOWaitCancelled: a FIFO nobody reads yet is waited for until the
// context ends (SIGINT), and written once a reader comes.
func TestFIFOWaitCancelled(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := Create(fifo, Options{Context: ctx}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("no reader: %v, want the context's end", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the wait took %v after the context ended", d)
	}
	got := readFIFO(fifo, 50*time.Millisecond)
	if err := write(t, fifo, "through", Options{Context: context.Background()}); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through" {
		t.Errorf("the reader got %q", s)
	}
}

func TestCompressedBySuffix(t *testing.T) {
	dir := t.TempDir()
	content := strings.Repeat("a line of output that compresses\n", 2000)
	for _, name := range []string{"out.jsonl.gz", "out.jsonl.zst", "out.jsonl"} {
		p := filepath.Join(dir, name)
		if err := write(t, p, content, Options{}); err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var r io.Reader = bytes.NewReader(raw)
		switch filepath.Ext(name) {
		case ".gz":
			zr, err := gzip.NewReader(r)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			r = zr
		case ".zst":
			zr, err := zstd.NewReader(r)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			defer zr.Close()
			r = zr
		}
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if string(got) != content {
			t.Errorf("%s: %d bytes back, want %d", name, len(got), len(content))
		}
		if compressed := filepath.Ext(name) != ".jsonl"; compressed && len(raw) >= len(content)/10 {
			t.Errorf("%s: %d bytes for %d: not compressed", name, len(raw), len(content))
		}
	}
	noTemps(t, dir)

	// Aborted: nothing is written, the old content stays.
	p := filepath.Join(dir, "old.zst")
	os.WriteFile(p, []byte("old"), 0o644)
	f, err := Create(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(content)
	f.Abort()
	if got := read(t, p); got != "old" {
		t.Errorf("aborted: %q", got)
	}
	noTemps(t, dir)
}

// TestRawKeepsBytes: with Options.Raw a name ending in .gz or .zst gets
// the bytes as written (its writer compresses them itself).
func TestRawKeepsBytes(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"crawl.warc.gz", "crawl.warc.zst"} {
		p := filepath.Join(dir, name)
		content := "already compressed, or not: the writer knows\n"
		if err := write(t, p, content, Options{Raw: true}); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != content {
			t.Errorf("%s: %q, want the bytes written", name, got)
		}
	}
	noTemps(t, dir)
}
