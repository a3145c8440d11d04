package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/klauspost/compress/gzip"
)

// arec builds one ARC record for the tests: a header line (version 1, or
// 2 with v2 set) and the content.
type arec struct {
	url, ip, date, ctype string
	content              []byte
	v2                   bool
	length               int    // Archive-length when not -1 (0: the content's)
	sep                  string // after the content; "\n" when empty
}

func (a arec) head() string {
	n := len(a.content)
	if a.length != 0 {
		n = max(a.length, 0)
	}
	if a.v2 {
		return fmt.Sprintf("%s %s %s %s 200 sha1:ABC - 0 x.arc %d\n", a.url, a.ip, a.date, a.ctype, n)
	}
	return fmt.Sprintf("%s %s %s %s %d\n", a.url, a.ip, a.date, a.ctype, n)
}

func (a arec) bytes() []byte {
	sep := a.sep
	if sep == "" {
		sep = "\n"
	}
	return append(append([]byte(a.head()), a.content...), sep...)
}

func arcVersion() arec {
	return arec{url: "filedesc://test.arc", ip: "0.0.0.0", date: "20080430204825", ctype: "text/plain",
		content: []byte("1 0 mimeo tests\nURL IP-address Archive-date Content-type Archive-length\n")}
}

func arcPage(n int, html string) arec {
	return arec{url: fmt.Sprintf("http://news.example/story-%d.html", n), ip: "10.0.0.1", date: fmt.Sprintf("200804302048%02d", n%60), ctype: "text/html",
		content: httpBlock("200 OK", []string{"Content-Type: text/html; charset=utf-8"}, []byte(html))}
}

func arcFile(recs ...arec) []byte {
	var b []byte
	for _, r := range recs {
		b = append(b, r.bytes()...)
	}
	return b
}

func readARC(t testing.TB, name string, data []byte, opts Options) []got {
	t.Helper()
	path := writeFile(t, t.TempDir(), name, data)
	return readRecords(t, openFile(t, path, ARC, opts))
}

// TestARCRecords: pages are read from HTTP captures and plain documents
// of version 1 and 2 files; the version block, DNS records, images and
// error responses are not pages; with NonPages every record comes back
// and their Raw, one after the other, are the file.
func TestARCRecords(t *testing.T) {
	image := arec{url: "http://news.example/logo.png", ip: "10.0.0.1", date: "20080430204830", ctype: "image/png",
		content: httpBlock("200 OK", []string{"Content-Type: image/png"}, []byte("\x89PNG\r\n\x1a\n...."))}
	dns := arec{url: "dns:news.example", ip: "10.0.0.53", date: "20080430204801", ctype: "text/dns",
		content: []byte("20080430204801\nnews.example.\t300\tIN\tA\t10.0.0.1\n")}
	notFound := arcPage(3, "<p>gone")
	notFound.content = httpBlock("404 Not Found", []string{"Content-Type: text/html"}, []byte("<p>gone"))
	plain := arec{url: "ftp://files.example/readme.txt", ip: "10.0.0.2", date: "20080430204840", ctype: "text/plain", content: []byte("A plain text document.\n")}
	v2 := arcPage(5, "<!doctype html><title>Five</title><p>Version two.")
	v2.v2 = true
	spaced := arcPage(6, "<p>Spaced URL.")
	spaced.url = "http://news.example/a page.html"
	recs := []arec{arcVersion(), dns, arcPage(1, "<!doctype html><title>One</title><p>First story."), image, notFound, plain, v2, spaced}
	data := arcFile(recs...)

	gs := readARC(t, "crawl.arc", data, Options{})
	checkAll(t, gs,
		skip(ReasonSkippedType, "version block"),
		skip(ReasonNotHTML, "text/dns"),
		want{format: HTML, text: "<!doctype html><title>One</title><p>First story."},
		skip(ReasonNotHTML, "image/png"),
		skip(ReasonHTTPStatus, "404"),
		want{format: Text, text: "A plain text document.\n"},
		want{format: HTML, text: "<!doctype html><title>Five</title><p>Version two."},
		want{format: HTML, text: "<p>Spaced URL."},
	)
	off := int64(len(recs[0].bytes()) + len(recs[1].bytes()))
	if p := gs[2].rec; p.URL != "http://news.example/story-1.html" || p.Date != "20080430204801" || !p.ARC || p.WARCType != "" ||
		p.Offset != off || p.Source != fmt.Sprintf("%s:%d", p.File, off) || p.ID != p.Source {
		t.Errorf("page: %+v", p)
	}
	if tm, ok := ParseDate(gs[2].rec.Date); !ok || tm.Year() != 2008 || tm.Minute() != 48 {
		t.Errorf("Archive-date %q parses as %v, %v", gs[2].rec.Date, tm, ok)
	}
	if u := gs[6].rec.URL; u != "http://news.example/story-5.html" {
		t.Errorf("version 2 URL %q", u)
	}
	if u := gs[7].rec.URL; u != "http://news.example/a page.html" {
		t.Errorf("URL with a space: %q", u)
	}

	all := readARC(t, "crawl.arc", data, Options{NonPages: true})
	var joined []byte
	for i, g := range all {
		if g.err != nil {
			t.Fatalf("NonPages: %v", g.err)
		}
		joined = append(joined, g.rec.Raw...)
		if page := i == 2 || i == 5 || i == 6 || i == 7; page != (g.rec.Format != ARC) || !g.rec.ARC {
			t.Errorf("record %d: format %v, ARC %v", i, g.rec.Format, g.rec.ARC)
		}
	}
	if len(all) != len(recs) || !bytes.Equal(joined, data) {
		t.Errorf("NonPages: %d records whose Raw make %d bytes; want %d records, the file's %d bytes", len(all), len(joined), len(recs), len(data))
	}
	if all[1].rec.NotPage != ReasonNotHTML || all[0].rec.NotPage != ReasonSkippedType {
		t.Errorf("NotPage: %v, %v", all[0].rec.NotPage, all[1].rec.NotPage)
	}

	// Detected by content, whatever the name.
	path := writeFile(t, t.TempDir(), "crawl.bin", data)
	r := openFile(t, path, Detect, Options{})
	if g := readRecords(t, r); len(g) != len(gs) || r.Format() != ARC {
		t.Errorf("detected as %v with %d events", r.Format(), len(g))
	}
	if f := formatOf("x.ARC.gz"); f != ARC {
		t.Errorf("formatOf(x.ARC.gz) = %v", f)
	}
}

