package extract

import (
	"bytes"
	"strings"
	"testing"
)

// rawCases are pages whose raw text elements end in every way the
// tokenizer knows: case, delimiters, escapes, double escapes, unterminated
// elements and end tags cut by the end of input.
var rawCases = []string{
	"<p>before</p><script>var a = 1 < 2;</script><p>after</p>",
	"<p>x</p><SCRIPT type=text/javascript>if (a</b) {}</ScRiPt ><p>after</p>",
	"<p>x</p><script>a='</scriptx>';</script/><p>after</p>",
	"<p>x</p><script><!-- document.write('<script>x</script>'); --></script><p>after</p>",
	"<p>x</p><script><!-- <script> </script> still script --></script><p>after</p>",
	"<p>x</p><script><!--></script><p>after</p>",
	"<p>x</p><script>a<!-b</script><p>after</p>",
	"<p>x</p><script>never closed <p>not text</p>",
	"<p>x</p><script>cut at the end </script",
	"<p>x</p><script>cut </scr",
	"<p>x</p><script/>self-closing is still raw</script><p>after</p>",
	"<p>x</p><style>p > a { color: red } </style\t><p>after</p>",
	"<p>x</p><style><!-- </style> --><p>after</p>",
	"<p>x</p><noscript><img src=x></noscript><p>after</p><iframe>i</iframe>",
	"<p>x</p><textarea>t <b>a</b></textarea><title>t1</title><title>t2</title><p>after</p>",
	"<title>first</title><p>x</p><xmp><p>raw</p></xmp><p>after</p>",
	"<svg><script>s</script><title>svg title</title></svg><p>after</p>",
	"<p>x</p><script src=a.js data-x='>'></script><script>\n" + strings.Repeat("var x = 'y';\n", 400) + "</script><p>after</p>",
}

// TestSkipRaw: extraction that skips the raw text of dropped elements
// gives what the tokenizer reading all of it gives, whatever size the
// tokenizer's reads (a read of one byte makes it skip nearly everything).
func TestSkipRaw(t *testing.T) {
	pages := [][]byte{}
	for _, c := range rawCases {
		pages = append(pages, []byte(c))
	}
	for seed := uint64(1); seed <= 4; seed++ {
		p, _ := genPage(seed, 40<<10)
		pages = append(pages, p)
	}
	checkSkipRaw(t, pages, []int{1, 2, 5, 64, 4096, 0})
	// With the reads of a scan, the long script is skipped.
	e := New(Options{})
	long := rawCases[len(rawCases)-1]
	e.AppendText(nil, []byte(long))
	if want := strings.Index(long, "</script><p>after") - readChunk; e.rd.skipped < want {
		t.Errorf("%d bytes of the long script skipped, want %d or more", e.rd.skipped, want)
	}
}

// TestSkipRawBenchmarkPages is TestSkipRaw on the 181 real pages.
func TestSkipRawBenchmarkPages(t *testing.T) {
	var pages [][]byte
	for _, p := range loadAEB(t) {
		pages = append(pages, p.html)
	}
	checkSkipRaw(t, pages, []int{1, 100, 0})
}

func checkSkipRaw(t *testing.T, pages [][]byte, chunks []int) {
	t.Helper()
	skipped := 0
	for _, m := range []Mode{Auto, All} {
		ref := New(Options{Mode: m})
		ref.noSkip = true
		for i, p := range pages {
			want := ref.AppendText(nil, p)
			wantTitle := string(ref.title)
			for _, c := range chunks {
				e := New(Options{Mode: m})
				e.rd.chunk = c
				if got := e.AppendText(nil, p); !bytes.Equal(got, want) {
					t.Errorf("%v, page %d, reads of %d bytes: skipping raw text gives\n%q\nwant\n%q", m, i, c, got, want)
				}
				if string(e.title) != wantTitle {
					t.Errorf("%v, page %d, reads of %d bytes: title %q, want %q", m, i, c, e.title, wantTitle)
				}
			}
		}
		// Reads of one byte skip the raw text of some pages at least.
		for _, p := range pages {
			e := New(Options{Mode: m})
			e.rd.chunk = 1
			e.AppendText(nil, p)
			if e.rd.skipped > 0 {
				skipped++
			}
		}
	}
	if skipped == 0 {
		t.Error("no page had raw text skipped")
	}
}

// FuzzSkipRaw is TestSkipRaw on arbitrary input and read sizes.
func FuzzSkipRaw(f *testing.F) {
	for _, c := range rawCases {
		f.Add([]byte(c), uint8(1), uint8(0))
	}
	f.Fuzz(func(t *testing.T, src []byte, chunk, mode uint8) {
		m := Mode(mode % 2)
		ref := New(Options{Mode: m})
		ref.noSkip = true
		want := ref.AppendText(nil, src)
		e := New(Options{Mode: m})
		e.rd.chunk = int(chunk%64) + 1
		if got := e.AppendText(nil, src); !bytes.Equal(got, want) {
			t.Fatalf("%v, reads of %d bytes: %q, want %q", m, e.rd.chunk, got, want)
		}
		if !bytes.Equal(e.title, ref.title) {
			t.Fatalf("%v, reads of %d bytes: title %q, want %q", m, e.rd.chunk, e.title, ref.title)
		}
	})
}
