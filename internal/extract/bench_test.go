package extract

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// words is the vocabulary of generated pages.
var words = strings.Fields(`the a of to and in that for is on said was with he it as at by
from his an have has but are were be they which who after year new people government
minister police city company would more been their also two its first not last market
report week officials told state president million percent court according health
school thursday monday country news could since over national during about between
workers water prices election council energy support plan public local under group`)

// genPage returns a news page of about size bytes in the layout most sites
// share: a head with scripts and styles, a header with navigation, an
// article (headline, byline, paragraphs with links, a figure, an inline
// related box), a related-stories list, comments, a footer and trailing
// scripts. The same seed gives the same page.
func genPage(seed uint64, size int) (page []byte, body string) {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	// sentence writes n words to h as HTML, with a few links, and to t as
	// text.
	sentence := func(h, t *strings.Builder, n int, links bool) {
		for i := 0; i < n; i++ {
			w := words[r.IntN(len(words))]
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			if links && r.IntN(40) == 0 {
				fmt.Fprintf(h, `<a href="/topic/%s">%s</a>`, w, w)
			} else {
				h.WriteString(w)
			}
			t.WriteString(w)
			if i+1 < n {
				if r.IntN(12) == 0 {
					h.WriteByte(',')
					t.WriteByte(',')
				}
				h.WriteByte(' ')
				t.WriteByte(' ')
			}
		}
		h.WriteString(". ")
		t.WriteString(". ")
	}
	plain := func(n int) string {
		var b, t strings.Builder
		sentence(&b, &t, n, false)
		return strings.TrimSpace(t.String())
	}
	var p, want strings.Builder
	p.WriteString("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
	title := plain(8)
	fmt.Fprintf(&p, "<title>%s | The Daily Example</title>\n", strings.TrimSuffix(title, "."))
	p.WriteString(`<meta property="og:title" content="` + title + `">` + "\n")
	p.WriteString("<style>body{font:16px/1.5 serif}.nav a{color:#333}.ad{display:block;min-height:250px}</style>\n")
	p.WriteString("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}" +
		strings.Repeat("var x=1<2&&3>1;", 200) + "</script>\n</head>\n<body class=\"article-page\">\n")
	p.WriteString(`<header class="site-header"><a class="logo" href="/">The Daily Example</a><nav class="main-nav"><ul>`)
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&p, `<li><a href="/section/%d">%s</a></li>`, i, words[r.IntN(len(words))])
	}
	p.WriteString("</ul></nav></header>\n<div class=\"breadcrumb\"><a href=\"/\">Home</a> &rsaquo; <a href=\"/news\">News</a></div>\n")
	p.WriteString("<main><article class=\"story\">\n<h1 class=\"headline\">" + strings.TrimSuffix(title, ".") + "</h1>\n")
	p.WriteString("<div class=\"byline\">By <a href=\"/by/jane\">Jane Doe</a> &middot; <time>May 5, 2024</time></div>\n")
	p.WriteString("<div class=\"share-bar\"><a href=\"#\">Facebook</a> <a href=\"#\">Twitter</a> <a href=\"#\">Email</a></div>\n")
	p.WriteString("<div class=\"article-body\" itemprop=\"articleBody\">\n")
	nPara := max(3, size/1500)
	for i := 0; i < nPara; i++ {
		var h, t strings.Builder
		for j := 0; j < 2+r.IntN(4); j++ {
			sentence(&h, &t, 8+r.IntN(20), true)
		}
		fmt.Fprintf(&p, "<p>%s</p>\n", strings.TrimSpace(h.String()))
		want.WriteString(strings.TrimSpace(t.String()) + "\n")
		switch {
		case i == 2:
			p.WriteString(`<figure><img src="/img/1.jpg" alt="photo"><figcaption>` + plain(10) + "</figcaption></figure>\n")
		case i == 4:
			p.WriteString(`<aside class="related-inline"><h3>Read more</h3><ul>`)
			for j := 0; j < 3; j++ {
				fmt.Fprintf(&p, `<li><a href="/story/%d">%s</a></li>`, j, plain(7))
			}
			p.WriteString("</ul></aside>\n")
		case i%6 == 5:
			p.WriteString(`<div class="ad ad-slot" id="ad-` + fmt.Sprint(i) + `"><span>Advertisement</span><script>googletag.display("ad")</script></div>` + "\n")
		}
	}
	p.WriteString("</div></article>\n")
	p.WriteString(`<section class="related-stories"><h2>More stories</h2><ul>`)
	for i := 0; i < 8; i++ {
		fmt.Fprintf(&p, `<li><a href="/story/%d"><img src="/t/%d.jpg"><span>%s</span></a></li>`, i, i, plain(9))
	}
	p.WriteString("</ul></section>\n<section id=\"comments\" class=\"comments\"><h2>Comments</h2>\n")
	for i := 0; len(p.String()) < size*9/10 && i < 1000; i++ {
		fmt.Fprintf(&p, `<div class="comment"><span class="author">user%d</span><p>%s</p><a href="#reply">Reply</a></div>`+"\n", i, plain(6+r.IntN(20)))
	}
	p.WriteString("</section></main>\n<footer class=\"site-footer\"><ul>")
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&p, `<li><a href="/page/%d">%s</a></li>`, i, words[r.IntN(len(words))])
	}
	p.WriteString("</ul><p>&copy; 2024 The Daily Example. All rights reserved.</p></footer>\n")
	for p.Len() < size {
		p.WriteString("<script>(function(){var s=document.createElement('script');s.src='https://cdn.example/a.js';document.body.appendChild(s)})();</script>\n")
	}
	p.WriteString("</body></html>\n")
	return []byte(p.String()), want.String()
}

