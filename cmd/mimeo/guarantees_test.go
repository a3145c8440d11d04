//go:build linux

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/spf13/pflag"

	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/output"
	"github.com/mimeo-dedup/mimeo/internal/scan"
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
	stdoutLink := filepath.Join(dir, "stdout-link") // standard output under a name of its own
	os.Symlink(output.StdoutPaths[0], stdoutLink)

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
		{"standard output twice", []string{"scan", "-q", "--dedup-output", "-", in}, 2, "same file", nil},
		{"standard output twice, once through a link", []string{"scan", "-q", "-o", stdoutLink, "--dedup-output", "-", in}, 2, "same file", nil},
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

// TestGuaranteeOutputOutsideIndex: an output inside the index directory
// the command reads or writes (replacing a segment or the manifest, or
// littering the directory) is refused before anything is written, and the
// index is left as it was.
func TestGuaranteeOutputOutsideIndex(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	writeFile(t, in, []byte(readGz(t, sampleNews)))
	idx := filepath.Join(dir, "idx")
	if res := runCLI(t, "", "index", "build", "-q", "-o", idx, in); res.code != 0 {
		t.Fatalf("index build: %s", res.stderr)
	}
	os.Symlink(idx, filepath.Join(dir, "idx-link"))
	snapshot := func() map[string]string {
		m := make(map[string]string)
		entries, err := os.ReadDir(idx)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			b, _ := os.ReadFile(filepath.Join(idx, e.Name()))
			m[e.Name()] = string(b)
		}
		return m
	}
	before := snapshot()
	var seg string
	for name := range before {
		if strings.HasPrefix(name, "seg-") {
			seg = filepath.Join(idx, name)
		}
	}
	if seg == "" {
		t.Fatalf("no segment in %v", before)
	}
	manifest := filepath.Join(idx, "MANIFEST")
	for _, args := range [][]string{
		{"index", "query", "-q", "-o", seg, idx, in},
		{"index", "query", "-q", "-o", filepath.Join(dir, "idx-link", "matches.jsonl"), idx, in},
		{"scan", "-q", "--index", idx, "-o", manifest, in},
		{"scan", "-q", "--index", idx, "-o", filepath.Join(dir, "c.jsonl"), "--dedup-output", seg, in},
		{"scan", "-q", "--index", filepath.Join(dir, "idx-link"), "-o", filepath.Join(idx, "clusters.jsonl"), in},
	} {
		res := runCLI(t, "", args...)
		checkCLI(t, res, 1, nil, []string{"inside"}, nil)
		after := snapshot()
		if len(after) != len(before) {
			t.Errorf("%v: the index directory now holds %d files, was %d", args, len(after), len(before))
		}
		for name, b := range before {
			if after[name] != b {
				t.Errorf("%v: %s changed", args, name)
			}
		}
	}
	if res := runCLI(t, "", "index", "verify", idx); res.code != 0 {
		t.Errorf("index verify after the refusals: %s", res.stderr)
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

// TestGuaranteeOutputStdout: -o naming standard output (/dev/stdout and
// the like: output.StdoutPaths) is the standard output itself — here the
// test's buffer, so nothing on the machine is opened.
func TestGuaranteeOutputStdout(t *testing.T) {
	for _, name := range append([]string{"-"}, output.StdoutPaths...) {
		res := runCLI(t, "", "scan", "-q", "-o", name, sampleNews)
		if res.code != 0 || !strings.Contains(res.stdout, `"keep"`) {
			t.Fatalf("-o %s: exit %d, stdout %q: %s", name, res.code, res.stdout, res.stderr)
		}
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

// TestGuaranteeDedupReadsWhatTheScanRead: an input changed between the
// scan and the dedup pass — even to content of the same size, line count
// and modification time — fails the dedup output, never fills it with
// records that were not scanned.
func TestGuaranteeDedupReadsWhatTheScanRead(t *testing.T) {
	raw := readGz(t, sampleNews)
	other := strings.ReplaceAll(raw, "the", "teh") // same size and lines
	for _, tc := range []struct {
		name   string
		change func(path string)
	}{
		{"rewritten", func(p string) { os.WriteFile(p, []byte(other), 0o644) }},
		{"rewritten, size and time kept", func(p string) {
			fi, _ := os.Stat(p)
			os.WriteFile(p, []byte(other), 0o644)
			os.Chtimes(p, fi.ModTime(), fi.ModTime())
		}},
		{"replaced by rename", func(p string) {
			q := p + ".new"
			os.WriteFile(q, []byte(other), 0o644)
			os.Rename(q, p)
		}},
		{"truncated", func(p string) { os.Truncate(p, int64(len(raw)/2)) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, filepath.Join(t.TempDir(), "news.jsonl"), []byte(raw))
			var f scanFlags
			fs := pflag.NewFlagSet("scan", pflag.ContinueOnError)
			f.AddFlags(fs)
			cfg, err := f.match.Config()
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Inputs, err = input.Expand([]string{p}); err != nil {
				t.Fatal(err)
			}
			res, err := scan.Run(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			clusters, err := scan.Clusters(res, scan.KeepEarliest)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := writeDedup(context.Background(), io.Discard, cfg, res, clusters); err != nil {
				t.Fatalf("unchanged input: %v", err)
			}
			tc.change(p)
			if _, err := writeDedup(context.Background(), io.Discard, cfg, res, clusters); err == nil || !strings.Contains(err.Error(), "changed since the scan read it") {
				t.Errorf("changed input: %v, want an error", err)
			}
		})
	}
}

// TestGuaranteeStreamInputs: named pipes and process substitutions are
// spooled, as standard input is, when --dedup-output reads the inputs
// again; a stream over --spool-max is an error that leaves no output.
func TestGuaranteeStreamInputs(t *testing.T) {
	raw := readGz(t, sampleNews)
	dir := t.TempDir()
	want := runCLI(t, "", "scan", "-q", "--dedup-output", filepath.Join(dir, "want.jsonl"), sampleNews)
	wantDedup, _ := os.ReadFile(filepath.Join(dir, "want.jsonl"))
	if want.code != 0 || len(wantDedup) == 0 {
		t.Fatalf("reference scan: %s", want.stderr)
	}
	feed := func(w io.WriteCloser) {
		w.Write([]byte(raw))
		w.Close()
	}
	t.Run("named pipe", func(t *testing.T) {
		fifo := filepath.Join(dir, "fifo")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Skip(err)
		}
		go func() {
			if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
				feed(w)
			}
		}()
		out := filepath.Join(dir, "fifo-dedup.jsonl")
		res := runCLI(t, "", "scan", "-q", "--dedup-output", out, fifo)
		got, _ := os.ReadFile(out)
		if res.code != 0 || string(got) != string(wantDedup) {
			t.Errorf("exit %d, dedup output of %d bytes, want %d: %s", res.code, len(got), len(wantDedup), res.stderr)
		}
		if res.stdout != strings.ReplaceAll(want.stdout, sampleNews, fifo) {
			t.Error("clusters differ from the file's")
		}
	})
	t.Run("process substitution", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		p := fmt.Sprintf("/proc/self/fd/%d", r.Fd())
		if _, err := os.Stat(p); err != nil {
			t.Skip(err)
		}
		go feed(w)
		out := filepath.Join(dir, "proc-dedup.jsonl")
		res := runCLI(t, "", "scan", "-q", "--dedup-output", out, p)
		got, _ := os.ReadFile(out)
		if res.code != 0 || string(got) != string(wantDedup) {
			t.Errorf("exit %d, dedup output of %d bytes, want %d: %s", res.code, len(got), len(wantDedup), res.stderr)
		}
	})
	t.Run("over the spool limit", func(t *testing.T) {
		out := filepath.Join(dir, "limited.jsonl")
		res := runCLI(t, raw, "scan", "-q", "--spool-max", "1KiB", "-o", filepath.Join(dir, "c.jsonl"), "--dedup-output", out, "-")
		checkCLI(t, res, 1, nil, []string{"standard input", "spool limit of 1024 bytes"}, nil)
		for _, p := range []string{out, filepath.Join(dir, "c.jsonl")} {
			if _, err := os.Stat(p); err == nil {
				t.Errorf("%s written", p)
			}
		}
	})
}

