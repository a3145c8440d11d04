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