// TestARCGzipMembers: in an .arc.gz compressed record by record, a page's
// source is its member's offset, and a damaged member costs only its own
// record.
func TestARCGzipMembers(t *testing.T) {
	recs := []arec{arcVersion(), arcPage(1, "<p>One."), arcPage(2, "<p>Two."), arcPage(3, "<p>Three.")}
	var data []byte
	var offs []int64
	for _, r := range recs {
		offs = append(offs, int64(len(data)))
		data = append(data, gzipBytes(t, r.bytes())...)
	}
	gs := readARC(t, "crawl.arc.gz", data, Options{})
	checkAll(t, gs, skip(ReasonSkippedType, "version block"),
		want{format: HTML, text: "<p>One."}, want{format: HTML, text: "<p>Two."}, want{format: HTML, text: "<p>Three."})
	for i, g := range gs[1:] {
		if g.rec.MemberOffset != offs[i+1] || !strings.HasSuffix(g.rec.Source, fmt.Sprintf(":%d", offs[i+1])) {
			t.Errorf("page %d: member %d, source %s; want member %d", i+1, g.rec.MemberOffset, g.rec.Source, offs[i+1])
		}
	}
	bad := bytes.Clone(data)
	bad[offs[2]+(offs[3]-offs[2])/2] ^= 0xff // the middle of the second page's member
	gs = readARC(t, "crawl.arc.gz", bad, Options{})
	var texts []string
	errs := 0
	for _, g := range gs {
		if g.err != nil {
			var re *RecordError
			if !errors.As(g.err, &re) {
				t.Fatalf("file error %v", g.err)
			}
			errs++
			continue
		}
		texts = append(texts, string(g.rec.Text))
	}
	if strings.Join(texts, "|") != "<p>One.|<p>Three." || errs != 2 {
		t.Errorf("with a damaged member: pages %q, %d errors; want One and Three, the version block and the damage", texts, errs)
	}
}

