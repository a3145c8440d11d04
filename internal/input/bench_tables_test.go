package input

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/parquet-go/parquet-go"
)

type benchDoc struct {
	ID   string `json:"id" parquet:"id"`
	URL  string `json:"url" parquet:"url"`
	Date string `json:"date" parquet:"date"`
	Text string `json:"text" parquet:"text"`
}

// benchDocs decodes benchLines' documents.
func benchDocs(tb testing.TB, n, textBytes int) []benchDoc {
	var docs []benchDoc
	for _, l := range bytes.Split(bytes.TrimSuffix(benchLines(n, textBytes), []byte{'\n'}), []byte{'\n'}) {
		var d benchDoc
		if err := json.Unmarshal(l, &d); err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// benchRead reads path as format with opts b.N times, checking the count.
func benchRead(b *testing.B, path string, format Format, opts Options, size int64, want int) {
	r, err := Open(Input{Path: path, Format: format}, opts)
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Reset(Input{Path: path, Format: format}); err != nil {
			b.Fatal(err)
		}
		if n, _ := drain(b, r); n != want {
			b.Fatalf("read %d records, want %d", n, want)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*want), "ns/record")
}

// BenchmarkTables reads the same 2,000 news documents as CSV (mimeo's
// scanner and encoding/csv), as Parquet, and as JSONL through a nested
// path (the encoding/json slow path) next to the plain field. Bytes are
// those of the CSV file, so the rates compare.
func BenchmarkTables(b *testing.B) {
	docs := benchDocs(b, 2000, 5000)
	dir := b.TempDir()
	var cb bytes.Buffer
	w := csv.NewWriter(&cb)
	w.Write([]string{"id", "url", "date", "text"})
	for _, d := range docs {
		w.Write([]string{d.ID, d.URL, d.Date, d.Text})
	}
	w.Flush()
	csvPath := filepath.Join(dir, "docs.csv")
	if err := os.WriteFile(csvPath, cb.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	size := int64(cb.Len())
	b.Run("impl=mimeo/input=csv", func(b *testing.B) { benchRead(b, csvPath, CSV, Options{}, size, len(docs)) })
	b.Run("impl=stdlib/input=csv", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			f, err := os.Open(csvPath)
			if err != nil {
				b.Fatal(err)
			}
			cr := csv.NewReader(f)
			cr.ReuseRecord = true
			n := -1
			for {
				if _, err := cr.Read(); err != nil {
					break
				}
				n++
			}
			f.Close()
			if n != len(docs) {
				b.Fatalf("read %d rows", n)
			}
		}
	})

	var pb bytes.Buffer
	pw := parquet.NewGenericWriter[benchDoc](&pb, parquet.Compression(&parquet.Zstd), parquet.MaxRowsPerRowGroup(500))
	if _, err := pw.Write(docs); err != nil {
		b.Fatal(err)
	}
	if err := pw.Close(); err != nil {
		b.Fatal(err)
	}
	pqPath := filepath.Join(dir, "docs.parquet")
	if err := os.WriteFile(pqPath, pb.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Run("impl=mimeo/input=parquet-zstd", func(b *testing.B) { benchRead(b, pqPath, Parquet, Options{}, size, len(docs)) })

	var jb bytes.Buffer
	for _, d := range docs {
		line, _ := json.Marshal(map[string]any{"id": d.ID, "meta": map[string]string{"url": d.URL, "body": d.Text}})
		jb.Write(line)
		jb.WriteByte('\n')
	}
	jPath := filepath.Join(dir, "nested.jsonl")
	if err := os.WriteFile(jPath, jb.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Run("impl=mimeo/input=jsonl-path", func(b *testing.B) {
		benchRead(b, jPath, JSONL, Options{TextField: "meta.body", URLField: "meta.url"}, size, len(docs))
	})
}
