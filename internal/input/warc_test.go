package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// wrec builds one WARC record for the tests.
type wrec struct {
	version string // "1.0" if empty
	typ     string // WARC-Type; omitted if empty
	id      string // WARC-Record-ID without brackets; omitted if empty
	uri     string
	date    string
	ctype   string   // Content-Type
	extra   []string // more header lines
	block   []byte
	length  string // Content-Length as written; len(block) if empty, omitted if "-"
	end     string // what ends the record; "\r\n\r\n" if empty, none if "-"
}

// head returns the header block.
func (w wrec) head() []byte {
	var b bytes.Buffer
	v := w.version
	if v == "" {
		v = "1.0"
	}
	fmt.Fprintf(&b, "WARC/%s\r\n", v)
	if w.typ != "" {
		fmt.Fprintf(&b, "WARC-Type: %s\r\n", w.typ)
	}
	if w.id != "" {
		fmt.Fprintf(&b, "WARC-Record-ID: <%s>\r\n", w.id)
	}
	if w.uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", w.uri)
	}
	if w.date != "" {
		fmt.Fprintf(&b, "WARC-Date: %s\r\n", w.date)
	}
	if w.ctype != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", w.ctype)
	}
	for _, e := range w.extra {
		b.WriteString(e + "\r\n")
	}
	switch w.length {
	case "":
		fmt.Fprintf(&b, "Content-Length: %d\r\n", len(w.block))
	case "-":
	default:
		fmt.Fprintf(&b, "Content-Length: %s\r\n", w.length)
	}
	b.WriteString("\r\n")
	return b.Bytes()
}

// raw returns the record as Record.Raw holds it: header and block.
func (w wrec) raw() []byte { return append(w.head(), w.block...) }

// bytes returns the whole record.
func (w wrec) bytes() []byte {
	switch w.end {
	case "":
		return append(w.raw(), "\r\n\r\n"...)
	case "-":
		return w.raw()
	}
	return append(w.raw(), w.end...)
}

// page returns a response record holding an HTTP 200 text/html response.
func page(n int, html string) wrec {
	return wrec{
		typ:   "response",
		id:    fmt.Sprintf("urn:uuid:page-%d", n),
		uri:   fmt.Sprintf("http://example.com/%d", n),
		date:  "2024-05-17T10:00:00Z",
		ctype: "application/http; msgtype=response",
		block: httpBlock("200 OK", []string{"Content-Type: text/html; charset=utf-8"}, []byte(html)),
	}
}

