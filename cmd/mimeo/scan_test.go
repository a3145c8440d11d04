package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/bench/wire"
)

const sampleNews = "../../testdata/sample/news.jsonl.gz"

func writeFile(t *testing.T, path string, data []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// outputIDs returns the ids of a JSONL output's records, in order; a line
// that is not a record with a string id fails the test.
func outputIDs(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) == 0 {
		return nil
	}
	var ids []string
	for n, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		var r struct {
			ID *string `json:"id"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil || r.ID == nil {
			t.Fatalf("%s:%d: not a record with an id (%v): %.80s", path, n+1, err, line)
		}
		ids = append(ids, *r.ID)
	}
	return ids
}

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// story returns a JSONL record of a long text; copies share the text.
func story(id string, n int, extra string) string {
	var words []string
	for i := range 120 {
		words = append(words, fmt.Sprintf("word%d_%d", n, i))
	}
	text := strings.Join(words, " ") + extra
	b, _ := json.Marshal(map[string]string{"id": id, "text": text})
	return string(b) + "\n"
}

func TestScanBadInput(t *testing.T) {
	dir := t.TempDir()
	good := story("a", 1, "") + story("b", 1, " copy") + story("c", 2, "")
	files := map[string]string{
		"malformed.jsonl":   good + "{not json\n" + story("d", 3, ""),
		"notext.jsonl":      `{"id": "x", "body": "no text field"}` + "\n" + good,
		"invalidutf8.jsonl": "{\"id\": \"u\", \"text\": \"caf\xe9 au lait\"}\n" + good,
		"empty.jsonl":       `{"id": "e", "text": "   "}` + "\n" + good,
		"binary.jsonl":      "\x00\x01\x02garbage\xff\xfe\n" + good,
		"huge.jsonl":        `{"id": "h", "text": "` + strings.Repeat("x", 3<<20) + `"}` + "\n" + good,
	}
	for name, content := range files {
		writeFile(t, filepath.Join(dir, name), []byte(content))
	}
	truncated := gz(t, []byte(good+good))
	writeFile(t, filepath.Join(dir, "trunc.jsonl.gz"), truncated[:len(truncated)/2])
	emptyDir := filepath.Join(dir, "nothing")
	os.MkdirAll(emptyDir, 0o755)
	writeFile(t, filepath.Join(emptyDir, "notes.md"), []byte("not an input"))

	tests := []struct {
		name    string
		args    []string
		code    int
		stderr  []string
		skipped string // expected in the summary
	}{
		{"missing path", []string{filepath.Join(dir, "missing.jsonl")}, 1, []string{"missing.jsonl"}, ""},
		{"no inputs in directory", []string{emptyDir}, 1, []string{"nothing", "no input files"}, ""},
		{"malformed JSON", []string{filepath.Join(dir, "malformed.jsonl")}, 0, []string{"malformed.jsonl:4", "malformed JSON"}, "1 malformed JSON"},
		{"missing text field", []string{filepath.Join(dir, "notext.jsonl")}, 0, []string{"notext.jsonl:1", "missing text"}, "1 missing text"},
		{"invalid UTF-8", []string{"--encoding", "utf-8", filepath.Join(dir, "invalidutf8.jsonl")}, 0, []string{"invalidutf8.jsonl:1", "invalid UTF-8"}, "1 invalid UTF-8"},
		{"latin-1 read", []string{filepath.Join(dir, "invalidutf8.jsonl")}, 0, nil, "1 not UTF-8, decoded as windows-1252"},
		{"empty document", []string{filepath.Join(dir, "empty.jsonl")}, 0, []string{"empty.jsonl:1", "empty"}, "1 empty"},
		{"binary garbage", []string{filepath.Join(dir, "binary.jsonl")}, 0, []string{"binary.jsonl:1", "binary data"}, "1 binary data"},
		{"huge line", []string{"--max-record", "1000000", filepath.Join(dir, "huge.jsonl")}, 0, []string{"huge.jsonl:1", "too large"}, "1 record too large"},
		{"truncated gzip", []string{filepath.Join(dir, "trunc.jsonl.gz")}, 1, []string{"trunc.jsonl.gz", "could not be read to the end"}, ""},
		{"strict stops at a bad record", []string{"--strict", filepath.Join(dir, "malformed.jsonl")}, 1, []string{"malformed.jsonl:4"}, ""},
		{"bad threshold", []string{"--threshold", "2", filepath.Join(dir, "malformed.jsonl")}, 2, []string{"--threshold"}, ""},
		{"bad format", []string{"--format", "xml", filepath.Join(dir, "malformed.jsonl")}, 2, []string{"--format"}, ""},
		{"bad bands", []string{"--bands", "100x10", filepath.Join(dir, "malformed.jsonl")}, 2, []string{"--bands"}, ""},
		{"no inputs", nil, 2, []string{"no inputs"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.jsonl")
			res := runCLI(t, "", append([]string{"scan", "-o", out}, tc.args...)...)
			if res.code != tc.code {
				t.Errorf("exit %d, want %d\nstderr: %s", res.code, tc.code, res.stderr)
			}
			for _, s := range tc.stderr {
				if !strings.Contains(res.stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, res.stderr)
				}
			}
			if tc.skipped != "" && !strings.Contains(res.stderr, tc.skipped) {
				t.Errorf("summary lacks %q:\n%s", tc.skipped, res.stderr)
			}
			_, err := os.Stat(out)
			switch {
			case tc.code == 0 && err != nil:
				t.Errorf("output not written: %v", err)
			case tc.code != 0 && tc.name != "truncated gzip" && err == nil:
				t.Error("a failed run left an output file")
			}
			// No temporary files are left behind.
			if m, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*tmp*")); len(m) > 0 {
				t.Errorf("temporary files left: %v", m)
			}
			if tc.code == 0 {
				// The good records still cluster: a and b are copies.
				data, _ := os.ReadFile(out)
				if !strings.Contains(string(data), `"keep"`) {
					t.Errorf("no cluster found in %s", data)
				}
			}
		})
	}
}

func TestScanDeterministic(t *testing.T) {
	// The sample split into three files: the output must not depend on -j
	// or on the order of the inputs on the command line.
	raw := readGz(t, sampleNews)
	lines := strings.SplitAfter(strings.TrimSuffix(raw, "\n"), "\n")
	dir := t.TempDir()
	var parts []string
	for i := range 3 {
		p := filepath.Join(dir, fmt.Sprintf("part%d.jsonl", i))
		var b strings.Builder
		for j := i; j < len(lines); j += 3 {
			b.WriteString(lines[j])
			if !strings.HasSuffix(lines[j], "\n") {
				b.WriteString("\n")
			}
		}
		writeFile(t, p, []byte(b.String()))
		parts = append(parts, p)
	}
	var first string
	for _, run := range []struct {
		jobs  string
		order []int
	}{{"1", []int{0, 1, 2}}, {"2", []int{2, 0, 1}}, {"4", []int{1, 2, 0}}, {"0", []int{2, 1, 0}}} {
		args := []string{"scan", "-q", "-j", run.jobs}
		for _, i := range run.order {
			args = append(args, parts[i])
		}
		res := runCLI(t, "", args...)
		if res.code != 0 {
			t.Fatalf("-j %s: exit %d: %s", run.jobs, res.code, res.stderr)
		}
		if first == "" {
			first = res.stdout
			if strings.Count(first, "\n") < 10 {
				t.Fatalf("only %d clusters", strings.Count(first, "\n"))
			}
			continue
		}
		if res.stdout != first {
			t.Errorf("-j %s with inputs in order %v: output differs", run.jobs, run.order)
		}
	}
	// A directory argument gives the same as its files.
	if res := runCLI(t, "", "scan", "-q", dir); res.stdout != first {
		t.Error("scanning the directory differs from scanning its files")
	}
	// Without the caches (the inputs read twice, every shingle set in a
	// temporary file) or with little memory for them, and from standard
	// input spooled to the temporary directory, the same clusters; nothing
	// is left in the directory.
	tmp := t.TempDir()
	for _, memory := range []string{"0", "64KiB"} {
		args := append([]string{"scan", "-q", "--memory", memory, "--temp-dir", tmp}, parts...)
		if res := runCLI(t, "", args...); res.code != 0 || res.stdout != first {
			t.Errorf("--memory %s: exit %d, output the same %v: %s", memory, res.code, res.stdout == first, res.stderr)
		}
	}
	var all strings.Builder
	for _, p := range parts {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	if res := runCLI(t, all.String(), "scan", "-q", "--memory", "0", "--temp-dir", tmp, "-"); res.code != 0 || strings.Count(res.stdout, "\n") != strings.Count(first, "\n") {
		t.Errorf("standard input with --memory 0: exit %d, %d clusters, want %d: %s", res.code, strings.Count(res.stdout, "\n"), strings.Count(first, "\n"), res.stderr)
	}
	if left, err := os.ReadDir(tmp); err != nil || len(left) > 0 {
		t.Errorf("left in --temp-dir: %v (%v)", left, err)
	}
	for _, bad := range [][]string{{"--memory", "-1"}, {"--temp-dir", filepath.Join(tmp, "missing")}, {"--temp-dir", parts[0]}} {
		if res := runCLI(t, "", append(append([]string{"scan", "-q"}, bad...), parts[0])...); res.code != 2 {
			t.Errorf("scan %v: exit %d, want 2 (%s)", bad, res.code, res.stderr)
		}
	}
}

func readGz(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.ReadFrom(r)
	return b.String()
}

func TestScanOutputs(t *testing.T) {
	dir := t.TempDir()
	dedup := filepath.Join(dir, "dedup.jsonl")
	res := runCLI(t, "", "scan", "-o", filepath.Join(dir, "c.jsonl"), "--dedup-output", dedup, sampleNews)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	clusters, _ := os.ReadFile(filepath.Join(dir, "c.jsonl"))
	var dups []string
	total := 0
	for _, line := range strings.Split(strings.TrimSpace(string(clusters)), "\n") {
		var c clusterOut
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("bad cluster line %q: %v", line, err)
		}
		if c.Size != len(c.Members) || c.Size < 2 {
			t.Errorf("cluster %d: size %d with %d members", c.Cluster, c.Size, len(c.Members))
		}
		keeps := 0
		for _, m := range c.Members {
			total++
			if m.ID == c.Keep {
				keeps++
				if m.Similarity != 1 || m.Containment != 1 {
					t.Errorf("kept member with similarity %v", m.Similarity)
				}
			} else if !m.Adds {
				dups = append(dups, m.ID)
			}
			if !strings.HasPrefix(m.Source, sampleNews+":") {
				t.Errorf("source %q", m.Source)
			}
		}
		if keeps != 1 {
			t.Errorf("cluster %d keeps %d members", c.Cluster, keeps)
		}
	}
	// Every input record is in the dedup output or listed as a duplicate.
	input := strings.Split(strings.TrimSpace(readGz(t, sampleNews)), "\n")
	kept, _ := os.ReadFile(dedup)
	keptLines := strings.Split(strings.TrimSpace(string(kept)), "\n")
	if len(keptLines)+len(dups) != len(input) {
		t.Errorf("%d kept + %d duplicates != %d records", len(keptLines), len(dups), len(input))
	}
	for _, l := range keptLines {
		if !slices.Contains(input, l) {
			t.Fatalf("dedup output line not in the input: %.80s", l)
		}
		var rec struct{ ID string }
		json.Unmarshal([]byte(l), &rec)
		if slices.Contains(dups, rec.ID) {
			t.Errorf("duplicate %s written to the dedup output", rec.ID)
		}
	}
	if !strings.Contains(res.stderr, "duplicates") || !strings.Contains(res.stderr, fmt.Sprintf("dedup output: %d documents kept", len(keptLines))) {
		t.Errorf("summary: %s", res.stderr)
	}

	// Pairs, TSV and text formats, and stdin.
	raw := readGz(t, sampleNews)
	for _, args := range [][]string{
		{"--pairs"}, {"--format", "tsv"}, {"--format", "text"}, {"--pairs", "--format", "tsv"}, {"--keep", "longest"}, {"--keep", "first"},
	} {
		res := runCLI(t, raw, append(append([]string{"scan", "-q"}, args...), "-")...)
		if res.code != 0 || len(res.stdout) < 100 {
			t.Errorf("%v on stdin: exit %d, %d bytes: %s", args, res.code, len(res.stdout), res.stderr)
		}
		if strings.Contains(res.stdout, "-:") != true && !slices.Contains(args, "text") {
			t.Errorf("%v: sources should name stdin as '-'", args)
		}
	}
	// stdin read twice (boilerplate pass and dedup output) through a spool.
	res = runCLI(t, raw, "scan", "-q", "--dedup-output", filepath.Join(dir, "d2.jsonl"), "-")
	if res.code != 0 {
		t.Fatalf("stdin with dedup output: exit %d: %s", res.code, res.stderr)
	}
	if d2, _ := os.ReadFile(filepath.Join(dir, "d2.jsonl")); string(d2) != string(kept) {
		t.Error("dedup output from stdin differs from the file's")
	}
}

func TestEvalSample(t *testing.T) {
	res := runCLI(t, "", "eval", "--json", "--truth", "../../testdata/sample/news.truth.jsonl", sampleNews)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	var rep evalReport
	if err := json.Unmarshal([]byte(res.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Precision < 0.95 || rep.Recall < 0.85 || rep.Negatives == 0 || len(rep.Kinds) < 5 {
		t.Errorf("sample scores %+v", rep)
	}
	if r := runCLI(t, "", "eval", sampleNews); r.code != 2 {
		t.Errorf("eval without --truth: exit %d", r.code)
	}
}

// TestScanHugeLine: a line of more than 64 MiB (the default limit) is
// skipped with a message naming it, and the records around it are kept.
func TestScanHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 100 MB file")
	}
	path := filepath.Join(t.TempDir(), "huge.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(story("a", 1, ""))
	f.WriteString(`{"id": "huge", "text": "`)
	chunk := bytes.Repeat([]byte("lorem ipsum "), 1<<16)
	for written := 0; written < 100<<20; written += len(chunk) {
		f.Write(chunk)
	}
	f.WriteString("\"}\n")
	f.WriteString(story("b", 1, " copy"))
	f.Close()
	res := runCLI(t, "", "scan", "-j", "2", path)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if !strings.Contains(res.stderr, "huge.jsonl:2") || !strings.Contains(res.stderr, "1 record too large") {
		t.Errorf("stderr: %s", res.stderr)
	}
	if !strings.Contains(res.stdout, `"keep"`) || !strings.Contains(res.stdout, "huge.jsonl:3") {
		t.Errorf("the records around the huge line were not clustered: %s", res.stdout)
	}
}

// TestScanRepeatedIDs: when ids repeat, a cluster line still says which
// member is kept, by its source.
func TestScanRepeatedIDs(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, filepath.Join(dir, "a.jsonl"), []byte(story("same", 1, "")+story("x", 2, "")))
	b := writeFile(t, filepath.Join(dir, "b.jsonl"), []byte(story("same", 1, " and a copy")+story("same", 3, "")))
	res := runCLI(t, "", "scan", "-q", "--keep", "first", a, b)
	if res.code != 0 {
		t.Fatal(res.stderr)
	}
	var cl clusterOut
	if err := json.Unmarshal([]byte(strings.TrimSpace(res.stdout)), &cl); err != nil {
		t.Fatalf("%v: %s", err, res.stdout)
	}
	if cl.Keep != "same" || cl.KeepSource != a+":1" || len(cl.Members) != 2 ||
		cl.Members[0].Source != a+":1" || cl.Members[1].Source != b+":1" {
		t.Errorf("cluster %+v", cl)
	}
}

// TestScanUnreadableOnce: an input that yields no record is reported once,
// with or without the boilerplate pass, from a file or standard input.
func TestScanUnreadableOnce(t *testing.T) {
	bad := "\x1f\x8b\x08\x00garbage"
	p := writeFile(t, filepath.Join(t.TempDir(), "bad.jsonl.gz"), []byte(bad))
	for _, args := range [][]string{{p}, {"--boilerplate", "off", p}, {"-"}} {
		res := runCLI(t, bad, append([]string{"scan"}, args...)...)
		checkCLI(t, res, 1, nil, []string{"1 input could not be read"}, nil)
		if n := strings.Count(res.stderr, "unreadable:"); n != 1 {
			t.Errorf("%v: reported %d times:\n%s", args, n, res.stderr)
		}
	}
}

// TestClustersHoldTogether: every member of every cluster matches the kept
// member — its reported similarity or one of its containments reaches the
// threshold — whatever --keep chooses, on corpora of spam-site pages (with
// and without URLs, half undated) and of the wire benchmark.
func TestClustersHoldTogether(t *testing.T) {
	dir := t.TempDir()
	var inputs []string
	for i, c := range []*wire.Corpus{
		wire.GenerateSpam(wire.SpamConfig{Stories: 150, Seed: 3, NoURLs: true, UndatedRate: 0.5}),
		wire.GenerateSpam(wire.SpamConfig{Stories: 150, Seed: 4, SiteListLines: 30, ShortStories: 0.6}),
		wire.Generate(wire.Config{Stories: 60, Seed: 5}),
	} {
		inputs = append(inputs, writeDocs(t, filepath.Join(dir, fmt.Sprintf("c%d.jsonl", i)), c, c.Docs))
	}
	for _, in := range inputs {
		for _, keep := range []string{"earliest", "first", "longest"} {
			res := runCLI(t, "", "scan", "-q", "--keep", keep, in)
			if res.code != 0 {
				t.Fatal(res.stderr)
			}
			n := 0
			for _, line := range strings.Split(strings.TrimSpace(res.stdout), "\n") {
				var cl clusterOut
				if err := json.Unmarshal([]byte(line), &cl); err != nil {
					t.Fatal(err)
				}
				for _, m := range cl.Members {
					n++
					if m.Similarity < 0.3-5e-4 && m.Containment < 0.45-5e-4 && m.Contained < 0.45-5e-4 {
						t.Errorf("%s --keep %s: cluster %d: %s does not match the kept %s: %+v", filepath.Base(in), keep, cl.Cluster, m.ID, cl.Keep, m)
					}
				}
			}
			if n < 50 {
				t.Errorf("%s: only %d clustered documents", in, n)
			}
		}
	}
}

// TestScanEmptyInputs: an input without any record (an empty file, one of
// blank lines, an empty gzip stream) is reported once by name, with the
// boilerplate pass reading it twice or not, and counted in the summary.
func TestScanEmptyInputs(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, filepath.Join(dir, "good.jsonl"), []byte(story("a", 1, "")+story("b", 1, " copy")))
	empty := writeFile(t, filepath.Join(dir, "empty.jsonl"), nil)
	blank := writeFile(t, filepath.Join(dir, "blank.jsonl"), []byte("\n\n  \n"))
	gzEmpty := writeFile(t, filepath.Join(dir, "empty.jsonl.gz"), gz(t, nil))
	for _, bp := range []string{"on", "off"} {
		res := runCLI(t, "", "scan", "--boilerplate", bp, "-o", filepath.Join(dir, "out.jsonl"), empty, good, blank, gzEmpty)
		if res.code != 0 {
			t.Fatalf("--boilerplate %s: exit %d: %s", bp, res.code, res.stderr)
		}
		for _, p := range []string{empty, blank, gzEmpty} {
			if n := strings.Count(res.stderr, p+": no records"); n != 1 {
				t.Errorf("--boilerplate %s: %s reported %d times:\n%s", bp, p, n, res.stderr)
			}
		}
		if !strings.Contains(res.stderr, "3 inputs without records") {
			t.Errorf("--boilerplate %s: the summary does not count them:\n%s", bp, res.stderr)
		}
	}
	// -q drops the summary, not the warnings.
	bad := writeFile(t, filepath.Join(dir, "bad.jsonl"), []byte("{not json\n"+story("c", 2, "")))
	res := runCLI(t, "", "scan", "-q", "-o", filepath.Join(dir, "out.jsonl"), empty, bad, good)
	if res.code != 0 || !strings.Contains(res.stderr, empty+": no records") || !strings.Contains(res.stderr, "bad.jsonl:1") || strings.Contains(res.stderr, "mimeo scan:") {
		t.Errorf("-q: exit %d, stderr:\n%s\nwant the two warnings and no summary", res.code, res.stderr)
	}
}
