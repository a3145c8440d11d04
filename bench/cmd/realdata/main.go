// Command realdata turns the third-party datasets in ../shared/data into
// labelled JSONL corpora for mimeo eval (see docs/EVALUATION.md):
//
//	aeb:     the 181 pages of the article-extraction benchmark, each as its
//	         whole-page text and as its clean article body: the two are a
//	         true pair, every other page a negative;
//	bbc:     the BBC News articles, exact duplicates (same title and text)
//	         labelled together;
//	reuters: the Reuters-21578 stories with a body, exact duplicates (same
//	         title and body) labelled together.
//
// Usage: go run ./bench/cmd/realdata [-data ../shared/data] -o DIR
//
// The data is read from its place and never copied into the repository.
package main

import (
	"bufio"
	"compress/gzip"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type doc struct {
	ID    string `json:"id"`
	URL   string `json:"url,omitempty"`
	Date  string `json:"date,omitempty"`
	Text  string `json:"text"`
	label string
	kind  string
}

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
		load func(string) ([]doc, error)
	}{{"aeb", loadAEB}, {"bbc", loadBBC}, {"reuters", loadReuters}} {
		docs, err := set.load(data)
		if err != nil {
			return fmt.Errorf("%s: %w", set.name, err)
		}
		if err := write(filepath.Join(out, set.name), docs); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "realdata: %s: %d documents\n", set.name, len(docs))
	}
	return nil
}

func write(base string, docs []doc) error {
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
		if err := tenc.Encode(map[string]string{"id": d.ID, "label": d.label, "kind": d.kind}); err != nil {
			return err
		}
	}
	return errors.Join(w.Flush(), tw.Flush(), f.Close(), t.Close())
}

func loadAEB(data string) ([]doc, error) {
	dir := filepath.Join(data, "article-extraction-benchmark")
	var truth map[string]struct {
		Body string `json:"articleBody"`
		URL  string `json:"url"`
	}
	if err := readJSON(filepath.Join(dir, "ground-truth.json"), &truth); err != nil {
		return nil, err
	}
	var pages struct {
		Output map[string]struct {
			Body string `json:"articleBody"`
		} `json:"output"`
	}
	if err := readJSON(filepath.Join(dir, "output", "html-text.json"), &pages); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var docs []doc
	for _, id := range ids {
		p, ok := pages.Output[id]
		if !ok {
			return nil, fmt.Errorf("page %s has no html-text output", id)
		}
		docs = append(docs,
			doc{ID: "body-" + id[:12], URL: truth[id].URL, Text: truth[id].Body, label: id, kind: "body"},
			doc{ID: "page-" + id[:12], URL: truth[id].URL, Text: p.Body, label: id, kind: "page"})
	}
	return docs, nil
}

func loadBBC(data string) ([]doc, error) {
	var docs []doc
	err := readLines(filepath.Join(data, "bbc-news", "bbc.jsonl"), func(line []byte) error {
		var r struct{ ID, Title, Text string }
		if err := json.Unmarshal(line, &r); err != nil {
			return err
		}
		docs = append(docs, doc{ID: "bbc/" + r.ID, Text: r.Title + "\n\n" + r.Text, label: key(r.Title, r.Text)})
		return nil
	})
	return exactGroups(docs), err
}

func loadReuters(data string) ([]doc, error) {
	var docs []doc
	err := readLines(filepath.Join(data, "reuters-21578", "reuters21578.jsonl.gz"), func(line []byte) error {
		var r struct {
			ID                          int
			Date, Title, Dateline, Body string
		}
		if err := json.Unmarshal(line, &r); err != nil {
			return err
		}
		if strings.TrimSpace(r.Body) == "" {
			return nil
		}
		docs = append(docs, doc{ID: fmt.Sprintf("reuters/%d", r.ID), Date: r.Date,
			Text: r.Title + "\n" + r.Dateline + " " + r.Body, label: key(r.Title, r.Body)})
		return nil
	})
	return exactGroups(docs), err
}

// key is the exact-duplicate key of a document.
func key(parts ...string) string {
	h := sha1.New()
	for _, p := range parts {
		io.WriteString(h, p)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// exactGroups labels documents sharing a key together and every other
// document alone.
func exactGroups(docs []doc) []doc {
	n := make(map[string]int)
	for _, d := range docs {
		n[d.label]++
	}
	for i := range docs {
		if n[docs[i].label] > 1 {
			docs[i].label, docs[i].kind = "dup-"+docs[i].label[:16], "exact-duplicate"
		} else {
			docs[i].label, docs[i].kind = docs[i].ID, "unique"
		}
	}
	return docs
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func readLines(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return err
		}
		r = gz
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		if err := fn(sc.Bytes()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	return sc.Err()
}
