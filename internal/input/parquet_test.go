package input

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
)

type pqMeta struct {
	Body  string `parquet:"body"`
	Title string `parquet:"title"`
}

type pqRow struct {
	ID    string    `parquet:"id"`
	Text  *string   `parquet:"text,optional"`
	URL   string    `parquet:"url"`
	Date  time.Time `parquet:"date,timestamp(millisecond)"`
	Epoch int64     `parquet:"epoch"`
	Meta  pqMeta    `parquet:"meta"`
}

// writeParquet writes rows to dir/name in row groups of groupRows.
func writeParquet[T any](t testing.TB, dir, name string, rows []T, groupRows int64) string {
	t.Helper()
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[T](&buf, parquet.MaxRowsPerRowGroup(groupRows), parquet.Compression(&parquet.Zstd))
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, dir, name, buf.Bytes())
}

func strp(s string) *string { return &s }

func pqRows(n int) []pqRow {
	rows := make([]pqRow, n)
	base := time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)
	for i := range rows {
		rows[i] = pqRow{
			ID:    fmt.Sprintf("doc-%03d", i),
			Text:  strp(fmt.Sprintf("story number %d told in plain words", i)),
			URL:   fmt.Sprintf("https://site%d.example/a/%d", i%3, i),
			Date:  base.Add(time.Duration(i) * time.Hour),
			Epoch: int64(1700000000 + i),
			Meta:  pqMeta{Body: fmt.Sprintf("body %d", i), Title: fmt.Sprintf("title %d", i)},
		}
	}
	return rows
}

func TestParquet(t *testing.T) {
	dir := t.TempDir()
	rows := pqRows(200) // several row groups and several batches of parquetBatch
	rows[5].Text = nil
	rows[6].Text = strp("   ")
	rows[7].Text = strp("bad \xff byte")
	rows[8].Text = strp("nul \x00 byte")
	rows[9].ID = ""
	p := writeParquet(t, dir, "a.parquet", rows, 70)

	in, err := Expand([]string{p})
	if err != nil || len(in) != 1 || in[0].Format != Parquet {
		t.Fatalf("Expand: %+v, %v", in, err)
	}
	evs := readAll(t, openFile(t, p, Detect, Options{Encoding: "utf-8"}))
	if len(evs) != len(rows) {
		t.Fatalf("%d events for %d rows", len(evs), len(rows))
	}
	reasons := map[int]Reason{5: ReasonMissingText, 6: ReasonEmptyText, 7: ReasonInvalidUTF8, 8: ReasonBinary}
	for i, ev := range evs {
		line := int64(i + 1)
		if want, ok := reasons[i]; ok {
			re := recordErr(t, ev)
			if re.Reason != want || re.Line != line {
				t.Errorf("row %d: %v at %d, want %v", i, re.Reason, re.Line, want)
			}
			continue
		}
		row := rows[i]
		id := row.ID
		if id == "" {
			id = p + ":" + itoa(line)
		}
		want := event{id: id, url: row.URL, date: row.Date.Format(time.RFC3339Nano), source: p + ":" + itoa(line),
			text: *row.Text, raw: *row.Text, line: line, format: Parquet}
		if ev != want {
			t.Fatalf("row %d:\n got %+v\nwant %+v", i, ev, want)
		}
	}
}

func TestParquetColumns(t *testing.T) {
	dir := t.TempDir()
	rows := pqRows(10)
	rows[3].Meta.Title = ""
	p := writeParquet(t, dir, "b.parquet", rows, 4)
	evs := readAll(t, openFile(t, p, Parquet, Options{
		TextField: "meta.title, meta.body", IDField: "meta.title", DateField: "epoch", URLField: "nope",
	}))
	if len(evs) != len(rows) {
		t.Fatalf("%d events", len(evs))
	}
	for i, ev := range evs {
		r := rows[i]
		text := r.Meta.Title + "\n" + r.Meta.Body
		id := r.Meta.Title
		if r.Meta.Title == "" {
			text, id = r.Meta.Body, p+":"+itoa(int64(i+1))
		}
		if ev.err != nil || ev.text != text || ev.id != id || ev.date != itoa(r.Epoch) || ev.url != "" {
			t.Errorf("row %d: %+v", i, ev)
		}
	}
}

