package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

var benchWords = strings.Fields(`the of and to in a is that for it as was with be by on not he
this are or his from at which but have an they you were her she there been one all would their
we him when has more if no out so said what up its about into than them can only other new some
time could these two may then do first any my now such like our over man me even most made after
also did many before must through back years where much your way well down should because each
just those people how too little state good very make world still own see men work long get here
between both life being under never day same another know while last might us great old year off
come since against go came right used take three café naïve coöperate—dash “quoted” 北京 данные`)

// benchLines returns n JSONL lines with about textBytes of mostly-ASCII
// text each, generated from a fixed seed.
func benchLines(n, textBytes int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var out bytes.Buffer
	var text strings.Builder
	for i := range n {
		text.Reset()
		for text.Len() < textBytes {
			w := benchWords[rng.IntN(len(benchWords))]
			switch rng.IntN(60) {
			case 0:
				text.WriteString(".\n\n")
				w = strings.ToUpper(w[:1]) + w[1:]
			case 1:
				text.WriteString(`, "`)
				w += `"`
			case 2:
				text.WriteString(". ")
			default:
				text.WriteByte(' ')
			}
			text.WriteString(w)
		}
		doc := map[string]any{
			"id":   fmt.Sprintf("doc-%06d", i),
			"url":  fmt.Sprintf("https://example.com/%d/page.html", rng.IntN(1e6)),
			"date": "2024-05-17T10:00:00Z",
			"text": text.String(),
			"meta": map[string]any{"lang": "en", "score": rng.Float64(), "tags": []string{"news", "web"}},
		}
		b, err := json.Marshal(doc)
		if err != nil {
			panic(err)
		}
		out.Write(b)
		out.WriteByte('\n')
	}
	return out.Bytes()
}

func gzipBytes(tb testing.TB, data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		tb.Fatal(err)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func zstdBytes(tb testing.TB, data []byte) []byte {
	w, err := zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1))
	if err != nil {
		tb.Fatal(err)
	}
	defer w.Close()
	return w.EncodeAll(data, nil)
}

// readAll reads every record of r and returns the number of records and
// text bytes.
func drain(tb testing.TB, r *Reader) (recs, textBytes int) {
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return recs, textBytes
		}
		if err != nil {
			tb.Fatal(err)
		}
		recs++
		textBytes += len(rec.Text)
	}
}

func BenchmarkJSONL(b *testing.B) {
	data := benchLines(2000, 5000)
	nLines := bytes.Count(data, []byte{'\n'})
	dir := b.TempDir()
	files := map[string][]byte{
		"plain": data,
		"gzip":  gzipBytes(b, data),
		"zstd":  zstdBytes(b, data),
	}
	for _, name := range []string{"plain", "gzip", "zstd"} {
		path := filepath.Join(dir, "bench.jsonl."+name)
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run("impl=mimeo/input="+name, func(b *testing.B) {
			r, err := Open(Input{Path: path, Format: JSONL}, Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer r.Close()
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := r.Reset(Input{Path: path, Format: JSONL}); err != nil {
					b.Fatal(err)
				}
				if n, _ := drain(b, r); n != nLines {
					b.Fatalf("read %d records, want %d", n, nLines)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*nLines), "ns/record")
		})
	}
	b.Run("impl=mimeo/input=memory", func(b *testing.B) {
		src := bytes.NewReader(data)
		r, err := Open(Input{Path: "-", Format: JSONL}, Options{Stdin: src})
		if err != nil {
			b.Fatal(err)
		}
		defer r.Close()
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			src.Reset(data)
			if err := r.Reset(Input{Path: "-", Format: JSONL}); err != nil {
				b.Fatal(err)
			}
			if n, _ := drain(b, r); n != nLines {
				b.Fatalf("read %d records, want %d", n, nLines)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*nLines), "ns/record")
	})
	b.Run("impl=mimeo/input=line", func(b *testing.B) {
		// The JSON scanner alone, on lines already in memory.
		lines := bytes.Split(bytes.TrimSuffix(data, []byte{'\n'}), []byte{'\n'})
		s := newLineScanner("id", "text", "url", "date")
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			for _, l := range lines {
				if reason := s.scan(l); reason != 0 {
					b.Fatal(reason)
				}
			}
		}
	})
	b.Run("impl=stdlib/input=memory", func(b *testing.B) {
		// encoding/json decoding the same lines into a struct.
		var doc struct {
			ID   string `json:"id"`
			Text string `json:"text"`
			URL  string `json:"url"`
			Date string `json:"date"`
		}
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			rest := data
			for len(rest) > 0 {
				i := bytes.IndexByte(rest, '\n')
				if err := json.Unmarshal(rest[:i], &doc); err != nil {
					b.Fatal(err)
				}
				rest = rest[i+1:]
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*nLines), "ns/record")
	})
}

