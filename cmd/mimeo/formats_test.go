package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go"
)

// storyText returns a long text of story n; copies share it.
func storyText(n int, extra string) string {
	var words []string
	for i := range 120 {
		words = append(words, fmt.Sprintf("word%d_%d", n, i))
	}
	return strings.Join(words, " ") + extra
}

// csvRows returns a table of stories 0..3 with two copies each of stories
// 0 and 1: ids s0, s0b, s1, s1b, s2, s3.
func csvRows() [][]string {
	return [][]string{
		{"id", "title", "body", "lang"},
		{"s0", "First", storyText(0, ""), "en"},
		{"s0b", "First, again", storyText(0, " with a line, \"quoted\"\nand a newline"), "en"},
		{"s1", "Second", storyText(1, ""), "en"},
		{"s2", "Third", storyText(2, ""), "fr"},
		{"s1b", "Second", storyText(1, " more"), "en"},
		{"s3", "Fourth", storyText(3, ""), "de"},
	}
}

func writeTable(t *testing.T, path string, delim rune, rows [][]string) string {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = delim
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, path, b.Bytes())
}

func readTable(t *testing.T, path string, delim rune) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = delim
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s is not a valid table: %v\n%s", path, err, data)
	}
	return rows
}

// TestScanCSVRoundTrip: CSV and TSV inputs are read by their header, and
// --dedup-output writes a table with the same header and the rows kept as
// they were.
func TestScanCSVRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		ext   string
		delim rune
	}{{"csv", ','}, {"tsv", '\t'}} {
		t.Run(tc.ext, func(t *testing.T) {
			dir := t.TempDir()
			rows := csvRows()
			in := writeTable(t, filepath.Join(dir, "news."+tc.ext), tc.delim, rows)
			out := filepath.Join(dir, "dedup."+tc.ext)
			clusters := parseClusters(t, scanDedup(t, out, "--text-field", "body", in))
			if len(clusters) != 2 {
				t.Fatalf("%d clusters, want 2: %+v", len(clusters), clusters)
			}
			for _, c := range clusters {
				for _, m := range c.Members {
					if !strings.HasPrefix(m.Source, in+":") {
						t.Errorf("member source %q does not name the file and line", m.Source)
					}
				}
			}
			got := readTable(t, out, tc.delim)
			if !slices.Equal(got[0], rows[0]) {
				t.Errorf("header %q, want %q", got[0], rows[0])
			}
			var ids []string
			for _, r := range got[1:] {
				ids = append(ids, r[0])
				want := slices.IndexFunc(rows, func(x []string) bool { return x[0] == r[0] })
				if want < 0 || !slices.Equal(r, rows[want]) {
					t.Errorf("row %q changed on its way out", r)
				}
			}
			// s0b and s1b are copies of s0 and s1 with a few words more.
			if !slices.Equal(ids, []string{"s0", "s1", "s2", "s3"}) {
				t.Errorf("kept %v", ids)
			}
		})
	}
}

// TestScanCSVTitleAndBody: several text columns are joined.
func TestScanCSVTitleAndBody(t *testing.T) {
	dir := t.TempDir()
	in := writeTable(t, filepath.Join(dir, "t.csv"), ',', csvRows())
	res := runCLI(t, "", "scan", "--pairs", "--text-field", "title,body", in)
	checkCLI(t, res, 0, []string{`"a":"s1"`, `"b":"s1b"`}, nil, nil)
}