func TestParquetErrors(t *testing.T) {
	dir := t.TempDir()
	good := writeParquet(t, dir, "good.parquet", pqRows(3), 10)
	data, _ := os.ReadFile(good)
	cases := []struct {
		name string
		path string
		opts Options
		want string
	}{
		{"no such column", good, Options{TextField: "body"}, `no column "body" for the text (its columns: "id", "text", "url", "date", "epoch", "meta.body", "meta.title"); name it with --text-field`},
		{"not strings", good, Options{TextField: "epoch"}, `the text column "epoch" holds INT64 values`},
		{"not parquet", writeFile(t, dir, "x.parquet", []byte("id,text\n1,a\n")), Options{}, "not a Parquet file: it does not start with PAR1"},
		{"compressed", writeFile(t, dir, "y.parquet", gzipBytes(t, data)), Options{}, "gzip-compressed"},
		{"truncated", writeFile(t, dir, "z.parquet", data[:len(data)-9]), Options{}, "not a readable Parquet file"},
		{"empty", writeFile(t, dir, "e.parquet", nil), Options{}, "not a Parquet file"},
	}
	for _, c := range cases {
		evs := readAll(t, openFile(t, c.path, Parquet, c.opts))
		if len(evs) != 1 || evs[0].err == nil || !strings.Contains(evs[0].err.Error(), c.want) || !strings.Contains(evs[0].err.Error(), c.path) {
			t.Errorf("%s: %+v, want one error naming the file with %q", c.name, evs, c.want)
			continue
		}
		var re *RecordError
		if errors.As(evs[0].err, &re) {
			t.Errorf("%s: a record error, want a file error: %v", c.name, evs[0].err)
		}
	}

	// Standard input cannot be read as Parquet (the index is at the end).
	r, err := Open(Input{Path: "-", Format: Parquet}, Options{Stdin: bytes.NewReader(data)})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Next(); !errors.Is(err, ErrParquetNotFile) {
		t.Errorf("stdin: %v, want ErrParquetNotFile", err)
	}
}

// TestParquetReset reads two files with one Reader.
func TestParquetReset(t *testing.T) {
	dir := t.TempDir()
	a := writeParquet(t, dir, "a.parquet", pqRows(5), 2)
	b := writeParquet(t, dir, "b.parquet", pqRows(7), 3)
	r := openFile(t, a, Parquet, Options{})
	if n := len(readAll(t, r)); n != 5 {
		t.Fatalf("a: %d", n)
	}
	if err := r.Reset(Input{Path: b, Format: Parquet}); err != nil {
		t.Fatal(err)
	}
	if n := len(readAll(t, r)); n != 7 {
		t.Fatalf("b: %d", n)
	}
}

func FuzzParquet(f *testing.F) {
	dir := f.TempDir()
	for _, n := range []int{1, 5} {
		p := writeParquet(f, dir, fmt.Sprintf("s%d.parquet", n), pqRows(n), 2)
		data, _ := os.ReadFile(p)
		f.Add(data)
	}
	f.Add([]byte("PAR1\x00\x00\x00\x00PAR1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "f.parquet")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := Open(Input{Path: p, Format: Parquet}, Options{TextField: "text,meta.body", IDField: "id", DateField: "date"})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		for n := 0; n < 1e5; n++ {
			rec, err := r.Next()
			if err != nil {
				var re *RecordError
				if errors.As(err, &re) {
					continue
				}
				return // io.EOF or a file error: the end
			}
			if len(rec.Text) == 0 || rec.Format != Parquet || rec.Line != int64(n+1) {
				t.Fatalf("record %d: %+v", n, rec)
			}
		}
	})
}

// TestParquetRepeated reads a text column that is a list of strings: its
// values are the text's lines.
func TestParquetRepeated(t *testing.T) {
	type doc struct {
		Paras []string `parquet:"paras,list"`
		Lead  string   `parquet:"lead"`
	}
	dir := t.TempDir()
	p := writeParquet(t, dir, "r.parquet", []doc{{Paras: []string{"one", " ", "two"}, Lead: "lead"}, {Lead: "only lead"}}, 10)
	evs := readAll(t, openFile(t, p, Parquet, Options{TextField: "lead,paras.list.element"}))
	if len(evs) != 2 || evs[0].text != "lead\none\ntwo" || evs[1].text != "only lead" {
		t.Errorf("%+v", evs)
	}
}