// benchPages returns n HTML pages of about textBytes of generated text
// each, with the head, navigation and footer of a typical site, from a
// fixed seed.
func benchPages(n, textBytes int) []string {
	rng := rand.New(rand.NewPCG(3, 4))
	pages := make([]string, n)
	var b strings.Builder
	for i := range pages {
		b.Reset()
		fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Story %d – Example News</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/site.css"><script src="/static/app.js" defer></script>
</head><body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>Story %d</h1><p class="byline">By Staff, 17 May 2024</p>
`, i, i)
		for k := 0; k < textBytes; {
			b.WriteString("<p>")
			for w := 0; w < 40+rng.IntN(60); w++ {
				word := benchWords[rng.IntN(len(benchWords))]
				b.WriteString(word)
				b.WriteByte(' ')
				k += len(word) + 1
			}
			b.WriteString("</p>\n")
		}
		b.WriteString(`</article></main><footer><p>&copy; 2024 Example News. <a href="/privacy">Privacy</a></p></footer></body></html>`)
		pages[i] = b.String()
	}
	return pages
}

// benchWARC returns a WARC file of the pages as Common Crawl writes them
// (request, response and metadata records), and the records.
func benchWARC(pages []string) []wrec {
	recs := []wrec{warcinfo()}
	for i, p := range pages {
		resp := page(i, "")
		resp.block = httpBlock("200 OK", []string{
			"Date: Fri, 17 May 2024 10:00:00 GMT", "Server: nginx", "Content-Type: text/html; charset=UTF-8",
			"X-Crawler-Content-Encoding: gzip", fmt.Sprintf("Content-Length: %d", len(p))}, []byte(p))
		recs = append(recs,
			wrec{typ: "request", id: fmt.Sprintf("urn:uuid:req-%d", i), uri: resp.uri, date: resp.date,
				ctype: "application/http; msgtype=request",
				block: []byte("GET / HTTP/1.1\r\nHost: example.com\r\nUser-Agent: CCBot/2.0\r\nAccept: text/html\r\n\r\n")},
			resp,
			wrec{typ: "metadata", id: fmt.Sprintf("urn:uuid:meta-%d", i), uri: resp.uri, date: resp.date,
				ctype: "application/warc-fields", block: []byte("fetchTimeMs: 112\r\ncharset-detected: UTF-8\r\n")})
	}
	return recs
}

func BenchmarkWARC(b *testing.B) {
	pages := benchPages(300, 6000)
	recs := benchWARC(pages)
	plain := concat(recs...)
	perRecord, _ := gzipEach(b, recs...)
	dir := b.TempDir()
	files := []struct{ name, file string }{
		{"gzip-per-record", writeFile(b, dir, "bench.warc.gz", perRecord)},
		{"plain", writeFile(b, dir, "bench.warc", plain)},
		{"zstd", writeFile(b, dir, "bench.warc.zst", zstdBytes(b, plain))},
	}
	for _, f := range files {
		b.Run("input="+f.name, func(b *testing.B) {
			in := Input{Path: f.file, Format: WARC}
			r, err := Open(in, Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer r.Close()
			b.SetBytes(int64(len(plain)))
			b.ReportAllocs()
			for b.Loop() {
				if err := r.Reset(in); err != nil {
					b.Fatal(err)
				}
				n := 0
				for {
					_, err := r.Next()
					if err == io.EOF {
						break
					}
					var re *RecordError
					if err != nil && !errors.As(err, &re) {
						b.Fatal(err)
					}
					if err == nil {
						n++
					}
				}
				if n != len(pages) {
					b.Fatalf("read %d pages, want %d", n, len(pages))
				}
			}
			b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