// httpBlock returns an HTTP response.
func httpBlock(status string, headers []string, body []byte) []byte {
	var b bytes.Buffer
	b.WriteString("HTTP/1.1 " + status + "\r\n")
	for _, h := range headers {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

func warcinfo() wrec {
	return wrec{typ: "warcinfo", id: "urn:uuid:info", date: "2024-05-17T10:00:00Z", ctype: "application/warc-fields",
		block: []byte("software: mimeo-test\r\nformat: WARC File Format 1.1\r\n")}
}

// concat joins records.
func concat(recs ...wrec) []byte {
	var b []byte
	for _, w := range recs {
		b = append(b, w.bytes()...)
	}
	return b
}

// gzipEach compresses each record as its own gzip member and returns the
// file and each member's offset.
func gzipEach(tb testing.TB, recs ...wrec) ([]byte, []int64) {
	var b []byte
	var offs []int64
	for _, w := range recs {
		offs = append(offs, int64(len(b)))
		b = append(b, gzipBytes(tb, w.bytes())...)
	}
	return b, offs
}

// got is what one call to Next produced, copied out of the reader.
type got struct {
	rec Record
	err error
}

func (g got) String() string {
	if g.err != nil {
		return "error " + g.err.Error()
	}
	return fmt.Sprintf("%v record %s %q (%s)", g.rec.Format, g.rec.Source, clipText(g.rec.Text), g.rec.Charset)
}

func clipText(b []byte) string {
	if len(b) > 60 {
		return string(b[:60]) + "…"
	}
	return string(b)
}

// readRecords calls Next until io.EOF and copies out every record and
// error, checking that a file-level error ends the input.
func readRecords(t testing.TB, r *Reader) []got {
	t.Helper()
	var gs []got
	for n := 0; ; n++ {
		if n > 1e6 {
			t.Fatal("Next does not end")
		}
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			gs = append(gs, got{err: err})
			var re *RecordError
			if !errors.As(err, &re) {
				if rec, err := r.Next(); rec != nil || err != io.EOF {
					t.Fatalf("after file error: got %v, %v; want io.EOF", rec, err)
				}
				break
			}
			continue
		}
		c := *rec
		c.ID, c.URL, c.Date, c.Source, c.File = strings.Clone(c.ID), strings.Clone(c.URL), strings.Clone(c.Date), strings.Clone(c.Source), strings.Clone(c.File)
		c.Text, c.Raw = bytes.Clone(c.Text), bytes.Clone(c.Raw)
		c.WARCType, c.RefersTo = strings.Clone(c.WARCType), strings.Clone(c.RefersTo)
		c.ConcurrentTo = nil
		for _, id := range rec.ConcurrentTo {
			c.ConcurrentTo = append(c.ConcurrentTo, strings.Clone(id))
		}
		gs = append(gs, got{rec: c})
	}
	if rec, err := r.Next(); rec != nil || err != io.EOF {
		t.Fatalf("Next after io.EOF: %v, %v", rec, err)
	}
	return gs
}

// readWARCBytes reads data as a WARC file named name (its format from
// the name, WARC if unknown).
func readWARCBytes(t testing.TB, name string, data []byte, opts Options) []got {
	t.Helper()
	path := writeFile(t, t.TempDir(), name, data)
	f := formatOf(name)
	if f == Detect {
		f = WARC
	}
	return readRecords(t, openFile(t, path, f, opts))
}

// want describes an expected event: a record with this format and text, or
// a skip with this reason.
type want struct {
	format  Format
	text    string
	charset string
	reason  Reason
	detail  string // in the error message
}

func (w want) String() string {
	if w.reason != 0 {
		return fmt.Sprintf("skip %v (%s)", w.reason, w.detail)
	}
	return fmt.Sprintf("%v record %q (%s)", w.format, w.text, w.charset)
}

// check compares one event with what is wanted.
func (w want) check(t testing.TB, g got) {
	t.Helper()
	if w.reason != 0 {
		var re *RecordError
		if !errors.As(g.err, &re) || re.Reason != w.reason || !strings.Contains(re.Error(), w.detail) {
			t.Errorf("got %v, want %v", g, w)
		}
		return
	}
	if g.err != nil || g.rec.Format != w.format || string(g.rec.Text) != w.text || w.charset != "" && g.rec.Charset != w.charset {
		t.Errorf("got %v, want %v", g, w)
	}
}

func checkAll(t testing.TB, gs []got, ws ...want) {
	t.Helper()
	if len(gs) != len(ws) {
		t.Fatalf("got %d events, want %d:\n%v\nwant:\n%v", len(gs), len(ws), gs, ws)
	}
	for i := range ws {
		ws[i].check(t, gs[i])
	}
}

func skip(reason Reason, detail string) want { return want{reason: reason, detail: detail} }

func TestWARCRecordTypes(t *testing.T) {
	const html = "<!doctype html><title>Hello</title><p>A page."
	resp := func(status string, headers []string, body string) wrec {
		w := page(1, "")
		w.block = httpBlock(status, headers, []byte(body))
		return w
	}
	ct := func(v string) []string { return []string{"Content-Type: " + v} }
	with := func(w wrec, f func(*wrec)) wrec { f(&w); return w }
	tests := []struct {
		name string
		rec  wrec
		want want
	}{
		{"response html", page(1, html), want{format: HTML, text: html}},
		{"response xhtml", resp("200 OK", ct("application/xhtml+xml"), html), want{format: HTML, text: html}},
		{"response text/plain", resp("200 OK", ct("text/plain; charset=utf-8"), "Just words."), want{format: Text, text: "Just words."}},
		{"response upper-case type", resp("200 OK", ct("TEXT/HTML"), html), want{format: HTML, text: html}},
		{"response status without reason phrase", resp("200", ct("text/html"), html), want{format: HTML, text: html}},
		{"response 206", resp("206 Partial Content", ct("text/html"), html), want{format: HTML, text: html}},
		{"response LF-only HTTP header", with(page(1, ""), func(w *wrec) {
			w.block = []byte("HTTP/1.0 200 OK\nContent-Type: text/html\n\n" + html)
		}), want{format: HTML, text: html}},
		{"response without Content-Type sniffed as HTML", resp("200 OK", nil, "\n  <HTML><body>x</body></HTML>"), want{format: HTML, text: "\n  <HTML><body>x</body></HTML>"}},
		{"response typed by WARC-Identified-Payload-Type", with(resp("200 OK", nil, "<p>frag"), func(w *wrec) {
			w.extra = []string{"WARC-Identified-Payload-Type: text/html"}
		}), want{format: HTML, text: "<p>frag"}},
		{"response image", resp("200 OK", ct("image/png"), "\x89PNG\r\n"), skip(ReasonNotHTML, "Content-Type image/png")},
		{"response javascript", resp("200 OK", ct("application/javascript; charset=utf-8"), "var x;"), skip(ReasonNotHTML, "application/javascript")},
		{"response without Content-Type not HTML", resp("200 OK", nil, "%PDF-1.4"), skip(ReasonNotHTML, "no Content-Type")},
		{"response 404", resp("404 Not Found", ct("text/html"), html), skip(ReasonHTTPStatus, "status 404")},
		{"response 301", resp("301 Moved Permanently", []string{"Location: http://example.com/"}, ""), skip(ReasonHTTPStatus, "status 301")},
		{"response 500 without body", resp("500 Internal Server Error", nil, ""), skip(ReasonHTTPStatus, "status 500")},
		{"response bad status line", with(page(1, ""), func(w *wrec) { w.block = []byte("HTTP/1.1 OK\r\n\r\n" + html) }), skip(ReasonMalformedHTTP, "no HTTP status line")},
		{"response HTTP header not ended", with(page(1, ""), func(w *wrec) { w.block = []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n") }), skip(ReasonMalformedHTTP, "do not end")},
		{"response not HTTP", with(page(1, ""), func(w *wrec) { w.block = []byte(html) }), skip(ReasonMalformedHTTP, "no HTTP status line")},
		{"response empty body", resp("200 OK", ct("text/html"), ""), skip(ReasonEmptyText, "empty")},
		{"response white-space body", resp("200 OK", ct("text/html"), " \r\n\t "), skip(ReasonEmptyText, "empty")},
		{"response binary body", resp("200 OK", ct("text/html"), "<html>\x00\x01\x02"), skip(ReasonBinary, "NUL byte at offset 6")},
		{"response dns (not HTTP)", wrec{typ: "response", uri: "dns:example.com", ctype: "text/dns", block: []byte("20240517 example.com. 300 IN A 1.2.3.4")}, skip(ReasonNotHTML, "text/dns")},
		{"resource html", wrec{typ: "resource", id: "urn:x", uri: "file:///a.html", ctype: "text/html; charset=utf-8", block: []byte(html)}, want{format: HTML, text: html}},
		{"resource text", wrec{typ: "resource", uri: "file:///a.txt", ctype: "text/plain", block: []byte("plain")}, want{format: Text, text: "plain"}},
		{"resource pdf", wrec{typ: "resource", ctype: "application/pdf", block: []byte("%PDF")}, skip(ReasonNotHTML, "application/pdf")},
		{"resource untyped html", wrec{typ: "resource", block: []byte("<!DOCTYPE html><p>x")}, want{format: HTML, text: "<!DOCTYPE html><p>x"}},
		{"conversion (WET)", wrec{typ: "conversion", id: "urn:wet", uri: "http://example.com/", ctype: "text/plain", block: []byte("Extracted text.\nSecond line.")}, want{format: Text, text: "Extracted text.\nSecond line."}},
		{"conversion untyped", wrec{typ: "conversion", block: []byte("Extracted.")}, want{format: Text, text: "Extracted."}},
		{"conversion empty", wrec{typ: "conversion", ctype: "text/plain", block: nil}, skip(ReasonEmptyText, "empty")},
		{"request", wrec{typ: "request", ctype: "application/http; msgtype=request", block: []byte("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n")}, skip(ReasonSkippedType, "request record")},
		{"metadata", wrec{typ: "metadata", ctype: "application/warc-fields", block: []byte("fetchTimeMs: 12\r\n")}, skip(ReasonSkippedType, "metadata record")},
		{"warcinfo", warcinfo(), skip(ReasonSkippedType, "warcinfo record")},
		{"revisit", wrec{typ: "revisit", ctype: "application/http; msgtype=response", block: httpBlock("200 OK", ct("text/html"), nil)}, skip(ReasonSkippedType, "revisit record")},
		{"continuation", wrec{typ: "continuation", block: []byte("rest of a segmented record")}, skip(ReasonSegmented, "continuation record")},
		{"unknown type", wrec{typ: "x-custom", block: []byte("?")}, skip(ReasonSkippedType, "x-custom record")},
		{"no WARC-Type", wrec{block: []byte("?")}, skip(ReasonMalformedWARC, "no WARC-Type")},
		{"no Content-Length", wrec{typ: "resource", ctype: "text/plain", block: []byte("x"), length: "-"}, skip(ReasonMalformedWARC, "no Content-Length")},
		{"invalid Content-Length", wrec{typ: "resource", ctype: "text/plain", block: []byte("x"), length: "0x1"}, skip(ReasonMalformedWARC, `invalid Content-Length "0x1"`)},
		{"negative Content-Length", wrec{typ: "resource", ctype: "text/plain", block: []byte("x"), length: "-1"}, skip(ReasonMalformedWARC, `invalid Content-Length "-1"`)},
		{"WARC/1.1", with(page(1, html), func(w *wrec) { w.version = "1.1" }), want{format: HTML, text: html}},
		{"WARC/0.18", with(page(1, html), func(w *wrec) { w.version = "0.18" }), want{format: HTML, text: html}},
		{"malformed header lines", with(page(1, html), func(w *wrec) {
			w.extra = []string{"no colon here", " continuation", ": empty name", "WARC-Date: second date ignored"}
		}), want{format: HTML, text: html}},
		{"LF-only WARC header", wrec{}, want{format: HTML, text: html}}, // built below
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The record between two others: reading must go on after it.
			rec := tt.rec.bytes()
			if tt.name == "LF-only WARC header" {
				w := page(1, html)
				rec = []byte(strings.ReplaceAll(string(w.head()), "\r\n", "\n"))
				rec = append(append(rec, w.block...), "\n\n"...)
			}
			data := append(warcinfo().bytes(), rec...)
			data = append(data, page(2, "<p>after").bytes()...)
			gs := readWARCBytes(t, "t.warc", data, Options{})
			checkAll(t, gs,
				skip(ReasonSkippedType, "warcinfo record"),
				tt.want,
				want{format: HTML, text: "<p>after"})
			// With NonPages, every well-formed record comes back, the
			// ones that are not pages as Format WARC with the reason.
			np := readWARCBytes(t, "t.warc", data, Options{NonPages: true})
			if len(np) != 3 || np[0].err != nil || np[0].rec.Format != WARC || np[0].rec.NotPage != ReasonSkippedType || np[0].rec.WARCType != "warcinfo" {
				t.Fatalf("NonPages: %v", np)
			}
			switch g := np[1]; {
			case tt.want.reason == 0 || tt.want.reason == ReasonMalformedWARC:
				if g.err == nil && gs[1].err == nil && (g.rec.Format != gs[1].rec.Format || !bytes.Equal(g.rec.Text, gs[1].rec.Text)) ||
					(g.err == nil) != (gs[1].err == nil) {
					t.Errorf("NonPages changed a page or an error: %v, then %v", gs[1], g)
				}
			default:
				wantRaw := bytes.TrimSuffix(rec, []byte("\r\n\r\n"))
				if g.err != nil || g.rec.Format != WARC || g.rec.NotPage != tt.want.reason || !bytes.Equal(g.rec.Raw, wantRaw) || len(g.rec.Text) != 0 {
					t.Errorf("NonPages: %v (not a page: %v), want a WARC record for %v", g, g.rec.NotPage, tt.want.reason)
				}
			}
			off := int64(len(warcinfo().bytes()))
			if g := gs[1]; g.err != nil {
				var re *RecordError
				errors.As(g.err, &re)
				prefix := fmt.Sprintf("%s: offset %d: %s", re.File, off, re.Reason)
				if re.Line != 0 || re.Offset != off || !strings.HasPrefix(re.Error(), prefix) {
					t.Errorf("error %q (line %d, offset %d), want prefix %q", re, re.Line, re.Offset, prefix)
				}
				re.member = 100
				prefix = fmt.Sprintf("%s: offset %d (gzip member at 100): %s", re.File, off, re.Reason)
				if !strings.HasPrefix(re.Error(), prefix) {
					t.Errorf("error %q, want prefix %q", re, prefix)
				}
			} else {
				r := g.rec
				wantRaw := bytes.TrimSuffix(rec, []byte("\r\n\r\n"))
				wantRaw = bytes.TrimSuffix(wantRaw, []byte("\n\n"))
				if r.Offset != off || r.MemberOffset != -1 || r.Source != fmt.Sprintf("%s:%d", r.File, off) ||
					!bytes.Equal(r.Raw, wantRaw) || r.Line != 0 || r.Warning != 0 {
					t.Errorf("record %+v", r)
				}
				id := tt.rec.id
				if id == "" {
					id = r.Source
				}
				if tt.name == "LF-only WARC header" {
					id = "urn:uuid:page-1"
				}
				if r.ID != id || r.URL != tt.rec.uri && tt.name != "LF-only WARC header" || r.Date != tt.rec.date && tt.name != "LF-only WARC header" {
					t.Errorf("ID %q URL %q Date %q, want %q %q %q", r.ID, r.URL, r.Date, id, tt.rec.uri, tt.rec.date)
				}
			}
		})
	}
}

// TestWARCNonPagesLinks reads the links between the records of a capture:
// WARC-Concurrent-To (repeatable) and WARC-Refers-To.
func TestWARCNonPagesLinks(t *testing.T) {
	resp := page(1, "<p>x")
	resp.extra = []string{"WARC-Concurrent-To: <urn:uuid:req-1>"}
	req := wrec{typ: "request", id: "urn:uuid:req-1", ctype: "application/http; msgtype=request",
		block: []byte("GET / HTTP/1.1\r\n\r\n")}
	meta := wrec{typ: "metadata", id: "urn:uuid:meta-1", ctype: "application/warc-fields", block: []byte("a: b\r\n"),
		extra: []string{"WARC-Concurrent-To: <urn:uuid:page-1>", "WARC-Concurrent-To: <urn:uuid:req-1>"}}
	rev := wrec{typ: "revisit", id: "urn:uuid:rev-1", block: nil,
		extra: []string{"WARC-Refers-To: <urn:uuid:page-1>"}}
	path := writeFile(t, t.TempDir(), "l.warc", concat(req, resp, meta, rev))
	r := openFile(t, path, WARC, Options{NonPages: true})
	type link struct {
		typ, id, refers string
		concurrent      []string
		format          Format
	}
	var got []link
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		var conc []string
		for _, id := range rec.ConcurrentTo {
			conc = append(conc, strings.Clone(id))
		}
		got = append(got, link{strings.Clone(rec.WARCType), strings.Clone(rec.ID), strings.Clone(rec.RefersTo), conc, rec.Format})
	}
	want := []link{
		{"request", "urn:uuid:req-1", "", nil, WARC},
		{"response", "urn:uuid:page-1", "", []string{"urn:uuid:req-1"}, HTML},
		{"metadata", "urn:uuid:meta-1", "", []string{"urn:uuid:page-1", "urn:uuid:req-1"}, WARC},
		{"revisit", "urn:uuid:rev-1", "urn:uuid:page-1", nil, WARC},
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.typ != w.typ || g.id != w.id || g.refers != w.refers || !slices.Equal(g.concurrent, w.concurrent) || g.format != w.format {
			t.Errorf("record %d: %+v, want %+v", i, g, w)
		}
	}
}

func TestReasonFiltered(t *testing.T) {
	for r := Reason(1); r < numReasons; r++ {
		want := r == ReasonSkippedType || r == ReasonNotHTML || r == ReasonHTTPStatus
		if r.Filtered() != want {
			t.Errorf("%v.Filtered() = %v", r, !want)
		}
	}
}

// corpus returns a WARC file's records: a warcinfo, and for each page a
// request, a response and a metadata record, as Common Crawl writes them.
// One page is larger than the Reader's initial buffer.
func corpus(n int) (recs []wrec, pages []string) {
	recs = append(recs, warcinfo())
	for i := range n {
		body := fmt.Sprintf("<!doctype html><title>Page %d</title><p>%s", i, strings.Repeat("text ", i*37%200))
		if i == n/2 {
			body += strings.Repeat("<p>A long page. ", 100_000) // 1.6 MB
		}
		pages = append(pages, body)
		recs = append(recs,
			wrec{typ: "request", id: fmt.Sprintf("urn:req-%d", i), ctype: "application/http; msgtype=request",
				block: []byte("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n")},
			page(i, body),
			wrec{typ: "metadata", id: fmt.Sprintf("urn:meta-%d", i), ctype: "application/warc-fields",
				block: []byte("fetchTimeMs: 42\r\n")})
	}
	return recs, pages
}

// checkPages checks that gs holds the pages, each after its request and
// before its metadata record, and returns the page records.
func checkPages(t *testing.T, gs []got, pages []string) []Record {
	t.Helper()
	if len(gs) != 1+3*len(pages) {
		t.Fatalf("got %d events, want %d", len(gs), 1+3*len(pages))
	}
	var recs []Record
	for i, p := range pages {
		skip(ReasonSkippedType, "request record").check(t, gs[1+3*i])
		want{format: HTML, text: p, charset: "utf-8"}.check(t, gs[2+3*i])
		skip(ReasonSkippedType, "metadata record").check(t, gs[3+3*i])
		if id := fmt.Sprintf("urn:uuid:page-%d", i); gs[2+3*i].rec.ID != id {
			t.Fatalf("page %d: ID %q", i, gs[2+3*i].rec.ID)
		}
		recs = append(recs, gs[2+3*i].rec)
	}
	return recs
}

// checkSeek checks that each record can be read again from its Source
// offset: by decompressing the one gzip member at MemberOffset, or at
// Offset in the decompressed stream.
func checkSeek(t *testing.T, path string, recs []Record) {
	t.Helper()
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	stream := decompress(t, file)
	for _, rec := range recs {
		i := strings.LastIndexByte(rec.Source, ':')
		off, err := strconv.ParseInt(rec.Source[i+1:], 10, 64)
		if err != nil || rec.Source[:i] != path {
			t.Fatalf("Source %q", rec.Source)
		}
		var at []byte
		if rec.MemberOffset >= 0 {
			if off != rec.MemberOffset {
				t.Fatalf("Source %q, MemberOffset %d", rec.Source, rec.MemberOffset)
			}
			// One member, as a Common Crawl index user would read it.
			zr, err := gzip.NewReader(bytes.NewReader(file[off:]))
			if err != nil {
				t.Fatalf("%s: %v", rec.Source, err)
			}
			zr.Multistream(false)
			if at, err = io.ReadAll(zr); err != nil {
				t.Fatalf("%s: %v", rec.Source, err)
			}
		} else {
			if off != rec.Offset {
				t.Fatalf("Source %q, Offset %d", rec.Source, rec.Offset)
			}
			at = stream[off:]
		}
		if !bytes.HasPrefix(stream[rec.Offset:], rec.Raw) || !bytes.HasPrefix(at, rec.Raw) {
			t.Fatalf("%s: the record is not at its offset", rec.Source)
		}
		r, err := Open(Input{Path: "-", Format: WARC}, Options{Stdin: bytes.NewReader(at)})
		if err != nil {
			t.Fatal(err)
		}
		again, err := r.Next()
		if err != nil || again.ID != rec.ID || !bytes.Equal(again.Text, rec.Text) {
			t.Fatalf("%s: read again %v, %v; want %s", rec.Source, again, err, rec.ID)
		}
		r.Close()
	}
}

// decompress undoes gzip (all members) or zstd.
func decompress(tb testing.TB, b []byte) []byte {
	switch detectCompression(b) {
	case compGzip:
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			tb.Fatal(err)
		}
		out, err := io.ReadAll(zr)
		if err != nil {
			tb.Fatal(err)
		}
		return out
	case compZstd:
		zr, err := zstd.NewReader(bytes.NewReader(b))
		if err != nil {
			tb.Fatal(err)
		}
		defer zr.Close()
		out, err := io.ReadAll(zr)
		if err != nil {
			tb.Fatal(err)
		}
		return out
	}
	return b
}

