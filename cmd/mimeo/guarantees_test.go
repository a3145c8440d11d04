//go:build linux

package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// These tests back the README's "Guarantees": what mimeo promises about
// its outputs, its inputs and an index directory. Every node and link they
// use is made inside a temporary directory, never on the system's own /dev.

// mkdev makes a character device like /dev/null (minor 3) or /dev/full
// (minor 7) in dir, or skips the test where that is not allowed.
func mkdev(t *testing.T, dir, name string, minor int) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|minor); err != nil {
		t.Skipf("mknod: %v (needs root)", err)
	}
	return p
}

func isCharDevice(t *testing.T, p string) bool {
	t.Helper()
	fi, err := os.Lstat(p)
	return err == nil && fi.Mode()&fs.ModeCharDevice != 0
}

// TestGuaranteeOutputsSpecialFiles: an output naming a device, a FIFO or a
// link is written through it, never replaced; an output that is an input
// is refused before anything is written.
func TestGuaranteeOutputsSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	null := mkdev(t, dir, "null", 3)
	null2 := mkdev(t, dir, "null2", 3)
	full := mkdev(t, dir, "full", 7)
	in := filepath.Join(dir, "in.jsonl")
	raw := readGz(t, sampleNews)
	writeFile(t, in, []byte(raw))
	target := filepath.Join(dir, "target.jsonl")
	link := filepath.Join(dir, "link.jsonl")
	os.Symlink("target.jsonl", link)
	inLink := filepath.Join(dir, "in-link.jsonl")
	os.Symlink(in, inLink)

	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
		check  func(t *testing.T)
	}{
		{"scan -o device", []string{"scan", "-q", "-o", null, in}, 0, "", func(t *testing.T) {
			if !isCharDevice(t, null) {
				t.Error("the device was replaced")
			}
		}},
		{"scan --dedup-output device", []string{"scan", "-q", "-o", null, "--dedup-output", null2, in}, 0, "", func(t *testing.T) {
			if !isCharDevice(t, null2) {
				t.Error("the device was replaced")
			}
		}},
		{"scan -o full device", []string{"scan", "-q", "-o", full, in}, 1, "no space left on device", func(t *testing.T) {
			if !isCharDevice(t, full) {
				t.Error("the full device was replaced")
			}
		}},
		{"index query -o device", []string{"index", "query", "-q", "-o", null, filepath.Join(dir, "idx"), in}, 0, "", func(t *testing.T) {
			if !isCharDevice(t, null) {
				t.Error("the device was replaced")
			}
		}},
		{"scan -o symlink", []string{"scan", "-q", "-o", link, in}, 0, "", func(t *testing.T) {
			if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
				t.Error("the link was replaced")
			}
			if b, err := os.ReadFile(target); err != nil || !strings.Contains(string(b), `"keep"`) {
				t.Errorf("the link's target holds no clusters: %v", err)
			}
		}},
		{"scan -o input", []string{"scan", "-q", "-o", in, in}, 1, "one of the inputs", nil},
		{"scan --dedup-output input", []string{"scan", "-q", "-o", null, "--dedup-output", in, in}, 1, "one of the inputs", nil},
		{"scan -o link to input", []string{"scan", "-q", "-o", inLink, in}, 1, "one of the inputs", nil},
		{"scan -o input in a directory", []string{"scan", "-q", "-o", in, dir}, 1, "one of the inputs", nil},
		{"index query -o input", []string{"index", "query", "-q", "-o", in, filepath.Join(dir, "idx"), in}, 1, "one of the inputs", nil},
		{"same output twice", []string{"scan", "-q", "-o", target, "--dedup-output", link, in}, 2, "same file", nil},
	}
	if res := runCLI(t, "", "index", "build", "-q", "-o", filepath.Join(dir, "idx"), in); res.code != 0 {
		t.Fatalf("index build: %s", res.stderr)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := runCLI(t, "", tc.args...)
			checkCLI(t, res, tc.code, nil, []string{tc.stderr}, nil)
			if tc.check != nil {
				tc.check(t)
			}
			if b, _ := os.ReadFile(in); string(b) != raw {
				t.Fatal("the input was changed")
			}
			if m, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(m) > 0 {
				t.Errorf("temporary files left: %v", m)
			}
		})
	}
}

// TestGuaranteeOutputFIFO writes scan's clusters into a FIFO that a reader
// drains, as in mimeo scan -o >(gzip > out.gz).
func TestGuaranteeOutputFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- ""
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	res := runCLI(t, "", "scan", "-q", "-o", fifo, sampleNews)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if s := <-got; !strings.Contains(s, `"keep"`) {
		t.Errorf("the FIFO's reader got no clusters: %q", s)
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Error("the FIFO was replaced")
	}
}

// TestGuaranteeOutputStdout: -o /dev/stdout is the standard output itself.
func TestGuaranteeOutputStdout(t *testing.T) {
	res := runCLI(t, "", "scan", "-q", "-o", "/dev/stdout", sampleNews)
	if res.code != 0 || !strings.Contains(res.stdout, `"keep"`) {
		t.Fatalf("exit %d, stdout %q: %s", res.code, res.stdout, res.stderr)
	}
}

// TestGuaranteeOutputMode: new outputs get 0644 less the umask.
func TestGuaranteeOutputMode(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	out, dedup := filepath.Join(dir, "c.jsonl"), filepath.Join(dir, "d.jsonl")
	if res := runCLI(t, "", "scan", "-q", "-o", out, "--dedup-output", dedup, sampleNews); res.code != 0 {
		t.Fatal(res.stderr)
	}
	for _, p := range []string{out, dedup} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v (%v), want 0644", p, fi.Mode().Perm(), err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
}