// TestScanDedupKinds: one deduplicated output holds one kind of record.
func TestScanDedupKinds(t *testing.T) {
	dir := t.TempDir()
	rows := csvRows()
	a := writeTable(t, filepath.Join(dir, "a.csv"), ',', rows)
	other := slices.Clone(rows)
	other[0] = []string{"id", "title", "body", "language"}
	b := writeTable(t, filepath.Join(dir, "b.csv"), ',', other)
	tsv := writeTable(t, filepath.Join(dir, "c.tsv"), '\t', rows)
	j := writeJSONL(t, filepath.Join(dir, "d.jsonl"), map[string]string{"id": "j", "text": storyText(9, "")})
	txt := writeFile(t, filepath.Join(dir, "e.txt"), []byte(storyText(0, "")))
	warc := writeFile(t, filepath.Join(dir, "f.warc"), []byte("WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n"))
	out := filepath.Join(dir, "out")

	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"jsonl and warc", []string{j, warc}, 2, "two kinds, JSONL"},
		{"csv and jsonl", []string{a, j}, 2, "CSV (" + a + ") and JSONL"},
		{"csv and tsv", []string{a, tsv}, 2, "CSV (" + a + ") and TSV"},
		{"two headers", []string{"--text-field", "body", a, b}, 1, "has another header than " + a},
		{"jsonl and text", []string{j, txt}, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(out)
			res := runCLI(t, "", append([]string{"scan", "-q", "-o", filepath.Join(dir, "clusters"), "--dedup-output", out}, tc.args...)...)
			checkCLI(t, res, tc.code, nil, []string{tc.stderr}, nil)
			if _, err := os.Stat(out); (err == nil) != (tc.code == 0) {
				t.Errorf("exit %d, output written: %v", tc.code, err == nil)
			}
		})
	}
}

type pqNews struct {
	ID    string  `parquet:"id"`
	URL   string  `parquet:"url"`
	Text  string  `parquet:"text"`
	Score float64 `parquet:"score"`
	Meta  struct {
		Lang string `parquet:"lang"`
	} `parquet:"meta"`
}

func writeParquetNews(t *testing.T, path string, rows []pqNews) string {
	t.Helper()
	var b bytes.Buffer
	w := parquet.NewGenericWriter[pqNews](&b, parquet.MaxRowsPerRowGroup(2), parquet.KeyValueMetadata("origin", "mimeo test"))
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, path, b.Bytes())
}

func readParquetNews(t *testing.T, path string) ([]pqNews, *parquet.File) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	rows, err := parquet.Read[pqNews](bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return rows, f
}

// TestScanParquetRoundTrip: Parquet is read by column, and --dedup-output
// writes Parquet with the same schema, every column of the rows kept.
func TestScanParquetRoundTrip(t *testing.T) {
	dir := t.TempDir()
	var rows []pqNews
	for i, s := range []int{0, 1, 0, 2, 1, 3, 0} {
		r := pqNews{ID: fmt.Sprintf("p%d", i), URL: fmt.Sprintf("https://s%d.example/x", i), Text: storyText(s, ""), Score: float64(i) / 2}
		r.Meta.Lang = "en"
		rows = append(rows, r)
	}
	rows[4].Text = "" // skipped: empty text
	in := writeParquetNews(t, filepath.Join(dir, "news.parquet"), rows)
	out := filepath.Join(dir, "dedup.parquet")
	clusters := parseClusters(t, scanDedup(t, out, "--text-field", "text", in))
	if len(clusters) != 1 || len(clusters[0].Members) != 3 {
		t.Fatalf("clusters %+v, want one of p0, p2, p6", clusters)
	}
	got, f := readParquetNews(t, out)
	src, _ := readParquetNews(t, in)
	if !parquet.EqualNodes(f.Schema(), parquet.SchemaOf(pqNews{})) {
		t.Errorf("schema %v", f.Schema())
	}
	if v, ok := f.Lookup("origin"); !ok || v != "mimeo test" {
		t.Errorf("key-value metadata lost: %q %v", v, ok)
	}
	var ids []string
	for _, r := range got {
		ids = append(ids, r.ID)
		if i := slices.IndexFunc(src, func(x pqNews) bool { return x.ID == r.ID }); i < 0 || src[i] != r {
			t.Errorf("row %+v changed", r)
		}
	}
	// p0, p2 and p6 are one story: one is kept. p4 was skipped.
	if len(ids) != 4 || !slices.Contains(ids, "p1") || !slices.Contains(ids, "p3") || !slices.Contains(ids, "p5") || slices.Contains(ids, "p4") {
		t.Errorf("kept %v", ids)
	}

	// Two Parquet files of one schema make one output; another schema
	// is an error.
	in2 := writeParquetNews(t, filepath.Join(dir, "more.parquet"), rows[:2])
	out2 := filepath.Join(dir, "two.parquet")
	scanDedup(t, out2, in, in2)
	if got, _ := readParquetNews(t, out2); len(got) != 4 {
		t.Errorf("two inputs: %d rows kept, want 4 (p1 of more.parquet is a copy)", len(got))
	}
	type otherSchema struct {
		Text string `parquet:"text"`
	}
	var b bytes.Buffer
	w := parquet.NewGenericWriter[otherSchema](&b)
	w.Write([]otherSchema{{Text: storyText(7, "")}})
	w.Close()
	in3 := writeFile(t, filepath.Join(dir, "other.parquet"), b.Bytes())
	res := runCLI(t, "", "scan", "-q", "-o", filepath.Join(dir, "c3"), "--dedup-output", filepath.Join(dir, "three.parquet"), in, in3)
	checkCLI(t, res, 1, nil, []string{"has another schema than"}, nil)
}

