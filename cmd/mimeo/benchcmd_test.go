package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mimeo-dedup/mimeo/bench"
	"github.com/mimeo-dedup/mimeo/bench/wire"
	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/eval"
)

// benchJSON runs mimeo bench --json with args and decodes its report.
func benchJSON(t *testing.T, args ...string) benchReport {
	t.Helper()
	res := runCLI(t, "", append([]string{"bench", "--json"}, args...)...)
	if res.code != 0 {
		t.Fatalf("mimeo bench %v: exit %d: %s", args, res.code, res.stderr)
	}
	var rep benchReport
	if err := json.Unmarshal([]byte(res.stdout), &rep); err != nil {
		t.Fatalf("%v: %s", err, res.stdout)
	}
	return rep
}

// TestBenchGenerated: on a generated corpus, bench's mimeo rows score
// exactly what mimeo eval scores on the same corpus and truth written out,
// and its baseline row what bench.BaselineScan's clusters score, so the
// table reports the implementations, not a scoring of its own.
func TestBenchGenerated(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir()) // the generated corpus goes there
	rep := benchJSON(t, "--stories", "40", "--corpus-seed", "7", "--jobs", "2", "--runs", "3")

	c := wire.Generate(wire.Config{Stories: 40, Seed: 7})
	dir := t.TempDir()
	corpus, truth := filepath.Join(dir, "c.jsonl"), filepath.Join(dir, "t.jsonl")
	writeWith(t, corpus, c.WriteJSONL)
	writeWith(t, truth, c.WriteTruth)
	size := fileSize(t, corpus)

	if rep.Documents != len(c.Docs) || rep.Bytes != size || rep.Runs != 3 {
		t.Fatalf("report: %d documents, %d bytes, %d runs; want %d, %d, 3", rep.Documents, rep.Bytes, rep.Runs, len(c.Docs), size)
	}
	var names []string
	for _, r := range rep.Rows {
		names = append(names, r.Name)
	}
	if got := strings.Join(names, ","); got != "mimeo -j 1,mimeo -j 2,baseline" {
		t.Fatalf("rows %s", got)
	}

	ev := runCLI(t, "", "eval", "--json", "--truth", truth, corpus)
	if ev.code != 0 {
		t.Fatalf("eval: %s", ev.stderr)
	}
	var want evalReport
	if err := json.Unmarshal([]byte(ev.stdout), &want); err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Rows[:2] {
		if !sameReport(r.Scores, want) {
			t.Errorf("%s scores %+v\neval scores %+v", r.Name, r.Scores, want)
		}
		if r.Documents != len(c.Docs) || r.Seconds <= 0 || r.MBPerS <= 0 || r.PeakHeap == 0 {
			t.Errorf("%s: %+v", r.Name, r)
		}
	}
	if want.F1 < 0.9 || len(want.Kinds) < 8 {
		t.Errorf("mimeo on the wire corpus: %+v", want.Scores)
	}

	f, err := os.Open(corpus)
	if err != nil {
		t.Fatal(err)
	}
	base, err := bench.BaselineScan(f, index.DefaultJaccard)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	pred := make(eval.Assignment)
	for i, cl := range base.Clusters {
		for _, m := range cl {
			pred[c.Docs[m].ID] = strconv.Itoa(i)
		}
	}
	b := rep.Rows[2]
	if got := eval.Compare(c.Truth(), pred); got != b.Scores.Scores || b.Documents != len(c.Docs) {
		t.Errorf("baseline row %+v, %d documents\nBaselineScan scores %+v", b.Scores.Scores, b.Documents, got)
	}
	if b.Scores.F1 >= want.F1 {
		t.Errorf("the baseline's F1 %.4f is not below mimeo's %.4f on the wire corpus", b.Scores.F1, want.F1)
	}
	if left, _ := os.ReadDir(os.Getenv("TMPDIR")); len(left) != 0 {
		t.Errorf("bench left %d entries in its temporary directory", len(left))
	}
}