// onlyReader hides every method but Read (so the source cannot seek).
type onlyReader struct{ io.Reader }

func TestWARCCompression(t *testing.T) {
	recs, pages := corpus(40)
	plain := concat(recs...)
	perRecord, memberOffs := gzipEach(t, recs...)
	// Members of two records each.
	var grouped []byte
	var groupOffs []int64
	for i := 0; i < len(recs); i += 2 {
		groupOffs = append(groupOffs, int64(len(grouped)))
		grouped = append(grouped, gzipBytes(t, concat(recs[i:min(i+2, len(recs))]...))...)
	}
	half := len(plain)/2 + 7
	tests := []struct {
		name, file string
		content    []byte
		members    []int64 // member offsets of the records, or nil
		stdin      bool
	}{
		{"plain", "a.warc", plain, nil, false},
		{"gzip member per record", "a.warc.gz", perRecord, memberOffs, false},
		{"gzip whole file, one member", "a.warc.gz", gzipBytes(t, plain), nil, false},
		{"gzip two members split mid-record", "a.warc.gz", append(gzipBytes(t, plain[:half]), gzipBytes(t, plain[half:])...), nil, false},
		{"gzip two records per member", "a.warc.gz", grouped, nil, false},
		{"zstd", "a.warc.zst", zstdBytes(t, plain), nil, false},
		{"WET name, gzip", "a.warc.wet.gz", perRecord, memberOffs, false},
		{"unknown name, gzip member per record", "a.dat", perRecord, memberOffs, false},
		{"unknown name, plain", "a.dat", plain, nil, false},
		{"stdin, gzip member per record", "a.warc.gz", perRecord, memberOffs, true},
		{"stdin, gzip whole file", "a.warc.gz", gzipBytes(t, plain), nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), tt.file, tt.content)
			var r *Reader
			if tt.stdin {
				var err error
				r, err = Open(Input{Path: "-"}, Options{Stdin: onlyReader{bytes.NewReader(tt.content)}})
				if err != nil {
					t.Fatal(err)
				}
				defer r.Close()
			} else {
				ins, err := Expand([]string{path})
				if err != nil || len(ins) != 1 || ins[0].Format != WARC {
					t.Fatalf("Expand: %v, %v", ins, err)
				}
				r = openFile(t, path, ins[0].Format, Options{})
			}
			got := checkPages(t, readRecords(t, r), pages)
			if r.Format() != WARC {
				t.Errorf("format %v", r.Format())
			}
			for i, rec := range got {
				want := int64(-1)
				if tt.members != nil {
					want = tt.members[2+3*i]
				}
				if tt.name == "gzip two records per member" && (2+3*i)%2 == 0 {
					want = groupOffs[(2+3*i)/2]
				}
				if rec.MemberOffset != want {
					t.Fatalf("page %d: MemberOffset %d, want %d", i, rec.MemberOffset, want)
				}
			}
			if !tt.stdin {
				checkSeek(t, path, got)
			}
		})
	}
}

