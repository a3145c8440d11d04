package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/klauspost/compress/gzip"
)

// FuzzReader reads arbitrary bytes as an input, plain or compressed
// (mode: bits 0-1 the format, bits 2-3 the wrapping: none, gzip, truncated
// gzip, zstd), with an arbitrary record size limit. (Detect may find WARC or
// HTML; FuzzWARC looks at WARC closely.) It must not panic; every
// error must be a RecordError for a later line or a final file-level error;
// records must be consistent with the input.
func FuzzReader(f *testing.F) {
	seeds := []string{
		"{\"id\":\"a\",\"text\":\"hello\"}\n{\"text\":\"b\"}",
		"{\"text\":\"a\"}\r\n\r\n  \n{\"text\":1}\n[1]\n{bad\n\xef\xbb\xbf{}",
		"\xef\xbb\xbf{\"text\":\"bom\"}\n",
		"plain text file\nwith lines\n",
		"nul\x00byte",
		"{\"text\":\"" + strings.Repeat("long ", 100) + "\"}\n{\"text\":\"x\"}\n",
		string(gzipBytes(f, []byte("{\"text\":\"inner\"}\n"))),
		"{\"text\":\"caf\xe9 latin-1\"}\n{\"m\":{\"b\":\"x\"}}\n",
		"WARC/1.0\r\nWARC-Type: continuation\r\nWARC-Segment-Number: 2\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n",
		"filedesc://x.arc 0.0.0.0 20080430204825 text/plain 3\nabc\nhttp://a/ 1.2.3.4 20080430204825 text/html 7\n<p>hi.\n\n",
	}
	for i, s := range seeds {
		f.Add([]byte(s), uint8(i), uint16(0))
		f.Add([]byte(s), uint8(i*5+1), uint16(20))
	}
	f.Fuzz(func(t *testing.T, data []byte, mode uint8, limit uint16) {
		format := Format(mode & 3 % 3)
		wrap := mode >> 2 & 3
		content := data
		switch wrap {
		case 1:
			content = gzipBytes(t, data)
		case 2:
			gz := gzipBytes(t, data)
			content = gz[:int(limit)%len(gz)]
		case 3:
			content = zstdBytes(t, data)
		}
		// The stream the reader decompresses, when it is known.
		stream := data
		magic := len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b ||
			len(data) >= 4 && (data[0] == 0x28 || data[0]&0xF0 == 0x50)
		if wrap == 2 || wrap == 0 && magic {
			stream = nil
		}
		opts := Options{MaxRecordBytes: int(limit), Stdin: bytes.NewReader(content)}
		r, err := Open(Input{Path: "-", Format: format}, opts)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		max := int(limit)
		if max == 0 {
			max = DefaultMaxRecordBytes
		}

		var lastLine, lastOffset int64 = 0, -1
		for n := 0; ; n++ {
			if n > len(data)+2 {
				t.Fatalf("more events than bytes")
			}
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			var re *RecordError
			switch {
			case errors.As(err, &re) && r.Format() == ARC:
				// Checked in detail by FuzzARC.
				if re.File != "-" || re.Line != 0 || re.Reason == 0 || re.Reason >= numReasons || !hasErrorPrefix(re) {
					t.Fatalf("bad ARC record error %#v %q", re, re)
				}
			case errors.As(err, &re) && r.Format() == WARC:
				// Checked in detail by FuzzWARC.
				if re.File != "-" || re.Line != 0 || re.Reason == 0 || re.Reason >= ReasonUnknownCharset && re.Reason != ReasonSegmented || !hasErrorPrefix(re) {
					t.Fatalf("bad WARC record error %#v %q", re, re)
				}
			case errors.As(err, &re):
				if re.File != "-" || re.Line <= lastLine || re.Reason == 0 || re.Reason >= numReasons ||
					!strings.HasPrefix(re.Error(), fmt.Sprintf("-:%d: %s", re.Line, re.Reason)) {
					t.Fatalf("bad record error after line %d: %#v %q", lastLine, re, re)
				}
				if r.Format() == JSONL {
					lastLine = re.Line
				}
			case err != nil:
				if stream != nil && wrap == 0 {
					t.Fatalf("file error on an uncompressed stream: %v", err)
				}
				if !strings.HasPrefix(err.Error(), "input: -: ") {
					t.Fatalf("file error %q", err)
				}
				if rec, err := r.Next(); rec != nil || err != io.EOF {
					t.Fatalf("after a file error: %v, %v", rec, err)
				}
				return
			case r.Format() == ARC:
				if rec.File != "-" || rec.Offset <= lastOffset || !utf8.Valid(rec.Text) || isBlank(rec.Text) || !rec.ARC {
					t.Fatalf("bad ARC record after offset %d: %+v", lastOffset, rec)
				}
				lastOffset = rec.Offset
			case r.Format() == WARC:
				if rec.File != "-" || rec.Offset <= lastOffset || !utf8.Valid(rec.Text) || isBlank(rec.Text) ||
					len(rec.Raw) > max || !bytes.HasPrefix(rec.Raw, warcMagic) {
					t.Fatalf("bad WARC record after offset %d: %+v", lastOffset, rec)
				}
				lastOffset = rec.Offset
			default:
				if rec.File != "-" || rec.Line <= lastLine || rec.Offset <= lastOffset ||
					!utf8.Valid(rec.Text) || isBlank(rec.Text) || len(rec.Raw) > max || rec.Format != r.Format() {
					t.Fatalf("bad record after line %d offset %d: %+v", lastLine, lastOffset, rec)
				}
				if stream != nil && !bytes.Equal(stream[rec.Offset:rec.Offset+int64(len(rec.Raw))], rec.Raw) {
					t.Fatalf("Raw %q is not the input at offset %d", rec.Raw, rec.Offset)
				}
				switch rec.Format {
				case JSONL:
					if bytes.IndexByte(rec.Raw, '\n') >= 0 || rec.Source != fmt.Sprintf("-:%d", rec.Line) {
						t.Fatalf("bad JSONL record %+v", rec)
					}
				case Text, HTML:
					if rec.Source != "-" || rec.ID != "-" || stream != nil && !bytes.Equal(rec.Raw, stream) {
						t.Fatalf("bad text record %+v", rec)
					}
				default:
					t.Fatalf("format %v", rec.Format)
				}
				lastLine, lastOffset = rec.Line, rec.Offset
			}
		}
	})
}