func sameReport(a, b evalReport) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func writeWith(t *testing.T, path string, write func(io.Writer) error) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := write(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// TestBenchLabelled: with --truth and inputs, the baseline reads
// compressed JSONL (its documents named as mimeo names them, so the scores
// line up) and is left out, with the reason, for inputs it cannot read.
func TestBenchLabelled(t *testing.T) {
	rep := benchJSON(t, "--jobs", "1", "--truth", "../../testdata/sample/news.truth.jsonl", sampleNews)
	if len(rep.Rows) != 2 || rep.Rows[0].Name != "mimeo -j 1" || rep.Rows[1].Name != "baseline" || rep.Baseline != "" {
		t.Fatalf("rows %+v (note %q)", rep.Rows, rep.Baseline)
	}
	ev := runCLI(t, "", "eval", "--json", "--truth", "../../testdata/sample/news.truth.jsonl", sampleNews)
	var want evalReport
	if err := json.Unmarshal([]byte(ev.stdout), &want); err != nil {
		t.Fatal(err)
	}
	if !sameReport(rep.Rows[0].Scores, want) {
		t.Errorf("mimeo row %+v\neval %+v", rep.Rows[0].Scores, want)
	}
	if b := rep.Rows[1]; b.Documents != rep.Documents || b.Scores.TruePositives == 0 {
		t.Errorf("baseline on the gzip sample: %+v (mimeo read %d documents)", b, rep.Documents)
	}

	dir := t.TempDir()
	csv := filepath.Join(dir, "docs.csv")
	truth := filepath.Join(dir, "truth.jsonl")
	text := "The council approved the new budget for the harbour district after a long debate on Tuesday night about fees"
	os.WriteFile(csv, []byte("id,text\na,"+text+"\nb,"+text+" again\nc,Something else entirely that shares no five words with the others at all\n"), 0o644)
	os.WriteFile(truth, []byte(`{"id":"a","label":"1"}`+"\n"+`{"id":"b","label":"1"}`+"\n"+`{"id":"c","label":"2"}`+"\n"), 0o644)
	rep = benchJSON(t, "--jobs", "1", "--truth", truth, csv)
	if len(rep.Rows) != 1 || !strings.Contains(rep.Baseline, "JSONL only") {
		t.Fatalf("CSV input: rows %+v, note %q", rep.Rows, rep.Baseline)
	}
	if s := rep.Rows[0].Scores; s.TruePositives != 1 || s.FalsePositives != 0 {
		t.Errorf("CSV input scores %+v", s.Scores)
	}
	out := runCLI(t, "", "bench", "--jobs", "1", "--truth", truth, csv)
	for _, want := range []string{"implementation", "mimeo -j 1", "no baseline row: the baseline reads JSONL only"} {
		if !strings.Contains(out.stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, out.stdout)
		}
	}
}

func TestBenchUsage(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	truth := "../../testdata/sample/news.truth.jsonl"
	for _, args := range [][]string{
		{"--truth", truth}, // no inputs
		{sampleNews},       // no truth
		{"--truth", truth, "--stories", "5", sampleNews}, // generator flag with inputs
		{"--runs", "0"},
		{"--stories", "0"},
		{"--no-urls"}, // without --spam
		{"--truth", truth, "-"},
		{"--keep", "newest"},
		{"--threshold", "2"},
	} {
		if res := runCLI(t, "", append([]string{"bench"}, args...)...); res.code != 2 {
			t.Errorf("bench %v: exit %d, want 2 (%s)", args, res.code, res.stderr)
		}
	}
	if res := runCLI(t, "", "bench", "--truth", filepath.Join(dir, "missing.jsonl"), sampleNews); res.code != 1 || !strings.Contains(res.stderr, "missing.jsonl") {
		t.Errorf("missing truth: exit %d: %s", res.code, res.stderr)
	}
	if res := runCLI(t, "", "bench", "--help"); res.code != 0 || !strings.Contains(res.stdout, "--corpus-seed") {
		t.Errorf("bench --help: exit %d", res.code)
	}
}

// TestMeasurePeakHeap: the sampler sees a large allocation held for a
// while, and not one that never happens.
func TestMeasurePeakHeap(t *testing.T) {
	const size = 64 << 20
	var keep []byte
	_, peak, err := measure(func() error {
		keep = make([]byte, size)
		for i := 0; i < len(keep); i += 4096 {
			keep[i] = 1
		}
		time.Sleep(20 * time.Millisecond)
		return nil
	})
	if err != nil || peak < size*9/10 { // the heap in use before may shrink meanwhile
		t.Errorf("peak %d after holding %d bytes (err %v)", peak, size, err)
	}
	runtime.KeepAlive(keep)
	d, peak, _ := measure(func() error { time.Sleep(20 * time.Millisecond); return nil })
	if peak >= size/4 || d < 20*time.Millisecond {
		t.Errorf("idle run: peak %d, time %v", peak, d)
	}
}