// TestScanCompressedOutputs: -o and --dedup-output ending in .gz or .zst
// are compressed.
func TestScanCompressedOutputs(t *testing.T) {
	dir := t.TempDir()
	in := writeJSONL(t, filepath.Join(dir, "in.jsonl"),
		map[string]string{"id": "a", "text": storyText(0, "")},
		map[string]string{"id": "b", "text": storyText(0, "")},
		map[string]string{"id": "c", "text": storyText(1, "")})
	res := runCLI(t, "", "scan", "-q", "-o", filepath.Join(dir, "c.jsonl.gz"), "--dedup-output", filepath.Join(dir, "d.jsonl.zst"), in)
	checkCLI(t, res, 0, nil, nil, nil)
	if cs := parseClusters(t, readGz(t, filepath.Join(dir, "c.jsonl.gz"))); len(cs) != 1 {
		t.Errorf("clusters %+v", cs)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "d.jsonl.zst"))
	zr, err := zstd.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(zr); err != nil {
		t.Fatalf("dedup output is not zstd: %v", err)
	}
	if n := strings.Count(b.String(), "\n"); n != 2 {
		t.Errorf("dedup output holds %d lines, want 2:\n%s", n, b.String())
	}
}

// TestScanWrongTextField: a --text-field that no record of an input has is
// an error, not a scan of nothing; directories say what they passed over.
func TestScanWrongTextField(t *testing.T) {
	dir := t.TempDir()
	in := writeJSONL(t, filepath.Join(dir, "docs", "in.jsonl"),
		map[string]string{"id": "a", "body": storyText(0, "")},
		map[string]string{"id": "b", "body": storyText(1, "")})
	writeFile(t, filepath.Join(dir, "docs", "notes.md"), []byte("# notes"))
	writeFile(t, filepath.Join(dir, "docs", "x.pdf"), []byte("%PDF"))
	res := runCLI(t, "", "scan", "-o", filepath.Join(dir, "out"), filepath.Join(dir, "docs"))
	checkCLI(t, res, 1, nil, []string{in + `: none of its 2 records has the text field "text"`, "--text-field",
		"not read in the directories given: 2 files of other kinds (.md 1, .pdf 1)"}, nil)
	res = runCLI(t, "", "scan", "-o", filepath.Join(dir, "out"), "--text-field", "body", in)
	checkCLI(t, res, 0, nil, []string{"2 documents from 1 input,"}, nil)
}

// TestScanTablesInDirectories: a table found in a directory without the
// text column (a file list, labels) is passed over and said; named, it is
// an error. Latin-1 text files are read, with a warning counted.
func TestScanTablesInDirectories(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	writeFile(t, filepath.Join(docs, "a.txt"), []byte(storyText(0, " caf\xe9")))
	writeFile(t, filepath.Join(docs, "b.txt"), []byte(storyText(0, " café")))
	list := writeTable(t, filepath.Join(docs, "files.csv"), ',', [][]string{{"File", "Task"}, {"a.txt", "x"}})
	res := runCLI(t, "", "scan", "-o", filepath.Join(dir, "out"), docs)
	checkCLI(t, res, 0, nil, []string{"1 table in the directories without the text column, passed over: " + list,
		"2 documents from 3 inputs", "1 not UTF-8, decoded as windows-1252", "1 cluster holding 2 documents"}, nil)
	res = runCLI(t, "", "scan", "-o", filepath.Join(dir, "out"), list)
	checkCLI(t, res, 1, nil, []string{`the CSV header has no column "text"`, `its columns: "File", "Task"`}, nil)
	res = runCLI(t, "", "scan", "-o", filepath.Join(dir, "out"), "--encoding", "ebcdic", docs)
	checkCLI(t, res, 2, nil, []string{`--encoding "ebcdic"`}, nil)
}