// TestARCMalformed: a wrong Archive-length, a line that is no header and
// a truncated last record are reported with the offset, and the reader
// finds the next record.
func TestARCMalformed(t *testing.T) {
	short := arcPage(2, "<p>Two, whose length is short.")
	short.length = len(short.content) - 10
	long := arcPage(3, "<p>Three, whose length runs on.")
	long.length = len(long.content) + 5000
	one, four, five := arcPage(1, "<p>One."), arcPage(4, "<p>Four."), arcPage(5, "<p>Five.")
	data := arcFile(arcVersion(), one, short, four)
	garbageAt := len(data)
	data = append(data, "this line is not an ARC header\n"...)
	data = append(data, arcFile(five)...)
	longAt := len(data)
	data = append(data, arcFile(long)...)
	gs := readARC(t, "bad.arc", data, Options{})
	checkAll(t, gs,
		skip(ReasonSkippedType, "version block"),
		want{format: HTML, text: "<p>One."},
		skip(ReasonMalformedARC, "not followed by a newline"),
		want{format: HTML, text: "<p>Four."},
		skip(ReasonMalformedARC, fmt.Sprintf("offset %d: malformed ARC record: not an ARC header line", garbageAt)),
		want{format: HTML, text: "<p>Five."},
		skip(ReasonTruncated, fmt.Sprintf("offset %d: truncated record: the Archive-length", longAt)),
	)

	// No newline after the content, before the next header: tolerated.
	tight := arcPage(5, "<p>Five.")
	tight.content = append(tight.content, '.')
	tight.sep = "\x00"
	data = append(arcFile(arcVersion(), tight)[:0:0], arcVersion().bytes()...)
	b := tight.bytes()
	data = append(data, b[:len(b)-1]...)
	data = append(data, arcPage(6, "<p>Six.").bytes()...)
	checkAll(t, readARC(t, "tight.arc", data, Options{}),
		skip(ReasonSkippedType, "version block"), want{format: HTML, text: "<p>Five.."}, want{format: HTML, text: "<p>Six."})

	// Not an ARC file at all.
	gs = readARC(t, "x.arc", []byte("hello world\n"), Options{})
	checkAll(t, gs, skip(ReasonMalformedARC, "not an ARC file"))
}

// TestARCSample reads the real ARC file of ../shared/data (warcio's
// example: its version block and one capture of example.com).
func TestARCSample(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "data", "warc-samples", "warcio-example.arc.gz")
	if _, err := os.Stat(path); err != nil {
		t.Skip("../shared/data is not here")
	}
	gs := readRecords(t, openFile(t, path, formatOf(path), Options{}))
	var pages []Record
	for _, g := range gs {
		if g.err == nil {
			pages = append(pages, g.rec)
		}
	}
	if len(gs) != 2 || len(pages) != 1 || pages[0].URL != "http://example.com/" || !bytes.Contains(pages[0].Text, []byte("Example Domain")) {
		t.Fatalf("events %v", gs)
	}
}

// FuzzARC reads arbitrary bytes as an ARC file, plain or gzipped record
// by record (split before each line that starts with a letter), with an
// arbitrary record size limit and with or without the records that are
// not pages. It must not panic; errors are RecordErrors at offsets that
// do not go back (or a final file error where gzip data is damaged);
// pages are valid UTF-8 and, in a plain file, their Raw is the input at
// their offset.
func FuzzARC(f *testing.F) {
	f.Add(arcFile(arcVersion(), arcPage(1, "<p>One."), arcPage(2, "<p>Two.")), uint8(0), uint16(0))
	f.Add(arcFile(arcVersion(), arcPage(1, "<p>One.")), uint8(1), uint16(300))
	f.Add([]byte("filedesc://x 0 20080430204825 text/plain 3\nabc\nhttp://a b 20080430204825 text/html 99\nHTTP/1.0 200\r\n\r\n<p>x\n"), uint8(2), uint16(0))
	f.Add([]byte("http://a 1 200804302048250 text/html 5\n<p>hi\n\n\nhttp://b 1 20080430204825 text/html 4\n<p>x"), uint8(4), uint16(0))
	f.Fuzz(func(t *testing.T, data []byte, mode uint8, limit uint16) {
		content := data
		if mode&1 == 1 {
			content = nil
			for _, part := range splitBeforeLetterLines(data) {
				content = appendGzipFast(content, part)
			}
		}
		opts := Options{MaxRecordBytes: int(limit), NonPages: mode&2 != 0, Stdin: bytes.NewReader(content)}
		r, err := Open(Input{Path: "-", Format: ARC}, opts)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		max := int(limit)
		if max == 0 {
			max = DefaultMaxRecordBytes
		}
		last := int64(-1)
		for n := 0; ; n++ {
			if n > len(data)+2 {
				t.Fatal("more events than bytes")
			}
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			var re *RecordError
			switch {
			case errors.As(err, &re):
				if re.File != "-" || re.Line != 0 || re.Offset < last || re.Reason == 0 || re.Reason >= numReasons || !hasErrorPrefix(re) {
					t.Fatalf("bad ARC record error after offset %d: %#v %q", last, re, re)
				}
				last = re.Offset
			case err != nil:
				if mode&1 == 0 {
					t.Fatalf("file error on a plain stream: %v", err)
				}
				return
			default:
				if !rec.ARC || rec.Offset <= last || len(bytes.TrimRight(rec.Raw, " \t\r\n")) > max && rec.Format != ARC {
					t.Fatalf("bad record after offset %d: %+v", last, rec)
				}
				if rec.Format != ARC && (!utf8.Valid(rec.Text) || isBlank(rec.Text)) {
					t.Fatalf("bad page text %q", rec.Text)
				}
				if mode&1 == 0 && !bytes.Equal(data[rec.Offset:rec.Offset+int64(len(rec.Raw))], rec.Raw) {
					t.Fatalf("Raw %q is not the input at offset %d", rec.Raw, rec.Offset)
				}
				last = rec.Offset
			}
		}
	})
}

