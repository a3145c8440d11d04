package input

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/net/html/charset"
)

// TestPrescanMatchesXNet compares the <meta> prescan with that of
// golang.org/x/net/html/charset (which runs an HTML tokenizer) on many
// generated heads, within what both implement alike: no <meta> inside
// <title>, <script> or <style> (raw text to a tokenizer, not to the WHATWG
// prescan), known labels only, ASCII content under 1024 bytes.
func TestPrescanMatchesXNet(t *testing.T) {
	labels := []string{"euc-jp", "Shift_JIS", "gb2312", "KOI8-R", "windows-1251", "iso-8859-2", "big5",
		"utf-8", "EUC-KR", "iso-8859-15", "x-sjis", "GBK", "utf-16", "UTF-16LE", " euc-jp "}
	metas := []string{
		`<meta charset=%s>`, `<meta charset="%s">`, `<META CHARSET='%s'/>`, `<meta  charset = "%s" >`,
		`<meta http-equiv="Content-Type" content="text/html; charset=%s">`,
		`<meta content='text/html;charset=%s' http-equiv=content-type>`,
		`<meta http-equiv=CONTENT-TYPE content="text/html; CHARSET = '%s'">`,
		`<meta content="text/html; charset=%s">`,                            // no pragma: ignored
		`<meta name="description" content="charset=%s">`,                    // ignored
		`<meta http-equiv="refresh" content="0; charset=%s">`,               // ignored
		`<meta charset="%s" charset="koi8-r">`,                              // the first wins
		`<meta http-equiv="content-type" content="x" content="charset=%s">`, // duplicate: ignored
	}
	others := []string{
		"<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<!-- <meta charset=koi8-r> -->", "<!---->",
		"<link rel=stylesheet href='a.css'>", `<a title='<meta charset="koi8-r">' href=x>`, "<p>text</p>",
		"<br/>", "</div>", "<?xml version=\"1.0\"?>", "<!x>", "\n", "  ", "<metadata>", "<meta>", "<meta name=x>",
	}
	rng := rand.New(rand.NewPCG(5, 6))
	var ws pageScratch
	found := 0
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for b.Len() < 700 && rng.IntN(6) > 0 {
			if rng.IntN(3) == 0 {
				b.WriteString(strings.ReplaceAll(metas[rng.IntN(len(metas))], "%s", labels[rng.IntN(len(labels))]))
			} else {
				b.WriteString(others[rng.IntN(len(others))])
			}
		}
		doc := []byte(b.String())
		mine := "windows-1252" // x/net's answer for ASCII without a declaration
		if e, _ := ws.prescan(doc); e != nil {
			mine = e.name
			found++
		}
		_, theirs, _ := charset.DetermineEncoding(doc, "")
		if mine != theirs {
			t.Fatalf("%q: prescan %s, x/net %s", doc, mine, theirs)
		}
	}
	if found < 5000 {
		t.Errorf("only %d of 20000 heads declare a charset", found)
	}
}

// TestNoAllocsPerWARCPage reads WARC files of pages and checks that a page
// costs no allocation once the buffers have grown.
func TestNoAllocsPerWARCPage(t *testing.T) {
	pages := benchPages(100, 3000)
	var recs []wrec
	for i, p := range pages {
		recs = append(recs, page(i, p))
	}
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"plain", concat(recs...)},
		{"gzip member per record", func() []byte { b, _ := gzipEach(t, recs...); return b }()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := bytes.NewReader(tt.data)
			r, err := Open(Input{Path: "-", Format: WARC}, Options{Stdin: src})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			readRecords(t, r) // warm up
			allocs := testing.AllocsPerRun(10, func() {
				src.Reset(tt.data)
				if err := r.Reset(Input{Path: "-", Format: WARC}); err != nil {
					t.Fatal(err)
				}
				n := 0
				for {
					if _, err := r.Next(); err != nil {
						if err != io.EOF {
							t.Fatal(err)
						}
						break
					}
					n++
				}
				if n != len(pages) {
					t.Fatalf("%d pages", n)
				}
			})
			if allocs > 10 { // per file, not per page (100 pages)
				t.Errorf("%v allocations per file of %d pages", allocs, len(pages))
			}
		})
	}
}