// samplesDir holds real WARC files shared by the team (see
// ../shared/data/README.md from the project root); tests that need them
// skip when it is absent.
const samplesDir = "../../../shared/data/warc-samples"

func sample(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(samplesDir, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared sample absent: %v", err)
	}
	return p
}

func TestWARCSamples(t *testing.T) {
	tests := []struct {
		file    string
		skipped map[string]int // by detail
		pages   int
		// For every page.
		date    func(string) bool
		charset map[string]int
		contain string // in the text of every page
	}{
		{
			// Common Crawl CC-MAIN-2020-34: 1 warcinfo, 17 request, 16
			// response and 16 metadata records, one gzip member each.
			file:    "resiliparse-cc-sample.warc.gz",
			skipped: map[string]int{"warcinfo record": 1, "request record": 17, "metadata record": 16},
			pages:   16,
			date:    func(d string) bool { return strings.HasPrefix(d, "2020-08-08T") && strings.HasSuffix(d, "Z") },
			charset: map[string]int{"utf-8": 7, "gbk": 6, "windows-1251": 1, "windows-1252": 2},
			contain: "<",
		},
		{
			// ClueWeb09-ja in WARC/0.18: malformed dates, EUC-JP bodies,
			// a gzip Content-Encoding header over bodies stored decoded.
			file:    "resiliparse-clueweb-quirk.warc.gz",
			skipped: map[string]int{"warcinfo record": 1},
			pages:   29,
			date:    func(d string) bool { return d == "2008-10-294T05:21:46-0700" },
			charset: map[string]int{"euc-jp": 29},
			contain: "ヘッドポーター", // "Head Porter", the brand every page sells
		},
		{
			file:    "warcio-example.warc.gz",
			skipped: map[string]int{"warcinfo record": 2, "request record": 2, "revisit record": 1},
			pages:   1,
			date:    func(d string) bool { return d == "2017-03-06T04:02:06Z" },
			charset: map[string]int{"utf-8": 1},
			contain: "<title>Example Domain</title>",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := sample(t, tt.file)
			ins, err := Expand([]string{path})
			if err != nil || len(ins) != 1 || ins[0].Format != WARC || !ins[0].Compressed {
				t.Fatalf("Expand: %+v, %v", ins, err)
			}
			gs := readRecords(t, openFile(t, path, WARC, Options{}))
			skipped := map[string]int{}
			charsets := map[string]int{}
			var recs []Record
			for _, g := range gs {
				var re *RecordError
				switch {
				case errors.As(g.err, &re):
					if re.Reason != ReasonSkippedType {
						t.Errorf("unexpected %v", g.err)
					}
					skipped[re.Err.Error()]++
				case g.err != nil:
					t.Fatalf("file error %v", g.err)
				default:
					recs = append(recs, g.rec)
					charsets[g.rec.Charset]++
					r := g.rec
					if r.Format != HTML || !tt.date(r.Date) || !strings.HasPrefix(r.ID, "urn:uuid:") ||
						!strings.HasPrefix(r.URL, "http://") || r.MemberOffset < 0 || r.Warning != 0 && r.Warning != ReasonLegacyEncoding ||
						!utf8.Valid(r.Text) || !strings.Contains(string(r.Text), tt.contain) {
						t.Errorf("record %s %s %s %s format %v warning %v, text %q", r.Source, r.ID, r.URL, r.Date, r.Format, r.Warning, clipText(r.Text))
					}
				}
			}
			if len(recs) != tt.pages || !maps.Equal(skipped, tt.skipped) || !maps.Equal(charsets, tt.charset) {
				t.Errorf("%d pages, skipped %v, charsets %v; want %d, %v, %v", len(recs), skipped, charsets, tt.pages, tt.skipped, tt.charset)
			}
			checkSeek(t, path, recs)
		})
	}
}

