// Command realdata turns the third-party datasets in ../shared/data into
// labelled JSONL corpora for mimeo eval (see docs/EVALUATION.md):
//
//	aeb:     the 181 pages of the article-extraction benchmark, each as its
//	         whole-page text and as its clean article body: the two are a
//	         true pair, every other page a negative;
//	bbc:     the BBC News articles, exact duplicates (same title and text)
//	         labelled together;
//	reuters: the Reuters-21578 stories with a body, exact duplicates (same
//	         title and body) labelled together;
//	passim:  the newspaper passages (OCR) passim found reprinted, labelled
//	         by passim's clusters;
//	clough:  the Clough–Stevenson short answers, labelled with their source
//	         when copied or revised from it (kinds cut, light, heavy, non).
//
// Usage: go run ./bench/cmd/realdata [-data ../shared/data] -o DIR
//
// The data is read from its place and never copied into the repository.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mimeo-dedup/mimeo/bench"
)

func main() {
	data := flag.String("data", "../shared/data", "the shared data `DIR`")
	out := flag.String("o", "", "output `DIR` (created)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: realdata [-data DIR] -o DIR")
		os.Exit(2)
	}
	if err := run(*data, *out); err != nil {
		fmt.Fprintln(os.Stderr, "realdata:", err)
		os.Exit(1)
	}
}

func run(data, out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, set := range []struct {
		name string
		load func(string) ([]bench.RealDoc, error)
	}{{"aeb", bench.LoadAEB}, {"bbc", bench.LoadBBC}, {"reuters", bench.LoadReuters}, {"passim", bench.LoadPassim}, {"clough", bench.LoadClough}} {
		docs, err := set.load(data)
		if err != nil {
			return fmt.Errorf("%s: %w", set.name, err)
		}
		if err := write(filepath.Join(out, set.name), docs); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "realdata: %s: %d documents\n", set.name, len(docs))
	}
	return writeAEBHTML(data, out)
}

// writeAEBHTML writes the article-extraction pages as HTML responses of a
// WARC file (aeb-html.warc, for mimeo's extraction) and their bodies as
// JSONL (aeb-body.jsonl), with the truth pairing them (aeb-html.truth.jsonl).
func writeAEBHTML(data, out string) error {
	pages, err := bench.LoadAEBHTML(data)
	if err != nil {
		return fmt.Errorf("aeb-html: %w", err)
	}
	var warc, bodies, truth bytes.Buffer
	benc, tenc := json.NewEncoder(&bodies), json.NewEncoder(&truth)
	benc.SetEscapeHTML(false)
	for _, p := range pages {
		id := "urn:aeb:" + p.ID
		block := append([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"), p.HTML...)
		fmt.Fprintf(&warc, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <%s>\r\nWARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n",
			id, p.URL, len(block))
		warc.Write(block)
		warc.WriteString("\r\n\r\n")
		benc.Encode(bench.RealDoc{ID: "body-" + p.ID, URL: p.URL, Text: string(p.Body)})
		tenc.Encode(map[string]string{"id": id, "label": p.ID, "kind": "page"})
		tenc.Encode(map[string]string{"id": "body-" + p.ID, "label": p.ID, "kind": "body"})
	}
	for name, b := range map[string][]byte{"aeb-html.warc": warc.Bytes(), "aeb-body.jsonl": bodies.Bytes(), "aeb-html.truth.jsonl": truth.Bytes()} {
		if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "realdata: aeb-html: %d pages\n", len(pages))
	return nil
}

func write(base string, docs []bench.RealDoc) error {
	f, err := os.Create(base + ".jsonl")
	if err != nil {
		return err
	}
	t, err := os.Create(base + ".truth.jsonl")
	if err != nil {
		return err
	}
	w, tw := bufio.NewWriter(f), bufio.NewWriter(t)
	enc, tenc := json.NewEncoder(w), json.NewEncoder(tw)
	enc.SetEscapeHTML(false)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			return err
		}
		if err := tenc.Encode(map[string]string{"id": d.ID, "label": d.Label, "kind": d.Kind}); err != nil {
			return err
		}
	}
	return errors.Join(w.Flush(), tw.Flush(), f.Close(), t.Close())
}