// domText is the baseline: the full HTML5 parser and a walk of the tree that
// collects every text node outside script, style, noscript and template.
func domText(dst, src []byte) []byte {
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		return dst
	}
	for n := doc; n != nil; {
		if n.Type == html.TextNode {
			dst = append(dst, n.Data...)
			dst = append(dst, '\n')
		}
		descend := n.FirstChild != nil
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
				descend = false
			}
		}
		if descend {
			n = n.FirstChild
			continue
		}
		for n != nil && n.NextSibling == nil {
			n = n.Parent
		}
		if n != nil {
			n = n.NextSibling
		}
	}
	return dst
}

// tokenizeOnly runs the x/net tokenizer over src and does nothing with the
// tokens: the floor of any extractor built on it.
func tokenizeOnly(dst, src []byte) []byte {
	z := html.NewTokenizer(bytes.NewReader(src))
	for z.Next() != html.ErrorToken {
	}
	return dst
}

// BenchmarkExtract compares main text (Auto), whole text (All), the DOM
// baseline and the bare tokenizer on generated pages of several sizes and, when present, on the
// 181 real pages of the article-extraction benchmark (one op = all pages).
func BenchmarkExtract(b *testing.B) {
	type input struct {
		name  string
		pages [][]byte
	}
	var inputs []input
	for _, size := range []int{30 << 10, 100 << 10, 300 << 10} {
		page, _ := genPage(1, size)
		inputs = append(inputs, input{fmt.Sprintf("synthetic-%dKB", size>>10), [][]byte{page}})
	}
	if real := loadAEBQuiet(); real != nil {
		inputs = append(inputs, input{"aeb181", real})
	}
	methods := []struct {
		name string
		fn   func(e *Extractor, dst, src []byte) []byte
	}{
		{"auto", func(e *Extractor, dst, src []byte) []byte { return e.AppendText(dst, src) }},
		{"all", func(e *Extractor, dst, src []byte) []byte { return e.AppendAllText(dst, src) }},
		{"dom", func(_ *Extractor, dst, src []byte) []byte { return domText(dst, src) }},
		{"tokenize", func(_ *Extractor, dst, src []byte) []byte { return tokenizeOnly(dst, src) }},
	}
	for _, in := range inputs {
		var total int64
		for _, p := range in.pages {
			total += int64(len(p))
		}
		for _, m := range methods {
			b.Run("pages="+in.name+"/mode="+m.name, func(b *testing.B) {
				e := New(Options{})
				var dst []byte
				b.SetBytes(total)
				b.ReportAllocs()
				for b.Loop() {
					for _, p := range in.pages {
						dst = m.fn(e, dst[:0], p)
					}
				}
				b.ReportMetric(float64(len(in.pages))*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
			})
		}
	}
}

// loadAEBQuiet returns the benchmark pages, or nil when they are absent.
func loadAEBQuiet() [][]byte {
	pages, err := readAEB(aebDir)
	if err != nil {
		return nil
	}
	out := make([][]byte, len(pages))
	for i, p := range pages {
		out[i] = p.html
	}
	return out
}