// TestWARCDamaged reads WARC files with every kind of damage: each must
// cost only the damaged records, reported with their offset, and reading
// must go on after them.
func TestWARCDamaged(t *testing.T) {
	const n = 6
	var recs []wrec
	var texts []string
	for i := range n {
		texts = append(texts, fmt.Sprintf("<p>page %d %s", i, numbers(300+i)))
		recs = append(recs, page(i, texts[i]))
	}
	plain := concat(recs...)
	offs := make([]int64, n+1) // of each record in plain
	for i := range n {
		offs[i+1] = offs[i] + int64(len(recs[i].bytes()))
	}
	perRecord, mem := gzipEach(t, recs...)
	mem = append(mem, int64(len(perRecord)))
	// ok is page i; bad is an error with a reason and a detail.
	ok := func(i int) want { return want{format: HTML, text: texts[i]} }
	pagesOK := func(is ...int) []want {
		var ws []want
		for _, i := range is {
			ws = append(ws, ok(i))
		}
		return ws
	}
	with := func(ws []want, i int, w ...want) []want {
		return append(append(append([]want(nil), ws[:i]...), w...), ws[i:]...)
	}
	all := pagesOK(0, 1, 2, 3, 4, 5)
	// Content-Length changed on record 2.
	length := func(delta int64) []byte {
		r := recs[2]
		r.length = strconv.FormatInt(int64(len(r.block))+delta, 10)
		return concat(append(append(append([]wrec(nil), recs[:2]...), r), recs[3:]...)...)
	}
	// The member of record 2 with its deflate data or CRC damaged.
	member := func(f func(m []byte)) []byte {
		b := bytes.Clone(perRecord)
		f(b[mem[2]:mem[3]])
		return b
	}
	splice := func(b []byte, at int64, ins string) []byte {
		return append(append(append([]byte(nil), b[:at]...), ins...), b[at:]...)
	}
	tests := []struct {
		name, file string
		content    []byte
		want       []want
		stdin      bool // read through a Reader that cannot seek
		atOffset   int64
	}{
		{"truncated in a block", "a.warc", plain[:offs[5]+400], with(pagesOK(0, 1, 2, 3, 4), 5,
			bad(ReasonTruncated, "overruns the end of the file by")), false, offs[5]},
		{"truncated in a header", "a.warc", plain[:offs[5]+20], with(pagesOK(0, 1, 2, 3, 4), 5,
			bad(ReasonTruncated, "ends in the record's header")), false, offs[5]},
		{"truncated in the record end", "a.warc", plain[:len(plain)-2], all, false, 0},
		{"Content-Length overruns the file", "a.warc", length(1 << 20), with(pagesOK(0, 1, 3, 4, 5), 2,
			bad(ReasonTruncated, "overruns the end of the file")), false, offs[2]},
		{"Content-Length overruns the input (stdin)", "a.warc", length(1 << 20), with(pagesOK(0, 1, 3, 4, 5), 2,
			bad(ReasonTruncated, "overruns the end of the input")), true, offs[2]},
		{"Content-Length of a terabyte", "a.warc", length(1 << 40), with(pagesOK(0, 1, 3, 4, 5), 2,
			bad(ReasonTruncated, "overruns the end of the file")), false, offs[2]},
		{"Content-Length too long", "a.warc", length(+50), with(pagesOK(0, 1, 3, 4, 5), 2,
			bad(ReasonMalformedWARC, "not followed by the end of the record")), false, offs[2]},
		{"Content-Length too short", "a.warc", length(-50), with(pagesOK(0, 1, 3, 4, 5), 2,
			bad(ReasonMalformedWARC, "not followed by the end of the record")), false, offs[2]},
		{"garbage between records", "a.warc", splice(plain, offs[3], "garbage\r\n"), with(all, 3,
			bad(ReasonMalformedWARC, `no "WARC/" version line: 9 bytes skipped`)), false, offs[3]},
		{"garbage before the first record", "a.warc", splice(plain, 0, "GET / HTTP/1.1\r\nWARC/x\r\n"), with(all, 0,
			bad(ReasonMalformedWARC, "24 bytes skipped")), false, 0},
		{"records without their CRLFs", "a.warc", bytes.ReplaceAll(plain, []byte("\r\n\r\nWARC/"), []byte("WARC/")), all, false, 0},
		{"records ending with LFs", "a.warc", bytes.ReplaceAll(plain, []byte("\r\n\r\nWARC/"), []byte("\n\n\n\nWARC/")), all, false, 0},
		{"not a WARC file", "a.warc", []byte("{\"text\":\"a JSONL line\"}\n"), []want{
			bad(ReasonMalformedWARC, `not a WARC file: no record starts with "WARC/" in 24 bytes`)}, false, 0},
		{"empty file", "a.warc", nil, nil, false, 0},
		{"only blank lines", "a.warc", []byte("\r\n\r\n\n"), nil, false, 0},
		{"header never ends", "a.warc", append(bytes.Clone(plain[:offs[5]]), "WARC/1.0\r\nWARC-Type: response\r\n"...), with(pagesOK(0, 1, 2, 3, 4), 5,
			bad(ReasonTruncated, "ends in the record's header")), false, offs[5]},
		{"gzip: deflate data damaged", "a.warc.gz", member(func(m []byte) { garbleRange(m, 20, len(m)-20) }), with(pagesOK(0, 1, 3, 4, 5), 2,
			bad(ReasonCorrupt, fmt.Sprintf("gzip member at compressed offset %d is damaged", mem[2]))), false, offs[2]},
		{"gzip: CRC wrong", "a.warc.gz", member(func(m []byte) { m[len(m)-8] ^= 1 }), with(pagesOK(0, 1, 3, 4, 5), 2,
			bad(ReasonCorrupt, "checksum")), false, offs[2]},
		{"gzip: CRC wrong (stdin)", "a.warc.gz", member(func(m []byte) { m[len(m)-8] ^= 1 }), with(pagesOK(0, 1, 3, 4, 5), 2,
			bad(ReasonCorrupt, "checksum")), true, offs[2]},
		{"gzip: header damaged", "a.warc.gz", member(func(m []byte) { m[2] = 99 }), with(pagesOK(0, 1, 3, 4, 5), 2,
			bad(ReasonCorrupt, fmt.Sprintf("not a gzip member at compressed offset %d skipped", mem[2]))), false, offs[2]},
		{"gzip: garbage between members", "a.warc.gz", splice(perRecord, mem[3], "GARBAGE!"), with(all, 3,
			bad(ReasonCorrupt, fmt.Sprintf("8 bytes that are not a gzip member at compressed offset %d skipped", mem[3]))), false, offs[3]},
		{"gzip: garbage at the end", "a.warc.gz", append(bytes.Clone(perRecord), "trailing junk"...), with(all, 6,
			bad(ReasonCorrupt, "13 bytes that are not a gzip member")), false, offs[6]},
		{"gzip: zero padding at the end", "a.warc.gz", append(bytes.Clone(perRecord), make([]byte, 4096)...), all, false, 0},
		{"gzip: truncated in the last member", "a.warc.gz", perRecord[:mem[5]+40], with(pagesOK(0, 1, 2, 3, 4), 5,
			bad(ReasonTruncated, fmt.Sprintf("gzip member at compressed offset %d is truncated", mem[5]))), false, offs[5]},
		{"gzip: truncated in the last member (stdin)", "a.warc.gz", perRecord[:mem[5]+40], with(pagesOK(0, 1, 2, 3, 4), 5,
			bad(ReasonTruncated, "is truncated")), true, offs[5]},
		{"gzip: truncated in a member header", "a.warc.gz", perRecord[:mem[5]+5], with(pagesOK(0, 1, 2, 3, 4), 5,
			bad(ReasonCorrupt, fmt.Sprintf("5 bytes that are not a gzip member at compressed offset %d", mem[5]))), false, offs[5]},
		{"gzip: a member with a non-WARC file", "a.warc.gz", splice(perRecord, mem[3], string(gzipBytes(t, []byte("not a record\n")))), with(all, 3,
			bad(ReasonMalformedWARC, "13 bytes skipped")), false, offs[3]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r *Reader
			path := writeFile(t, t.TempDir(), tt.file, tt.content)
			if tt.stdin {
				var err error
				r, err = Open(Input{Path: "-", Format: WARC}, Options{Stdin: onlyReader{bytes.NewReader(tt.content)}})
				if err != nil {
					t.Fatal(err)
				}
				defer r.Close()
			} else {
				r = openFile(t, path, WARC, Options{})
			}
			gs := readRecords(t, r)
			checkAll(t, gs, tt.want...)
			for _, g := range gs {
				var re *RecordError
				if errors.As(g.err, &re) {
					if re.Offset != tt.atOffset || !hasErrorPrefix(re) {
						t.Errorf("error %q at offset %d, want offset %d", re, re.Offset, tt.atOffset)
					}
				}
			}
		})
	}
}

