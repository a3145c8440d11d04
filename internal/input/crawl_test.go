package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

func TestExpandCrawlFormats(t *testing.T) {
	root := t.TempDir()
	warc := page(1, "<p>x").bytes()
	perRecord, _ := gzipEach(t, page(1, "<p>x"), page(2, "<p>y"))
	files := map[string][]byte{
		"crawl/a.warc":          warc,
		"crawl/b.warc.gz":       perRecord,
		"crawl/c.warc.zst":      zstdBytes(t, warc),
		"crawl/d.warc.wet.gz":   gzipBytes(t, warc),
		"crawl/e.wet":           warc,
		"crawl/f.wet.zst":       zstdBytes(t, warc),
		"crawl/g.html":          []byte("<p>g"),
		"crawl/h.htm":           []byte("<p>h"),
		"crawl/i.HTML.gz":       gzipBytes(t, []byte("<p>i")),
		"crawl/j.htm.zst":       zstdBytes(t, []byte("<p>j")),
		"crawl/ignored.wat.gz":  gzipBytes(t, []byte("{}")),
		"crawl/k.arc.gz":        gzipBytes(t, []byte("filedesc://")),
		"crawl/ignored.xhtml":   []byte("<p>"),
		"unknown/warc.dat":      warc,
		"unknown/warc-gz.dat":   perRecord,
		"unknown/doctype.dat":   []byte("\n<!DOCTYPE html><p>"),
		"unknown/html.dat":      []byte("  <html><p>"),
		"unknown/short.dat":     []byte("WARC"),
		"unknown/notwarc.dat":   []byte("WARCS are files"),
		"unknown/spacewarc.dat": append([]byte(" "), warc...),
	}
	for name, data := range files {
		writeFile(t, root, name, data)
	}
	t.Chdir(root)
	got, err := Expand([]string{"crawl"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Input{
		{Path: "crawl/a.warc", Format: WARC},
		{Path: "crawl/b.warc.gz", Format: WARC, Compressed: true},
		{Path: "crawl/c.warc.zst", Format: WARC, Compressed: true},
		{Path: "crawl/d.warc.wet.gz", Format: WARC, Compressed: true},
		{Path: "crawl/e.wet", Format: WARC},
		{Path: "crawl/f.wet.zst", Format: WARC, Compressed: true},
		{Path: "crawl/g.html", Format: HTML},
		{Path: "crawl/h.htm", Format: HTML},
		{Path: "crawl/i.HTML.gz", Format: HTML, Compressed: true},
		{Path: "crawl/j.htm.zst", Format: HTML, Compressed: true},
		{Path: "crawl/k.arc.gz", Format: ARC, Compressed: true},
	}
	if !slices.EqualFunc(got, want, func(a, b Input) bool { a.Size, a.ModTime, a.FromDir = 0, b.ModTime, b.FromDir; return a == b }) {
		t.Errorf("Expand(crawl):\n got %v\nwant %v", got, want)
	}
	got, err = Expand([]string{"unknown/warc.dat", "unknown/warc-gz.dat", "unknown/doctype.dat", "unknown/html.dat",
		"unknown/short.dat", "unknown/notwarc.dat", "unknown/spacewarc.dat"})
	if err != nil {
		t.Fatal(err)
	}
	want = []Input{
		{Path: "unknown/doctype.dat", Format: HTML},
		{Path: "unknown/html.dat", Format: HTML},
		{Path: "unknown/notwarc.dat", Format: Text},
		{Path: "unknown/short.dat", Format: Text},
		{Path: "unknown/spacewarc.dat", Format: Text}, // "WARC/" must come first
		{Path: "unknown/warc-gz.dat", Format: WARC, Compressed: true},
		{Path: "unknown/warc.dat", Format: WARC},
	}
	if !slices.EqualFunc(got, want, func(a, b Input) bool { a.Size, a.ModTime, a.FromDir = 0, b.ModTime, b.FromDir; return a == b }) {
		t.Errorf("Expand(unknown):\n got %v\nwant %v", got, want)
	}
	// Every file found reads as its format.
	for _, in := range append(got, want[:0]...) {
		r := openFile(t, in.Path, in.Format, Options{})
		gs := readRecords(t, r)
		if len(gs) == 0 || gs[0].err != nil {
			t.Errorf("%s: %v", in.Path, gs)
		}
	}
}

func TestFormatStrings(t *testing.T) {
	for f, s := range map[Format]string{Detect: "detect", JSONL: "jsonl", Text: "text", WARC: "warc", HTML: "html", CSV: "csv", TSV: "tsv", Parquet: "parquet", ARC: "arc", ARC + 1: "Format(9)"} {
		if f.String() != s {
			t.Errorf("%d.String() = %q, want %q", f, f.String(), s)
		}
	}
}

// TestDetectStdin sniffs the format of standard input.
func TestDetectStdin(t *testing.T) {
	warc := concat(warcinfo(), page(1, "<p>one"), page(2, "<p>two"))
	perRecord, _ := gzipEach(t, warcinfo(), page(1, "<p>one"), page(2, "<p>two"))
	tests := []struct {
		name   string
		data   []byte
		format Format
		texts  []string
	}{
		{"WARC", warc, WARC, []string{"<p>one", "<p>two"}},
		{"WARC, gzip member per record", perRecord, WARC, []string{"<p>one", "<p>two"}},
		{"WARC, zstd", zstdBytes(t, warc), WARC, []string{"<p>one", "<p>two"}},
		{"HTML", []byte("\r\n<!doctype html><p>page"), HTML, []string{"\r\n<!doctype html><p>page"}},
		{"JSONL", []byte(`{"text":"a"}` + "\n"), JSONL, []string{"a"}},
		{"JSONL, gzip", gzipBytes(t, []byte(`{"text":"a"}`+"\n"+`{"text":"b"}`)), JSONL, []string{"a", "b"}},
		{"text", []byte("WARC is a format."), Text, []string{"WARC is a format."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Open(Input{Path: "-"}, Options{Stdin: onlyReader{bytes.NewReader(tt.data)}})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			var texts []string
			for _, g := range readRecords(t, r) {
				if g.err == nil {
					texts = append(texts, string(g.rec.Text))
				}
			}
			if r.Format() != tt.format || !slices.Equal(texts, tt.texts) {
				t.Errorf("format %v, texts %q; want %v, %q", r.Format(), texts, tt.format, tt.texts)
			}
		})
	}
}

func TestHTMLFile(t *testing.T) {
	const ja = "日本語のページ"
	sjis, _ := japanese.ShiftJIS.NewEncoder().Bytes([]byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body>` + ja))
	latin, _ := charmap.Windows1252.NewEncoder().Bytes([]byte("<p>Café"))
	tests := []struct {
		name, file string
		content    []byte
		want       want
		limit      int
	}{
		{"UTF-8", "a.html", []byte("<!doctype html><p>Héllo"), want{format: HTML, text: "<!doctype html><p>Héllo", charset: "utf-8"}, 0},
		{"BOM", "a.htm", append(bytes.Clone(bom), "<p>x"...), want{format: HTML, text: "<p>x", charset: "utf-8"}, 0},
		{"Shift_JIS by meta", "a.html", sjis, want{format: HTML, text: `<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body>` + ja, charset: "shift_jis"}, 0},
		{"windows-1252 fallback", "a.html", latin, want{format: HTML, text: "<p>Café", charset: "windows-1252"}, 0},
		{"gzip", "a.html.gz", gzipBytes(t, []byte("<p>zipped")), want{format: HTML, text: "<p>zipped", charset: "utf-8"}, 0},
		{"empty", "a.html", nil, skip(ReasonEmptyText, "empty"), 0},
		{"binary", "a.html", []byte("<p>\x00\x01"), skip(ReasonBinary, "NUL byte at offset 3"), 0},
		{"too large", "a.html", []byte("<p>" + strings.Repeat("x", 100)), skip(ReasonTooLarge, "file is 103 bytes, limit 50"), 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), tt.file, tt.content)
			gs := readRecords(t, openFile(t, path, HTML, Options{MaxRecordBytes: tt.limit}))
			checkAll(t, gs, tt.want)
			if g := gs[0]; g.err == nil {
				r := g.rec
				if r.ID != path || r.Source != path || r.File != path || r.Line != 1 || r.Offset != 0 ||
					r.MemberOffset != -1 || !bytes.Equal(r.Raw, decompress(t, tt.content)) {
					t.Errorf("record %+v", r)
				}
			} else if !strings.HasPrefix(g.err.Error(), path+":1: ") {
				t.Errorf("error %q", g.err)
			}
		})
	}
}

func ExampleOpen_warc() {
	// A WARC file as a crawler writes it: a request, then the response.
	req := "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"
	resp := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello, world."
	warc := fmt.Sprintf("WARC/1.1\r\nWARC-Type: request\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", len(req), req) +
		fmt.Sprintf("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"+
			"WARC-Target-URI: http://example.com/\r\nWARC-Date: 2024-05-17T10:00:00Z\r\n"+
			"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", len(resp), resp)
	r, err := Open(Input{Path: "-", Format: WARC}, Options{Stdin: strings.NewReader(warc)})
	if err != nil {
		panic(err)
	}
	defer r.Close()
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		var skipped *RecordError
		if errors.As(err, &skipped) {
			fmt.Println(skipped)
			continue
		}
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s %s %s %s %v %q\n", rec.ID, rec.URL, rec.Date, rec.Source, rec.Format, rec.Text)
	}
	// Output:
	// -: offset 0: not a page (request/metadata/...): request record
	// urn:uuid:1 http://example.com/ 2024-05-17T10:00:00Z -:93 html "<p>Hello, world."
}
