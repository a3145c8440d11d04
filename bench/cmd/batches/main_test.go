package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/bench"
	"github.com/mimeo-dedup/mimeo/bench/wire"
)

// TestOrder: undated documents first, then by date whatever its format,
// ties in input order; a broken line is an error naming the file and line.
func TestOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.jsonl")
	corpus := `{"id":"b","date":"2026-01-02T00:00:00Z","text":"x"}
{"id":"a","date":"2026-01-01T12:00:00+02:00","text":"x"}

{"id":"u","text":"x"}
{"id":"c","date":"1767225600","text":"x"}
{"id":"d","date":"2026-01-02T00:00:00Z","text":"x"}
{"id":"v","text":"x"}
`
	if err := os.WriteFile(path, []byte(corpus), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := readCorpus(path)
	if err != nil {
		t.Fatal(err)
	}
	byDate(docs)
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.id)
	}
	// c is 2026-01-01T00:00Z (epoch seconds), a 10:00Z, b and d the day
	// after (b first in the input), u and v undated.
	if want := []string{"u", "v", "c", "a", "b", "d"}; !slices.Equal(ids, want) {
		t.Fatalf("order %v, want %v", ids, want)
	}
	// More records than the reader's buffer holds: every id read stays
	// what it was (the reader's strings alias its buffer).
	var big strings.Builder
	var want []string
	for i := range 3000 {
		want = append(want, fmt.Sprintf("doc-%d", i))
		fmt.Fprintf(&big, "{\"id\":%q,\"text\":%q}\n", want[i], strings.Repeat("word ", 200))
	}
	if err := os.WriteFile(path, []byte(big.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if docs, err = readCorpus(path); err != nil {
		t.Fatal(err)
	}
	ids = ids[:0]
	for _, d := range docs {
		ids = append(ids, d.id)
	}
	if !slices.Equal(ids, want) {
		t.Fatalf("ids of a large corpus changed as it was read: first %q", ids[:3])
	}
	if err := os.WriteFile(path, []byte("{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readCorpus(path); err == nil || !strings.Contains(err.Error(), "c.jsonl:2") {
		t.Fatalf("a broken line: %v, want an error naming c.jsonl:2", err)
	}
}

// TestUsage: help is exit status 0, a bad command line 2 with one message.
func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-h"}, 0, "Usage: batches"},
		{[]string{"-no-such-flag"}, 2, "flag provided but not defined"},
		{[]string{"-truth", "t.jsonl"}, 2, "no corpus"},
		{[]string{"c.jsonl"}, 2, "-truth is required"},
		{[]string{"-truth", "t.jsonl", "-size", "-1", "c.jsonl"}, 2, "-size -1"},
		{[]string{"-truth", filepath.Join(t.TempDir(), "missing.jsonl"), "c.jsonl"}, 1, "missing.jsonl"},
	} {
		var stdout, stderr bytes.Buffer
		code := exitCode(run(tc.args, &stdout, &stderr), &stderr)
		if code != tc.code || !strings.Contains(stderr.String(), tc.msg) || strings.Count(stderr.String(), tc.msg) > 1 {
			t.Errorf("%q: exit %d, stderr %q; want %d with %q once", tc.args, code, stderr.String(), tc.code, tc.msg)
		}
	}
}

// TestWARCBatches: a WARC corpus is read page by page and its records,
// copied whole into a batch file, read back the same; JSONL and WARC
// together are refused.
func TestWARCBatches(t *testing.T) {
	dir := t.TempDir()
	c := wire.Generate(wire.Config{Stories: 6, Seed: 4})
	var w bytes.Buffer
	if err := bench.WriteWARCPages(&w, c.Docs, 2); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "crawl.warc.gz")
	if err := os.WriteFile(path, w.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := readCorpus(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(c.Docs) || !docs[0].warc {
		t.Fatalf("%d pages read (WARC %v), want %d", len(docs), len(docs) > 0 && docs[0].warc, len(c.Docs))
	}
	byDate(docs)
	batch := filepath.Join(dir, "batch.warc")
	if err := os.WriteFile(batch, appendBatch(nil, docs[1:4]), 0o644); err != nil {
		t.Fatal(err)
	}
	again, err := readCorpus(batch)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(again, docs[1:4], func(a, b doc) bool { return a.id == b.id && bytes.Equal(a.raw, b.raw) && a.date.Equal(b.date) }) {
		t.Errorf("a batch of three records reads back as %d others", len(again))
	}
	if err := os.WriteFile(filepath.Join(dir, "texts.jsonl"), []byte(`{"id":"t","text":"x"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readCorpus(dir); err == nil || !strings.Contains(err.Error(), "JSONL and WARC") {
		t.Errorf("JSONL and WARC together: %v", err)
	}
}