// FuzzWARC reads arbitrary bytes as a WARC file: as they are, gzipped as
// one member, gzipped member by member (split before each "WARC/" line),
// and the latter with a damaged byte (mode: bits 0-1), with an arbitrary
// record size limit, through a Reader that can seek or not (mode bit 2).
// It must not panic; every error must be a RecordError at an offset that
// does not go back, or a final file-level error where compressed data is
// damaged; every record must be consistent with the input.
func FuzzWARC(f *testing.F) {
	recs, _ := corpus(2)
	recs = append(recs[:4:4], recs[7:]...) // without the long page
	seeds := [][]byte{
		concat(recs...),
		concat(warcinfo(), page(1, "<p>x"), wrec{typ: "conversion", ctype: "text/plain", block: []byte("wet text")}),
		concat(page(1, "<meta charset=euc-jp><p>\xc6\xfc\xcb\xdc"), wrec{typ: "resource", ctype: "text/html; charset=koi8-r", block: []byte("<p>\xf0\xd2")}),
		append(page(1, "").head(), "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n5\r\nhello\r\n0\r\n\r\n"...),
		[]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>\r\n\r\nWARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 3\r\n\r\n<p>\r\n\r\n"),
		[]byte("garbage\nWARC/0.18\nWARC-Type: conversion\nContent-Length: 2\n\nab\n\nWARC/"),
		bytes.ReplaceAll(concat(recs...), []byte("\r\n"), []byte("\n")),
		// a segmented response, its continuation, a page not in UTF-8
		concat(wrec{typ: "response", extra: []string{"WARC-Segment-Number: 1"}, block: httpBlock("200 OK", []string{"Content-Type: text/html"}, []byte("<p>half"))},
			wrec{typ: "continuation", extra: []string{"WARC-Segment-Number: 2"}, block: []byte(" of it</p>")},
			wrec{typ: "resource", ctype: "text/html", block: []byte("<p>caf\xe9")}),
	}
	if b, err := os.ReadFile(filepath.Join(samplesDir, "warcio-example.warc.gz")); err == nil {
		seeds = append(seeds, decompress(f, b))
	}
	for i, s := range seeds {
		f.Add(s, uint8(i), uint16(0))
		f.Add(s, uint8(i*3+1), uint16(200))
	}
	// One gzip writer for all runs: a new one costs more than a run.
	var zb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&zb, gzip.BestSpeed)
	gz := func(dst, b []byte) []byte {
		zb.Reset()
		zw.Reset(&zb)
		zw.Write(b)
		zw.Close()
		return append(dst, zb.Bytes()...)
	}
	f.Fuzz(func(t *testing.T, data []byte, mode uint8, limit uint16) {
		content, stream := data, data // stream: what the reader decompresses, if known
		switch mode & 3 {
		case 0:
			if detectCompression(data) != compNone {
				stream = nil
			}
		case 1:
			content = gz(nil, data)
		case 2, 3:
			content = nil
			for rest := data; len(rest) > 0; {
				k := bytes.Index(rest[1:], nlWARC)
				if k < 0 {
					k = len(rest)
				} else {
					k += 2
				}
				content = gz(content, rest[:k])
				rest = rest[k:]
			}
			if mode&3 == 3 && len(content) > 0 {
				content[int(limit)%len(content)] ^= 0x20
				stream = nil
			}
		}
		var src io.Reader = bytes.NewReader(content)
		if mode&4 != 0 {
			src = onlyReader{src}
		}
		r, err := Open(Input{Path: "-", Format: WARC}, Options{MaxRecordBytes: int(limit), Stdin: src})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		max := int(limit)
		if max == 0 {
			max = DefaultMaxRecordBytes
		}
		last := int64(0)
		for n := 0; ; n++ {
			if n > 2*len(content)+2 {
				t.Fatalf("more events than bytes")
			}
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			var re *RecordError
			switch {
			case errors.As(err, &re):
				if re.File != "-" || re.Line != 0 || re.Reason == 0 || re.Reason >= ReasonUnknownCharset && re.Reason != ReasonSegmented ||
					re.Offset < last || re.Err == nil || !hasErrorPrefix(re) {
					t.Fatalf("bad record error after offset %d: %#v %q", last, re, re)
				}
				last = re.Offset
			case err != nil:
				if stream != nil && mode&3 != 0 || !strings.HasPrefix(err.Error(), "input: -: ") {
					t.Fatalf("file error %q", err)
				}
				if rec, err := r.Next(); rec != nil || err != io.EOF {
					t.Fatalf("after a file error: %v, %v", rec, err)
				}
				return
			default:
				if rec.File != "-" || rec.Line != 0 || rec.Offset < last || rec.Format != HTML && rec.Format != Text ||
					!utf8.Valid(rec.Text) || isBlank(rec.Text) || len(rec.Text) > max || len(rec.Raw) > max ||
					!bytes.HasPrefix(rec.Raw, warcMagic) || rec.Charset == "" ||
					rec.Warning != 0 && rec.Warning != ReasonUnknownCharset && rec.Warning != ReasonLegacyEncoding {
					t.Fatalf("bad record after offset %d: %+v", last, rec)
				}
				off := rec.Offset
				if rec.MemberOffset >= 0 {
					off = rec.MemberOffset
				}
				plain := mode&3 == 0 && detectCompression(data) == compNone
				if rec.Source != "-:"+strconv.FormatInt(off, 10) ||
					plain && rec.MemberOffset != -1 || mode&3 == 1 && rec.MemberOffset > 0 {
					t.Fatalf("bad Source %q, MemberOffset %d, Offset %d", rec.Source, rec.MemberOffset, rec.Offset)
				}
				if stream != nil && !bytes.Equal(stream[rec.Offset:rec.Offset+int64(len(rec.Raw))], rec.Raw) {
					t.Fatalf("Raw %q is not the input at offset %d", rec.Raw, rec.Offset)
				}
				last = rec.Offset + 1
			}
		}
	})
}