// splitBeforeLetterLines splits data before every line that starts with
// an ASCII letter: where ARC records may start.
func splitBeforeLetterLines(data []byte) [][]byte {
	var parts [][]byte
	start := 0
	for i := 1; i < len(data); i++ {
		if data[i-1] == '\n' && isLetter(data[i]) {
			parts = append(parts, data[start:i])
			start = i
		}
	}
	return append(parts, data[start:])
}

var fastGzip = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// appendGzipFast appends data compressed as one gzip member, cheaply.
func appendGzipFast(dst, data []byte) []byte {
	var b bytes.Buffer
	w := fastGzip.Get().(*gzip.Writer)
	w.Reset(&b)
	w.Write(data)
	w.Close()
	fastGzip.Put(w)
	return append(dst, b.Bytes()...)
}

// TestARCReviewCases: what a review found. A version block whose length
// runs on costs only itself in an .arc.gz, read with or without the
// records that are not pages; a header right after a record whose length
// is wrong is not lost; a 12-digit Archive-date means minutes, not
// milliseconds; a file that grew since it was opened does not panic.
func TestARCReviewCases(t *testing.T) {
	ver := arcVersion()
	ver.length = len(ver.content) + 1<<20
	var zipped []byte
	for _, r := range []arec{ver, arcPage(1, "<p>One."), arcPage(2, "<p>Two.")} {
		zipped = append(zipped, gzipBytes(t, r.bytes())...)
	}
	for _, nonPages := range []bool{false, true} {
		var texts []string
		for _, g := range readARC(t, "v.arc.gz", zipped, Options{NonPages: nonPages}) {
			if g.err == nil && g.rec.Format != ARC {
				texts = append(texts, string(g.rec.Text))
			}
		}
		if strings.Join(texts, "|") != "<p>One.|<p>Two." {
			t.Errorf("NonPages %v: a version block whose length runs on leaves pages %q", nonPages, texts)
		}
	}

	bad := "http://news.example/empty 10.0.0.1 20080430204825 text/html 40\n"
	data := append(arcVersion().bytes(), bad...)
	data = append(data, arcFile(arcPage(1, "<p>One."), arcPage(2, "<p>Two."))...)
	checkAll(t, readARC(t, "b.arc", data, Options{}),
		skip(ReasonSkippedType, "version block"), skip(ReasonMalformedARC, "not followed"),
		want{format: HTML, text: "<p>One."}, want{format: HTML, text: "<p>Two."})

	short := arcPage(3, "<p>Three.")
	short.date = "200804302048"
	gs := readARC(t, "d.arc", arcFile(arcVersion(), short), Options{})
	if len(gs) != 2 || gs[1].err != nil || gs[1].rec.Date != "20080430204800" {
		t.Fatalf("12-digit date: %v", gs)
	}
	if tm, ok := ParseDate(gs[1].rec.Date); !ok || tm.Year() != 2008 {
		t.Errorf("date %q reads as %v", gs[1].rec.Date, tm)
	}

	path := writeFile(t, t.TempDir(), "grow.arc", bytes.Repeat([]byte("x"), 600))
	r := openFile(t, path, ARC, Options{})
	if err := os.WriteFile(path, append([]byte("ab\n"), bytes.Repeat([]byte("a"), 3000)...), 0o644); err != nil {
		t.Fatal(err)
	}
	readRecords(t, r) // must not panic
}