// TestGuaranteeUnreadableInputs: an input that cannot be read to the end
// (a truncated gzip file) leaves an index as it was — index add and scan
// --index add nothing, so a retry never adds the first records twice, and
// scan --index writes no output — while a scan or a query without an
// index to change writes what the records before the damage give, and
// exits 1.
func TestGuaranteeUnreadableInputs(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, filepath.Join(dir, "in.jsonl"), []byte(story("a", 1, "")+story("b", 2, "")))
	idx := filepath.Join(dir, "idx")
	if res := runCLI(t, "", "index", "build", "-q", "-o", idx, in); res.code != 0 {
		t.Fatalf("index build: %s", res.stderr)
	}
	// Records without ids: named by their place (FILE:LINE), which an add
	// never replaces, so a second add of them would hold them twice.
	var raw strings.Builder
	for i := range 40 {
		var words []string
		for j := range 80 {
			words = append(words, fmt.Sprintf("w%d_%d", i, j))
		}
		fmt.Fprintf(&raw, "{\"text\": %q}\n", strings.Join(words, " "))
	}
	cut := gz(t, []byte(raw.String()))
	trunc := writeFile(t, filepath.Join(dir, "trunc.jsonl.gz"), cut[:len(cut)*2/3])
	docs := indexStats(t, idx).Documents

	for range 3 {
		res := runCLI(t, "", "index", "add", idx, trunc)
		checkCLI(t, res, 1, nil, []string{"trunc.jsonl.gz", "could not be read to the end", "nothing was added"}, nil)
		if got := indexStats(t, idx).Documents; got != docs {
			t.Fatalf("after a failed add the index holds %d documents, was %d", got, docs)
		}
	}

	out := writeFile(t, filepath.Join(dir, "clusters.jsonl"), []byte("earlier run\n"))
	dedup := writeFile(t, filepath.Join(dir, "dedup.jsonl"), []byte("earlier run\n"))
	res := runCLI(t, "", "scan", "--index", idx, "-o", out, "--dedup-output", dedup, in, trunc)
	checkCLI(t, res, 1, nil, []string{"trunc.jsonl.gz", "nothing was added", "no output was written"}, nil)
	if got := indexStats(t, idx).Documents; got != docs {
		t.Errorf("after a failed scan --index the index holds %d documents, was %d", got, docs)
	}
	for _, p := range []string{out, dedup} {
		if b, _ := os.ReadFile(p); string(b) != "earlier run\n" {
			t.Errorf("the failed scan --index replaced %s", p)
		}
	}

	// Without an index, the output is the scan of what could be read.
	res = runCLI(t, "", "scan", "-o", out, "--dedup-output", dedup, in, trunc)
	checkCLI(t, res, 1, nil, []string{"trunc.jsonl.gz", "the records before the problem were used"}, nil)
	if b, _ := os.ReadFile(dedup); strings.Count(string(b), "\n") <= 2 {
		t.Errorf("the scan's dedup output lacks the truncated input's first records: %q", b)
	}
	q := filepath.Join(dir, "q.jsonl")
	res = runCLI(t, "", "index", "query", "-o", q, idx, trunc)
	checkCLI(t, res, 1, nil, []string{"trunc.jsonl.gz", "the records before the problem were used"}, nil)
	if b, _ := os.ReadFile(q); strings.Count(string(b), "\n") == 0 {
		t.Error("the query wrote nothing for the records read")
	}
}

// TestGuaranteeOutputsShareDevice: several outputs may name one device (a
// null device made in the test's directory), which stays a device; two
// outputs on one regular file are refused.
func TestGuaranteeOutputsShareDevice(t *testing.T) {
	dir := t.TempDir()
	null := mkdev(t, dir, "null", 3)
	in := writeFile(t, filepath.Join(dir, "in.jsonl"), []byte(story("a", 0, "")+story("b", 0, "")))
	summary := filepath.Join(dir, "summary.json")
	res := runCLI(t, "", "scan", "-q", "-o", null, "--assign", null, "--summary-json", summary, in)
	checkCLI(t, res, 0, nil, nil, nil)
	if !isCharDevice(t, null) {
		t.Errorf("%s is no longer a device", null)
	}
	if _, err := os.Stat(summary); err != nil {
		t.Errorf("the summary beside the device outputs was not written: %v", err)
	}
}