// FuzzHTTPResponse parses arbitrary bytes as the HTTP response in a WARC
// record and decodes the page to UTF-8, with an arbitrary size limit. It
// must not panic, and the text must be valid UTF-8 within the limit.
func FuzzHTTPResponse(f *testing.F) {
	gz := gzipBytes(f, []byte("<p>zipped"))
	seeds := []string{
		"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=euc-jp\r\n\r\n<p>\xc6\xfc\xcb\xdc",
		"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + string(gz),
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n",
		"HTTP/1.0 200\nContent-Type: text/html\n\n<meta http-equiv=Content-Type content='text/html; charset=Shift_JIS'><p>\x93\xfa",
		"HTTP/1.1 200 OK\r\n\r\n<!-- x --><meta charset=\"utf-16\"><html>\xff\xfe",
		"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"utf-16le\"\r\n\r\n<\x00p\x00>\x00",
		"HTTP/1.1 200 OK\r\nContent-Encoding: br, deflate\r\nContent-Type: text/html\r\n\r\n\x1b\x03\x00",
		"HTTP/1.1 404 Not Found\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
	}
	for i, s := range seeds {
		f.Add([]byte(s), uint16(i*100))
	}
	f.Fuzz(func(t *testing.T, block []byte, limit uint16) {
		max := int(limit)
		if max == 0 {
			max = 1 << 20
		}
		var ws pageScratch
		ws.prescan(block[:min(len(block), prescanBytes)])
		format, body, ctype, reason, err := ws.httpResponse(block, []byte("text/html"), max)
		if reason != 0 {
			if err == nil || reason >= ReasonUnknownCharset {
				t.Fatalf("reason %v, error %v", reason, err)
			}
			return
		}
		if format != HTML && format != Text || len(body) > max && len(body) > len(block) {
			t.Fatalf("format %v, body of %d bytes", format, len(body))
		}
		text, cs, warn, reason, err := ws.decode(body, ctype, format == HTML, max)
		if reason != 0 {
			if err == nil || reason >= ReasonUnknownCharset {
				t.Fatalf("reason %v, error %v", reason, err)
			}
			return
		}
		if !utf8.Valid(text) || len(text) > max || isBlank(text) || cs == "" || warn != 0 && warn != ReasonUnknownCharset && warn != ReasonLegacyEncoding {
			t.Fatalf("text %q (%s, warning %v)", text, cs, warn)
		}
	})
}
