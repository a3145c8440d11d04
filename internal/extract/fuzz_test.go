package extract

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzExtract checks, for arbitrary bytes, that extraction does not panic,
// returns valid UTF-8 of at most len(src)+1 bytes in whole trimmed lines,
// and that an Extractor reused across inputs gives what a fresh one gives.
func FuzzExtract(f *testing.F) {
	for _, seed := range []string{
		"",
		"<p>a<br>b</p><p>c &amp; d</p>",
		"<html><head><title>T | S</title></head><body><nav><a href=/>Home</a></nav><h1>T</h1>" +
			"<div class=article-body><p>" + sentences(1, 3) + "</p><p>" + sentences(2, 3) + "</p></div>" +
			"<div class=comments><p>" + sentences(3, 2) + "</p></div><footer>(c)</footer></body></html>",
		"<div><p>one<p>two<ul><li>three<li>four<table><tr><td>five<td>six<b><i>seven",
		"</p></div></span></td></tr></table></body></html>text</a></svg></select>",
		"<script>x<y</script><style>a{}</style><!-- c --><svg><title>t</title></svg>",
		"<pre>a\n  b\n</pre><plaintext><p>x",
		"<p>\xff\xfe\x00\x01&#0;&#x110000;&nGt;&bne;\u00a0\u200b</p>",
		"<form><div class='header-wrap'><article><p>" + sentences(4, 4) + "</p></article></div></form>",
		"<<<>>></<//>< p>a<",
		`<link rel="Canonical STYLESHEET" href="HTTPS://u@WWW.Example.COM:80/a?b"><link rel=icon href=//[::1]:8/x><meta property=og:url content=":///">`,
	} {
		f.Add([]byte(seed), uint8(0))
	}
	page, _ := genPage(1, 6<<10)
	f.Add(page, uint8(1))
	reused := [2]*Extractor{New(Options{Mode: Auto}), New(Options{Mode: All})}
	f.Fuzz(func(t *testing.T, src []byte, mode uint8) {
		m := Mode(mode % 2)
		out := checkOutput(t, reused[m], src)
		site := reused[m].Site()
		fresh := New(Options{Mode: m})
		if text := fresh.AppendText(nil, src); !bytes.Equal(out, text) {
			t.Fatalf("%v: a reused extractor gives %q, a fresh one %q", m, out, text)
		}
		if s := fresh.Site(); s != site || s != fresh.Site() {
			t.Fatalf("%v: a reused extractor names the site %q, a fresh one %q", m, site, s)
		}
		if site != "" && !strings.HasPrefix(site, "~") {
			t.Fatalf("site name %q does not start with ~", site)
		}
	})
}