// hasErrorPrefix reports whether a WARC RecordError's message starts with
// "FILE: offset N: reason: " or "FILE: offset N (gzip member at M): reason: ".
func hasErrorPrefix(re *RecordError) bool {
	at := fmt.Sprintf("%s: offset %d", re.File, re.Offset)
	if re.member > 0 {
		at += fmt.Sprintf(" (gzip member at %d)", re.member)
	}
	return strings.HasPrefix(re.Error(), fmt.Sprintf("%s: %s: ", at, re.Reason))
}

// garbleRange flips bits in b[from:to].
func garbleRange(b []byte, from, to int) {
	for i := from; i < to; i++ {
		b[i] ^= 0x5a
	}
}

// TestWARCWholeGzipDamaged damages a WARC gzipped as one member: the
// records before the damage are read, the damage is reported, and reading
// ends without a file error. (Records after the damage may decode wrongly,
// as deflate copies damaged bytes forward; the member's checksum, at its
// end, is the only check, and it flags the last record.)
func TestWARCWholeGzipDamaged(t *testing.T) {
	recs, pages := corpus(30)
	gz := gzipBytes(t, concat(recs...))
	for _, at := range []int{len(gz) / 4, len(gz) / 2, len(gz) - 12} {
		for _, stdin := range []bool{false, true} {
			t.Run(fmt.Sprintf("at=%d/stdin=%v", at, stdin), func(t *testing.T) {
				b := bytes.Clone(gz)
				garbleRange(b, at, at+8)
				var src io.Reader = bytes.NewReader(b)
				if stdin {
					src = onlyReader{src}
				}
				r, err := Open(Input{Path: "-", Format: WARC}, Options{Stdin: src})
				if err != nil {
					t.Fatal(err)
				}
				defer r.Close()
				gs := readRecords(t, r)
				n, errs := 0, 0
				for _, g := range gs {
					var re *RecordError
					switch {
					case errors.As(g.err, &re):
						if re.Reason != ReasonSkippedType {
							errs++
						}
					case g.err != nil:
						t.Fatalf("file error %v", g.err)
					case errs == 0:
						if n >= len(pages) || string(g.rec.Text) != pages[n] {
							t.Fatalf("record %d is not page %d: %v", n, n, g)
						}
						n++
					}
				}
				if errs == 0 {
					t.Errorf("no damage reported; %d pages", n)
				}
			})
		}
	}
}

