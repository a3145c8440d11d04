// Package output writes a command's output files without ever destroying
// what it did not create.
//
// A regular file that is new, or that already exists and belongs to the
// writer alone, is written to a temporary file beside it (named
// ".NAME.mimeo-tmp-DIGITS", locked while it is written) and renamed into place
// by Commit, so that a failed run leaves the old content, or nothing.
// Everything else is written through, never replaced:
//   - a device, a FIFO, a process substitution (/dev/fd/N) or a standard
//     stream (/dev/stdout) is opened and written directly;
//   - a symbolic link is followed: its target receives the output, by the
//     same rules;
//   - a regular file with other hard links, or owned by another user (the
//     writer being root), keeps its identity: the output is written to a
//     temporary file and copied into it on Commit.
//
// A temporary file of an earlier run that was killed (its lock is free)
// is removed when the same output is written again. New files get mode
// 0644 less the umask; a replaced file keeps its permissions.
package output

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// Options configure Create.
type Options struct {
	// Stdout receives the output named "-" or "" and the paths that name
	// the standard output itself (/dev/stdout, /dev/fd/1,
	// /proc/self/fd/1). Nil means os.Stdout.
	Stdout io.Writer
	// Inputs are files the output must not be: Create refuses a path
	// that is (or leads to) one of them. "-" is standard input: Stdin.
	Inputs []string
	// Stdin is what the input "-" reads (nil: os.Stdin): an output that
	// is the file it was redirected from is refused.
	Stdin io.Reader
	// Context, if not nil, ends the wait for a FIFO's reader.
	Context context.Context
	// Dirs are directories the output must not be inside, at any depth
	// (an index directory, whose files the output would replace or
	// litter): Create refuses a path whose directory is, or is below,
	// one of them.
	Dirs []string
	// Raw writes the bytes as given whatever the name ends with (the
	// caller compresses: a WARC of one gzip member a record).
	Raw bool
}

// ErrIsInput reports an output that is one of the inputs.
var ErrIsInput = errors.New("the output is one of the inputs")

// ErrInDir reports an output inside one of Options.Dirs.
var ErrInDir = errors.New("the output is inside a directory it must not write")

type mode uint8

const (
	modeStdout mode = iota // the caller's standard output
	modeRename             // a temporary file renamed over the target
	modeCopy               // a temporary file copied into the target
	modeDirect             // the target itself, written through
)

// A File is an output being written. Write through its bufio.Writer,
// then call Commit, or Abort to discard what was written (a deferred Abort
// after Commit does nothing).
type File struct {
	*bufio.Writer
	name    string // as given
	target  string // the file that receives the output
	mode    mode
	tmp     *os.File    // modeRename, modeCopy; locked while open
	tmpPath string      // tmp's name (not tmp.Name(), its first one)
	perm    fs.FileMode // modeRename over an existing file: its permissions
	keep    bool        // perm is set
	direct  *os.File    // modeDirect
	done    bool

	// A compressed output: Writer feeds zw, which writes to raw.
	zw  io.WriteCloser
	raw *bufio.Writer
}

// Name returns the output's name for messages: its path, or "standard
// output".
func (f *File) Name() string {
	if f.mode == modeStdout {
		return "standard output"
	}
	return f.name
}

// Target returns the path of the file that receives the output: the path
// given, or what its symbolic links lead to. "" for standard output.
func (f *File) Target() string { return f.target }

// StdoutPaths are the paths that name the process's own standard output,
// which Create writes to as it writes to "-".
var StdoutPaths = []string{"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"}

var stdoutPaths = func() map[string]bool {
	m := make(map[string]bool)
	for _, p := range StdoutPaths {
		m[p] = true
	}
	return m
}()

// IsStdout reports whether an output path names standard output: "", "-"
// or one of StdoutPaths.
func IsStdout(path string) bool { return path == "" || path == "-" || stdoutPaths[path] }

// maxLinks bounds the symbolic links followed, as the kernel does.
const maxLinks = 40

// Create opens the output named path ("-" or "" for standard output).
// Errors name the path. An output whose path ends in ".gz" or ".zst" is
// compressed with gzip or zstd, unless o.Raw: Write takes the uncompressed
// bytes.
func Create(path string, o Options) (*File, error) {
	f, err := create(path, o)
	if err != nil || IsStdout(path) || o.Raw {
		return f, err
	}
	switch {
	case strings.HasSuffix(path, ".gz"):
		f.raw = f.Writer
		f.zw = gzip.NewWriter(f.raw)
	case strings.HasSuffix(path, ".zst"):
		f.raw = f.Writer
		if f.zw, err = zstd.NewWriter(f.raw, zstd.WithEncoderConcurrency(1)); err != nil {
			f.Abort()
			return nil, fmt.Errorf("cannot write %s: %w", path, err)
		}
	default:
		return f, nil
	}
	f.Writer = bufio.NewWriterSize(f.zw, 1<<16)
	return f, nil
}

