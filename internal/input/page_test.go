package input

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func deflateBytes(tb testing.TB, data []byte) []byte {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.DefaultCompression)
	w.Write(data)
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func zlibBytes(tb testing.TB, data []byte) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write(data)
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func brotliBytes(tb testing.TB, data []byte) []byte {
	var b bytes.Buffer
	w := brotli.NewWriter(&b)
	w.Write(data)
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// chunk applies the chunked transfer coding with chunks of n bytes.
func chunk(data []byte, n int, ext string) []byte {
	var b bytes.Buffer
	for len(data) > 0 {
		k := min(n, len(data))
		fmt.Fprintf(&b, "%x%s\r\n", k, ext)
		b.Write(data[:k])
		b.WriteString("\r\n")
		data = data[k:]
	}
	b.WriteString("0\r\nX-Trailer: yes\r\n\r\n")
	return b.Bytes()
}

// numbers returns an HTML page of the numbers below n: text that does not
// compress much.
func numbers(n int) []byte {
	b := []byte("<p>")
	for i := range n {
		b = fmt.Appendf(b, "%d ", i*7919%100003)
	}
	return b
}

// garble flips bits in the middle of a copy of b.
func garble(b []byte) []byte {
	b = bytes.Clone(b)
	for i := len(b) / 3; i < len(b)*2/3; i++ {
		b[i] ^= 0x5a
	}
	return b
}

func encode(tb testing.TB, e encoding.Encoding, s string) []byte {
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// readResponse reads one HTTP response in a WARC file and returns the
// event.
func readResponse(t *testing.T, headers []string, body []byte, opts Options) got {
	t.Helper()
	w := page(1, "")
	w.block = httpBlock("200 OK", headers, body)
	gs := readWARCBytes(t, "t.warc", w.bytes(), opts)
	if len(gs) != 1 {
		t.Fatalf("got %v", gs)
	}
	return gs[0]
}

func TestContentEncodings(t *testing.T) {
	html := "<html><body>" + strings.Repeat("Some page text, repeated. ", 40) + "</body></html>"
	h := []byte(html)
	ct := "Content-Type: text/html"
	gz := gzipBytes(t, h)
	tests := []struct {
		name    string
		headers []string
		body    []byte
		want    want
	}{
		{"identity", []string{ct, "Content-Encoding: identity"}, h, want{format: HTML, text: html}},
		{"gzip", []string{ct, "Content-Encoding: gzip"}, gz, want{format: HTML, text: html}},
		{"x-gzip upper case", []string{ct, "content-encoding: X-GZIP"}, gz, want{format: HTML, text: html}},
		{"deflate (zlib)", []string{ct, "Content-Encoding: deflate"}, zlibBytes(t, h), want{format: HTML, text: html}},
		{"deflate (raw)", []string{ct, "Content-Encoding: deflate"}, deflateBytes(t, h), want{format: HTML, text: html}},
		{"br", []string{ct, "Content-Encoding: br"}, brotliBytes(t, h), want{format: HTML, text: html}},
		{"zstd", []string{ct, "Content-Encoding: zstd"}, zstdBytes(t, h), want{format: HTML, text: html}},
		{"gzip then br", []string{ct, "Content-Encoding: gzip, br"}, brotliBytes(t, gz), want{format: HTML, text: html}},
		{"two headers", []string{ct, "Content-Encoding: gzip", "Content-Encoding: br"}, brotliBytes(t, gz), want{format: HTML, text: html}},
		{"chunked", []string{ct, "Transfer-Encoding: chunked"}, chunk(h, 100, ""), want{format: HTML, text: html}},
		{"chunked with extensions", []string{ct, "Transfer-Encoding: chunked"}, chunk(h, 7, ";name=value"), want{format: HTML, text: html}},
		{"chunked gzip", []string{ct, "Transfer-Encoding: chunked", "Content-Encoding: gzip"}, chunk(gz, 64, ""), want{format: HTML, text: html}},
		{"chunked cut short", []string{ct, "Transfer-Encoding: chunked"}, chunk(h, 100, "")[:250], want{format: HTML, text: html[:234]}},
		{"chunked header but dechunked body", []string{ct, "Transfer-Encoding: chunked"}, h, want{format: HTML, text: html}},
		{"broken chunk size", []string{ct, "Transfer-Encoding: chunked"}, []byte("5\r\nhello\r\nzz\r\nworld\r\n0\r\n\r\n"), skip(ReasonMalformedHTTP, "chunked")},
		{"gzip header, body already decoded (ClueWeb)", []string{ct, "Content-Encoding: gzip"}, h, want{format: HTML, text: html}},
		{"br header, body already decoded", []string{ct, "Content-Encoding: br"}, h, want{format: HTML, text: html}},
		{"deflate header, body already decoded", []string{ct, "Content-Encoding: deflate"}, h, want{format: HTML, text: html}},
		{"unknown coding, body already decoded", []string{ct, "Content-Encoding: none"}, h, want{format: HTML, text: html}},
		{"unknown coding", []string{ct, "Content-Encoding: compress"}, []byte("\x1f\x9d\x90\x01\x02\x03"), skip(ReasonContentEncoding, "unsupported Content-Encoding compress")},
		{"corrupt gzip", []string{ct, "Content-Encoding: gzip"}, append(bytes.Clone(gz[:10]), bytes.Repeat([]byte{0xff, 0x00}, 50)...), skip(ReasonContentEncoding, "Content-Encoding gzip")},
		{"corrupt br", []string{ct, "Content-Encoding: br"}, garble(brotliBytes(t, h)), skip(ReasonContentEncoding, "Content-Encoding br")},
		{"truncated gzip keeps what there is", []string{ct, "Content-Encoding: gzip"}, gzipBytes(t, numbers(5000))[:2000], want{format: HTML}},
		{"gzip with trailing garbage keeps the member", []string{ct, "Content-Encoding: gzip"}, append(bytes.Clone(gz), "garbage"...), want{format: HTML, text: html}},
		{"too many codings", []string{ct, "Content-Encoding: gzip, gzip, gzip, gzip, gzip"}, gz, skip(ReasonContentEncoding, "more than 4")},
		{"gzip bomb", []string{ct, "Content-Encoding: gzip"}, gzipBytes(t, bytes.Repeat([]byte("<"), 1<<20)), skip(ReasonTooLarge, "after undoing Content-Encoding gzip")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := readResponse(t, tt.headers, tt.body, Options{MaxRecordBytes: 64 << 10})
			if tt.name == "truncated gzip keeps what there is" {
				if g.err != nil || len(g.rec.Text) == 0 || !bytes.HasPrefix(numbers(5000), g.rec.Text) {
					t.Errorf("got %v", g)
				}
				return
			}
			tt.want.check(t, g)
		})
	}
}

func TestCharsets(t *testing.T) {
	const ja = "日本語のページです。カタカナ、ひらがな、漢字。"
	const zh = "简体中文网页，测试编码。"
	const ru = "Привет, мир! Тестовая страница."
	const fr = "Café crème, naïve façade — « déjà vu »."
	doc := func(head, body string) string {
		return "<!DOCTYPE html><html><head>" + head + "<title>t</title></head><body>" + body + "</body></html>"
	}
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	b := func(s string) []byte { return []byte(s) }
	html := func(s string) string { return doc("", s) }
	eucBody := encode(t, japanese.EUCJP, html(ja))
	sjisMeta := cat(b(`<!DOCTYPE html><html><head><meta charset="Shift_JIS"><title>t</title></head><body>`), encode(t, japanese.ShiftJIS, ja), b("</body></html>"))
	gbkPragma := cat(b(`<html><head><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=gb2312"></head><body>`), encode(t, simplifiedchinese.GBK, zh), b("</body></html>"))
	longHead := "<!-- " + strings.Repeat("padding ", 130) + " -->"
	tests := []struct {
		name    string
		ctype   string
		body    []byte
		text    string
		charset string
		warn    Reason
	}{
		{"HTTP charset EUC-JP", "text/html; charset=EUC-JP", eucBody, html(ja), "euc-jp", 0},
		{"HTTP charset quoted", `text/html; charset="euc-jp"`, eucBody, html(ja), "euc-jp", 0},
		{"HTTP charset among params", `text/html; q=1; Charset=EUC-JP ; x=y`, eucBody, html(ja), "euc-jp", 0},
		{"meta charset Shift_JIS", "text/html", sjisMeta, string(cat(b(`<!DOCTYPE html><html><head><meta charset="Shift_JIS"><title>t</title></head><body>`), b(ja), b("</body></html>"))), "shift_jis", 0},
		{"meta http-equiv gb2312", "text/html", gbkPragma, `<html><head><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=gb2312"></head><body>` + zh + "</body></html>", "gbk", 0},
		{"HTTP charset wins over meta", "text/html; charset=windows-1251", cat(b(`<meta charset="utf-8">`), encode(t, charmap.Windows1251, ru)), `<meta charset="utf-8">` + ru, "windows-1251", 0},
		{"ISO-8859-1 is windows-1252", "text/html; charset=ISO-8859-1", encode(t, charmap.Windows1252, html(fr)), html(fr), "windows-1252", 0},
		{"koi8-r", "text/html; charset=koi8-r", encode(t, charmap.KOI8R, html(ru)), html(ru), "koi8-r", 0},
		{"no charset, valid UTF-8", "text/html", b(html(fr)), html(fr), "utf-8", 0},
		{"no charset, ASCII", "text/html", b(html("plain ascii")), html("plain ascii"), "utf-8", 0},
		{"no charset, invalid UTF-8 is windows-1252", "text/html", encode(t, charmap.Windows1252, html(fr)), html(fr), "windows-1252", ReasonLegacyEncoding},
		{"UTF-8 cut in a character at the end", "text/html", b(html(ja))[:len(html(ja))-len("。</body></html>")+1], html(ja)[:len(html(ja))-len("。</body></html>")] + "\uFFFD", "utf-8", 0},
		{"declared UTF-8 with invalid bytes", "text/html; charset=utf-8", b("<p>a\xffb</p>"), "<p>a\uFFFDb</p>", "utf-8", 0},
		{"unknown HTTP charset, not UTF-8", "text/html; charset=x-no-such", encode(t, charmap.Windows1252, html(fr)), html(fr), "windows-1252", ReasonUnknownCharset},
		{"unknown HTTP charset, valid UTF-8", "text/html; charset=utf8mb4", b(html(fr)), html(fr), "utf-8", ReasonUnknownCharset},
		{"unknown HTTP charset, meta known", "text/html; charset=bogus", cat(b(`<meta charset="euc-jp">`), encode(t, japanese.EUCJP, ja)), `<meta charset="euc-jp">` + ja, "euc-jp", ReasonUnknownCharset},
		{"unknown meta charset", "text/html", cat(b(`<meta charset="klingon">`), encode(t, charmap.Windows1252, fr)), `<meta charset="klingon">` + fr, "windows-1252", ReasonUnknownCharset},
		{"replacement encoding is unknown", "text/html; charset=iso-2022-kr", b(html("x")), html("x"), "utf-8", ReasonUnknownCharset},
		{"meta beyond 1024 bytes is ignored", "text/html", cat(b(longHead), b(`<meta charset="windows-1251">`), b(ru)), longHead + `<meta charset="windows-1251">` + ru, "utf-8", 0},
		{"meta in a comment is ignored", "text/html", cat(b(`<!-- <meta charset="koi8-r"> -->`), b(fr)), `<!-- <meta charset="koi8-r"> -->` + fr, "utf-8", 0},
		{"meta in an attribute is ignored", "text/html", cat(b(`<a title='<meta charset="koi8-r">'>`), b(fr)), `<a title='<meta charset="koi8-r">'>` + fr, "utf-8", 0},
		{"content without http-equiv is ignored", "text/html", cat(b(`<meta content="text/html; charset=koi8-r">`), b(fr)), `<meta content="text/html; charset=koi8-r">` + fr, "utf-8", 0},
		{"unquoted meta attributes", "text/html", cat(b(`<meta http-equiv=content-type content=text/html;charset=koi8-r>`), encode(t, charmap.KOI8R, ru)), `<meta http-equiv=content-type content=text/html;charset=koi8-r>` + ru, "koi8-r", 0},
		{"meta utf-16 means utf-8", "text/html", b(`<meta charset="utf-16">` + fr), `<meta charset="utf-16">` + fr, "utf-8", 0},
		{"meta x-user-defined means windows-1252", "text/html", cat(b(`<meta charset="x-user-defined">`), encode(t, charmap.Windows1252, fr)), `<meta charset="x-user-defined">` + fr, "windows-1252", 0},
		{"UTF-8 BOM wins over header", "text/html; charset=windows-1251", cat(bom, b(html(fr))), html(fr), "utf-8", 0},
		{"UTF-16LE BOM", "text/html", cat([]byte{0xFF, 0xFE}, encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), html(ja))), html(ja), "utf-16le", 0},
		{"UTF-16BE header", "text/html; charset=utf-16be", encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), html(ru)), html(ru), "utf-16be", 0},
		{"text/plain with charset", "text/plain; charset=shift_jis", encode(t, japanese.ShiftJIS, ja), ja, "shift_jis", 0},
		{"text/plain ignores meta", "text/plain", b(`<meta charset="koi8-r">` + fr), `<meta charset="koi8-r">` + fr, "utf-8", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := readResponse(t, []string{"Content-Type: " + tt.ctype}, tt.body, Options{})
			if g.err != nil || string(g.rec.Text) != tt.text || g.rec.Charset != tt.charset || g.rec.Warning != tt.warn {
				t.Errorf("got %v, warning %v\nwant %q (%s), warning %v", g, g.rec.Warning, tt.text, tt.charset, tt.warn)
			}
		})
	}
}

// TestDecodeNoAllocs checks that decoding pages in a known charset does not
// allocate once the decoders and buffers exist.
func TestDecodeNoAllocs(t *testing.T) {
	var ws pageScratch
	pages := [][]byte{
		[]byte(`<meta charset="utf-8"><p>` + strings.Repeat("café ", 100)),
		encode(t, japanese.EUCJP, `<meta charset="euc-jp"><p>`+strings.Repeat("日本語", 100)),
		encode(t, charmap.Windows1252, `<p>`+strings.Repeat("café ", 100)),
		[]byte(`<p>` + strings.Repeat("ascii ", 100)),
	}
	ctypes := [][]byte{[]byte("text/html"), []byte("text/html; charset=EUC-JP"), nil, []byte("text/html; charset=iso-8859-1")}
	run := func() {
		for _, p := range pages {
			for _, ct := range ctypes {
				if _, _, _, reason, err := ws.decode(p, ct, true, 1<<20); reason != 0 {
					t.Fatal(err)
				}
			}
		}
	}
	run()
	if n := testing.AllocsPerRun(20, run); n > 0 {
		t.Errorf("%v allocations per run", n)
	}
}