// TestWARCHugeRecordBoundedMemory skips a 100 MB record with a 1 MiB limit
// without holding it.
func TestWARCHugeRecordBoundedMemory(t *testing.T) {
	const size = 100 << 20
	big := page(1, "")
	big.block = nil
	big.length = strconv.Itoa(size)
	head := big.head()
	tail := append([]byte("\r\n\r\n"), page(2, "<p>after").bytes()...)
	for _, typ := range []string{"response", "request"} {
		t.Run(typ, func(t *testing.T) {
			h := bytes.Replace(head, []byte("WARC-Type: response"), []byte("WARC-Type: "+typ), 1)
			src := io.MultiReader(bytes.NewReader(h), io.LimitReader(repeatReader('x'), size), bytes.NewReader(tail))
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			r, err := Open(Input{Path: "-", Format: WARC}, Options{MaxRecordBytes: 1 << 20, Stdin: src})
			if err != nil {
				t.Fatal(err)
			}
			gs := readRecords(t, r)
			runtime.ReadMemStats(&after)
			w := bad(ReasonTooLarge, "limit 1048576")
			if typ == "request" {
				w = bad(ReasonSkippedType, "request record")
			}
			checkAll(t, gs, w, want{format: HTML, text: "<p>after"})
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
				t.Errorf("allocated %d MiB skipping a %d MiB record", alloc>>20, size>>20)
			}
		})
	}
}