func create(path string, o Options) (*File, error) {
	stdout := o.Stdout
	if stdout == nil {
		stdout = os.Stdout
	}
	toStdout := func() (*File, error) {
		// Standard output redirected to a file (> in.jsonl, >>
		// IDX/MANIFEST): the same refusals as for a path.
		if f, ok := stdout.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
				if err := checkInputs("standard output", fi, o); err != nil {
					return nil, err
				}
				if err := checkDirFiles("standard output", fi, o.Dirs); err != nil {
					return nil, err
				}
			}
		}
		return &File{Writer: bufio.NewWriterSize(stdout, 1<<16), name: path, mode: modeStdout}, nil
	}
	if IsStdout(path) {
		return toStdout()
	}
	target, magic, err := resolve(path)
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	if stdoutPaths[target] {
		return toStdout()
	}
	if !magic {
		if err := checkDirs(path, target, o.Dirs); err != nil {
			return nil, err
		}
	}
	fi, err := os.Lstat(target)
	if magic {
		// /proc/self/fd/N, /dev/fd/N: a file, pipe or terminal the
		// process already has; its name cannot be renamed over.
		fi, err = os.Stat(target)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist) && !magic:
		return createTemp(path, target, modeRename, 0o644, false, 0)
	case err != nil:
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := checkInputs(path, fi, o); err != nil {
		return nil, err
	}
	if fi.Mode().IsRegular() {
		// A hard link to one of a protected directory's files, from
		// outside it.
		if err := checkDirFiles(path, fi, o.Dirs); err != nil {
			return nil, err
		}
	}
	switch m := fi.Mode(); {
	case m.IsDir():
		return nil, fmt.Errorf("cannot write %s: is a directory", path)
	case m&fs.ModeSocket != 0:
		return nil, fmt.Errorf("cannot write %s: is a socket", path)
	case m.IsRegular() && !magic:
		if shared(fi) {
			return createTemp(path, target, modeCopy, 0o600, false, 0)
		}
		return createTemp(path, target, modeRename, 0o600, true, m.Perm())
	}
	// A device, a FIFO, or a file reached through /proc or /dev/fd.
	fl := os.O_WRONLY
	if fi.Mode().IsRegular() {
		fl |= os.O_TRUNC
	}
	var d *os.File
	if fi.Mode()&fs.ModeNamedPipe != 0 {
		// Opening a FIFO waits for its reader, which o.Context's end
		// interrupts (SIGINT while nobody reads).
		d, err = openFIFO(o.Context, target)
	} else {
		d, err = os.OpenFile(target, fl, 0)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	return &File{Writer: bufio.NewWriterSize(d, 1<<16), name: path, target: target, mode: modeDirect, direct: d}, nil
}

// resolve follows the symbolic links of path's last element and returns
// the file they lead to; magic reports a path through /proc or /dev/fd,
// whose links the kernel resolves to open files, not names.
func resolve(path string) (target string, magic bool, err error) {
	p := filepath.Clean(path)
	for range maxLinks {
		if strings.HasPrefix(p, "/proc/") || strings.HasPrefix(p, "/dev/fd/") {
			return p, true, nil
		}
		fi, err := os.Lstat(p)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return p, false, nil // a dangling link's target is created
		}
		link, err := os.Readlink(p)
		if err != nil {
			return "", false, err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(p), link)
		}
		p = filepath.Clean(link)
	}
	return "", false, errors.New("too many levels of symbolic links")
}

// checkInputs refuses an output that is one of the inputs, standard input
// ("-") included when it is a file.
func checkInputs(path string, fi fs.FileInfo, o Options) error {
	for _, in := range o.Inputs {
		var ifi fs.FileInfo
		var err error
		switch in {
		case "":
			continue
		case "-":
			stdin, ok := o.Stdin.(*os.File)
			if o.Stdin == nil {
				stdin, ok = os.Stdin, true
			}
			if !ok {
				continue
			}
			ifi, err = stdin.Stat()
			in = "standard input"
		default:
			ifi, err = os.Stat(in)
		}
		if err == nil && os.SameFile(fi, ifi) {
			return fmt.Errorf("cannot write %s: %w (%s); write the output elsewhere", path, ErrIsInput, in)
		}
	}
	return nil
}

