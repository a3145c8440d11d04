package bench

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/mimeo-dedup/mimeo/bench/corpus"
	"github.com/mimeo-dedup/mimeo/bench/wire"
)

// RenderPage turns a wire document (its text in lines: navigation, the
// story's paragraphs, lists of headlines, a footer) into an HTML page of a
// realistic size and shape: a head with a stylesheet and scripts, the
// short lines at the top as a navigation bar, the paragraphs in an
// <article>, later short lines as an <aside> list of links, then a
// footer. The visible text is the document's text.
func RenderPage(d wire.Doc, r *corpus.Rand) []byte {
	var b bytes.Buffer
	lines := strings.Split(d.Text, "\n")
	title := ""
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			title = l
			break
		}
	}
	fmt.Fprintf(&b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title>\n", html.EscapeString(title))
	b.WriteString("<style>")
	for i := range 60 + r.IntN(60) {
		fmt.Fprintf(&b, ".c%d{margin:%dpx;padding:%dpx;color:#%06x;font:%dpx/1.4 sans-serif}\n", i, r.IntN(20), r.IntN(20), r.IntN(1<<24), 10+r.IntN(10))
	}
	b.WriteString("</style>\n")
	for range 3 + r.IntN(5) {
		b.WriteString("<script>(function(){var d=window.dataLayer=window.dataLayer||[];")
		for range 150 + r.IntN(250) {
			fmt.Fprintf(&b, "d.push({event:'v%d',id:%d,t:'%x'});", r.IntN(1000), r.IntN(1e6), r.Uint64())
		}
		b.WriteString("})();</script>\n")
	}
	b.WriteString("</head>\n<body class=\"page\"><header class=\"site-header\"><nav class=\"menu\"><ul>\n")
	section := 0 // 0 header, 1 article, 2 after the article
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		long := len(strings.Fields(l)) >= 10
		switch {
		case section == 0 && !long:
			fmt.Fprintf(&b, "<li><a href=\"/s/%d\">%s</a></li>\n", r.IntN(1000), html.EscapeString(l))
			continue
		case section == 0:
			fmt.Fprintf(&b, "</ul></nav></header>\n<main><article class=\"story\"><h1>%s</h1>\n", html.EscapeString(title))
			section = 1
		case section == 1 && !long:
			b.WriteString("</article></main>\n<aside class=\"related\"><ul>\n")
			section = 2
		}
		if section == 1 {
			fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(l))
		} else {
			fmt.Fprintf(&b, "<li><a href=\"/r/%d\">%s</a></li>\n", r.IntN(1e6), html.EscapeString(l))
		}
	}
	switch section {
	case 0:
		b.WriteString("</ul></nav></header>\n")
	case 1:
		b.WriteString("</article></main>\n")
	case 2:
		b.WriteString("</ul></aside>\n")
	}
	b.WriteString("<footer class=\"site-footer\"><p>© 2025</p></footer></body></html>\n")
	return b.Bytes()
}

// WriteWARCPages writes the documents as WARC/1.1 response records of
// rendered HTML pages, one gzip member each.
func WriteWARCPages(w io.Writer, docs []wire.Doc, seed uint64) error {
	r := corpus.NewRand(seed)
	for i, d := range docs {
		page := RenderPage(d, r)
		var http bytes.Buffer
		fmt.Fprintf(&http, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n", len(page))
		http.Write(page)
		if err := writeRecord(w, "response", fmt.Sprintf("%08d", i), d, "application/http; msgtype=response", http.Bytes(), true); err != nil {
			return err
		}
	}
	return nil
}

// WriteWET writes the documents' texts as WARC/1.1 conversion records (the
// WET format), one gzip member each when gz.
func WriteWET(w io.Writer, docs []wire.Doc, gz bool) error {
	for i, d := range docs {
		if err := writeRecord(w, "conversion", fmt.Sprintf("%08d", i), d, "text/plain", []byte(d.Text), gz); err != nil {
			return err
		}
	}
	return nil
}

func writeRecord(w io.Writer, typ, n string, d wire.Doc, ctype string, block []byte, gz bool) error {
	var rec bytes.Buffer
	fmt.Fprintf(&rec, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-0000%s>\r\nWARC-Date: %s\r\nWARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
		typ, n, d.Date, d.URL, ctype, len(block))
	rec.Write(block)
	rec.WriteString("\r\n\r\n")
	if !gz {
		_, err := w.Write(rec.Bytes())
		return err
	}
	z := gzip.NewWriter(w)
	if _, err := z.Write(rec.Bytes()); err != nil {
		return err
	}
	return z.Close()
}