// repeatReader reads an endless run of one byte.
type repeatReader byte

func (c repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(c)
	}
	return len(p), nil
}

func bad(reason Reason, detail string) want { return skip(reason, detail) }

func TestWARCZstdTruncated(t *testing.T) {
	recs, _ := corpus(5)
	zs := zstdBytes(t, concat(recs...))
	gs := readWARCBytes(t, "a.warc.zst", zs[:len(zs)/2], Options{})
	last := gs[len(gs)-1]
	var re *RecordError
	if last.err == nil || errors.As(last.err, &re) || !strings.Contains(last.err.Error(), "truncated zstd stream at offset") {
		t.Errorf("last event %v, want a file error", last)
	}
}

// TestWARCSegments: a record split across records (WARC-Segment-Number,
// continuation records) is skipped with ReasonSegmented and counted, not
// read as a truncated page; a deduplicated output keeps its records.
func TestWARCSegments(t *testing.T) {
	whole := "<html><body><p>" + strings.Repeat("a long page split in two ", 20) + "</p></body></html>"
	block := httpBlock("200 OK", []string{"Content-Type: text/html"}, []byte(whole))
	first := page(2, "")
	first.block = block[:len(block)/2]
	first.extra = []string{"WARC-Segment-Number: 1"}
	cont := wrec{typ: "continuation", id: "urn:uuid:cont-2", block: block[len(block)/2:],
		extra: []string{"WARC-Segment-Origin-ID: <urn:uuid:page-2>", "WARC-Segment-Number: 2", "WARC-Segment-Total-Length: " + itoa(int64(len(block)))}}
	data := concat(page(1, "<p>one"), first, cont, page(3, "<p>three"))
	gs := readWARCBytes(t, "s.warc", data, Options{})
	var reasons []Reason
	pages := 0
	for _, g := range gs {
		var re *RecordError
		switch {
		case errors.As(g.err, &re):
			reasons = append(reasons, re.Reason)
			if !strings.Contains(re.Error(), "segment") || re.Reason.Filtered() {
				t.Errorf("%v", re)
			}
		case g.err == nil:
			pages++
		}
	}
	if pages != 2 || !slices.Equal(reasons, []Reason{ReasonSegmented, ReasonSegmented}) {
		t.Errorf("%d pages, skipped %v; want 2 pages and 2 segments", pages, reasons)
	}
	// With NonPages, the segments are records to copy.
	path := writeFile(t, t.TempDir(), "s2.warc", data)
	r := openFile(t, path, WARC, Options{NonPages: true})
	var kinds []string
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		kinds = append(kinds, rec.WARCType+"/"+rec.Format.String()+"/"+rec.NotPage.String())
	}
	want := []string{"response/html/Reason(0)", "response/warc/segmented WARC record (not reassembled)", "continuation/warc/segmented WARC record (not reassembled)", "response/html/Reason(0)"}
	if !slices.Equal(kinds, want) {
		t.Errorf("NonPages: %v, want %v", kinds, want)
	}
}