// checkDirFiles refuses an output that is one of the files of the
// protected directories under another name (a hard link from outside).
func checkDirFiles(path string, fi fs.FileInfo, dirs []string) error {
	for _, d := range dirs {
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if efi, err := os.Lstat(filepath.Join(d, e.Name())); err == nil && os.SameFile(fi, efi) {
				return fmt.Errorf("cannot write %s: %w (%s is %s)", path, ErrInDir, path, filepath.Join(d, e.Name()))
			}
		}
	}
	return nil
}

// checkDirs refuses an output whose directory is one of dirs or lies
// below one. Directories are compared by identity (os.SameFile), climbing
// from the output's directory with its links resolved, so that another
// spelling of the same directory is refused too.
func checkDirs(path, target string, dirs []string) error {
	var protect []fs.FileInfo
	var names []string
	for _, d := range dirs {
		if d == "" {
			continue
		}
		fi, err := os.Stat(d)
		if err == nil && fi.IsDir() {
			protect, names = append(protect, fi), append(names, d)
			continue
		}
		// A directory yet to be made (scan --index NEW -o NEW/...): by
		// its path.
		ad, err1 := filepath.Abs(d)
		at, err2 := filepath.Abs(target)
		if err1 == nil && err2 == nil && (at == ad || strings.HasPrefix(at, ad+string(filepath.Separator))) {
			return fmt.Errorf("cannot write %s: %w (%s); write the output elsewhere", path, ErrInDir, d)
		}
	}
	if len(protect) == 0 {
		return nil
	}
	dir, err := filepath.Abs(filepath.Dir(target))
	if err != nil {
		return nil
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	for {
		if fi, err := os.Stat(dir); err == nil {
			for i, p := range protect {
				if os.SameFile(fi, p) {
					return fmt.Errorf("cannot write %s: %w (%s); write the output elsewhere", path, ErrInDir, names[i])
				}
			}
		}
		up := filepath.Dir(dir)
		if up == dir {
			return nil
		}
		dir = up
	}
}

// SameFile reports whether two outputs would write the same file: both
// standard output (by name, or through links to one of StdoutPaths, as
// Create writes to it), or one file under two names.
func SameFile(a, b string) bool {
	ta, _, err1 := resolve(a)
	tb, _, err2 := resolve(b)
	stdA := IsStdout(a) || err1 == nil && stdoutPaths[ta]
	stdB := IsStdout(b) || err2 == nil && stdoutPaths[tb]
	if stdA || stdB {
		return stdA && stdB
	}
	if err1 != nil || err2 != nil {
		return false
	}
	if filepath.Clean(ta) == filepath.Clean(tb) {
		return true
	}
	fa, err1 := os.Stat(ta)
	fb, err2 := os.Stat(tb)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

// createTemp creates the temporary file for target in its directory,
// after removing those of killed runs.
//
// A temporary file is never visible under its name unlocked while its
// writer lives: it is created as ".NAME.mimeo-tmp-DIGITS.init", locked, and
// only then linked to ".NAME.mimeo-tmp-DIGITS" (the lock belongs to the file,
// so the new name is locked from its first instant). A later run can
// therefore remove an unlocked ".NAME.mimeo-tmp-DIGITS" at once, however young;
// only an ".init" name, which a writer holds unlocked for the instant
// between its creation and its lock, waits staleAge.
func createTemp(name, target string, m mode, perm fs.FileMode, keep bool, keepPerm fs.FileMode) (*File, error) {
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	removeStale(dir, base)
	prefix := filepath.Join(dir, "."+base+tmpInfix)
	for range 100 {
		p := prefix + strconv.FormatUint(uint64(rand.Uint32()), 10)
		init := p + initSuffix
		// A new file gets perm less the umask; Commit gives a replaced
		// file's permissions to its replacement.
		t, err := os.OpenFile(init, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("cannot write %s: %w", name, err)
		}
		if err := lockFile(t); err != nil {
			t.Close()
			os.Remove(init)
			return nil, fmt.Errorf("cannot write %s: %w", name, err)
		}
		err = os.Link(init, p)
		if errors.Is(err, fs.ErrExist) {
			t.Close()
			os.Remove(init)
			continue
		}
		if err != nil {
			// No hard links here (some file systems): rename, after
			// making sure no file has the name.
			if _, lerr := os.Lstat(p); !errors.Is(lerr, fs.ErrNotExist) {
				t.Close()
				os.Remove(init)
				continue
			}
			err = os.Rename(init, p)
		} else {
			err = os.Remove(init)
		}
		if err != nil {
			t.Close()
			os.Remove(init)
			return nil, fmt.Errorf("cannot write %s: %w", name, err)
		}
		return &File{Writer: bufio.NewWriterSize(t, 1<<16), name: name, target: target, mode: m,
			tmp: t, tmpPath: p, perm: keepPerm, keep: keep}, nil
	}
	return nil, fmt.Errorf("cannot write %s: no free temporary name in %s", name, dir)
}

// tmpInfix joins an output's name and a number in its temporary file's
// name: distinctive, so that someone's ".out.tmp-1" is never taken for
// one (a file of that name is removed only when unlocked, and nothing
// else tells it from a killed run's).
const tmpInfix = ".mimeo-tmp-"

// initSuffix ends the name of a temporary file not yet locked.
const initSuffix = ".init"

// staleAge is how old a temporary file still under its ".init" name must
// be for removeStale to consider it: the instant between its creation and
// its lock is never mistaken for a dead writer.
const staleAge = 10 * time.Second

// removeStale removes the temporary files of base in dir that killed runs
// left: exactly named as createTemp names them, regular files of this
// user, not locked by a live writer, and (under an ".init" name) older
// than staleAge.
func removeStale(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := "." + base + tmpInfix
	for _, e := range entries {
		digits, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		digits, young := strings.CutSuffix(digits, initSuffix)
		if !isDigits(digits) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		fi, err := e.Info()
		if err != nil || !ownedByMe(fi) || young && time.Since(fi.ModTime()) < staleAge {
			continue
		}
		f, err := os.OpenFile(p, os.O_RDWR, 0)
		if err != nil {
			continue
		}
		if unlock, err := tryLock(f); err == nil {
			// Still the file examined, and nobody writes it.
			if cur, err := os.Lstat(p); err == nil && os.SameFile(cur, fi) {
				os.Remove(p)
			}
			unlock()
		}
		f.Close()
	}
}

func isDigits(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Commit writes out what is buffered and puts the output in place.
func (f *File) Commit() error {
	if f.done {
		return errors.New("output: committed twice")
	}
	err := f.Flush()
	if err == nil && f.zw != nil {
		if err = f.zw.Close(); err == nil {
			err = f.raw.Flush()
		}
	}
	if err != nil {
		f.Abort()
		return fmt.Errorf("writing %s: %w", f.Name(), err)
	}
	switch f.mode {
	case modeStdout:
		f.done = true
		return nil
	case modeDirect:
		f.done = true
		if err := f.direct.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", f.name, err)
		}
		return nil
	}
	err = f.commitTemp()
	f.Abort() // removes the temporary file if it is still there
	f.done = true
	if err != nil {
		return fmt.Errorf("writing %s: %w", f.name, err)
	}
	return nil
}

func (f *File) commitTemp() error {
	if err := f.tmp.Sync(); err != nil {
		return err
	}
	cur, err := os.Lstat(f.target)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if exists && !cur.Mode().IsRegular() {
		// Replaced by a link, a device or a FIFO since Create.
		return fmt.Errorf("%s is no longer a regular file; the output was not written", f.target)
	}
	if f.mode == modeRename && exists && shared(cur) {
		f.mode = modeCopy // it gained a link or an owner meanwhile
	}
	if f.mode == modeCopy {
		return f.copyInto()
	}
	err = nil
	switch {
	case f.keep:
		err = f.tmp.Chmod(f.perm)
	case exists: // created meanwhile
		err = f.tmp.Chmod(cur.Mode().Perm())
	}
	if err != nil {
		return err
	}
	name := f.tmpPath
	if err := os.Rename(name, f.target); err != nil {
		return err
	}
	f.tmp.Close()
	f.tmp = nil // renamed: nothing for Abort to remove
	syncDir(filepath.Dir(f.target))
	return nil
}

// copyInto copies the temporary file into the target, which keeps its
// identity (inode, links, owner, permissions).
func (f *File) copyInto() error {
	if _, err := f.tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}
	d, err := os.OpenFile(f.target, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	if _, err := io.Copy(d, f.tmp); err != nil {
		d.Close()
		return err
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return err
	}
	return d.Close()
}

// Abort discards the output: the temporary file is removed; a file
// written through keeps what was written.
func (f *File) Abort() {
	if z, ok := f.zw.(*zstd.Encoder); ok && !f.done {
		z.Reset(io.Discard) // releases its goroutines, writes nothing
		z.Close()
	}
	f.zw = nil
	if f.tmp != nil {
		name := f.tmpPath
		os.Remove(name) // while it is locked: no one else removes it
		f.tmp.Close()   // releases the lock
		f.tmp = nil
	}
	if f.direct != nil && !f.done {
		f.direct.Close()
		f.direct = nil
	}
	f.done = true
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync() // not every system can sync a directory
		d.Close()
	}
}
