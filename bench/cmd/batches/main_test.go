package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestOrderAndTally(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.jsonl")
	corpus := `{"id":"b","date":"2026-01-02T00:00:00Z","text":"x"}
{"id":"a","date":"2026-01-01T12:00:00+02:00","text":"x"}

{"id":"u","text":"x"}
{"id":"c","date":"1767225600","text":"x"}
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
	// c is 2026-01-01T00:00Z (epoch seconds), a 10:00Z, b the day after.
	if want := []string{"u", "c", "a", "b"}; !slices.Equal(ids, want) {
		t.Fatalf("order %v, want %v", ids, want)
	}
	truth := map[string]string{"a": "s1", "b": "s1", "c": "s1", "u": "s2"}
	lost, stories, removed, dups, err := tally(docs, truth, map[string]bool{"a": true, "b": true})
	if err != nil || lost != 1 || stories != 2 || removed != 1 || dups != 2 {
		t.Fatalf("lost %d of %d stories, %d of %d duplicates removed, %v", lost, stories, removed, dups, err)
	}
	if _, _, _, _, err := tally(docs, map[string]string{"a": "s1"}, nil); err == nil {
		t.Fatal("documents missing from the truth file were not an error")
	}
	if err := os.WriteFile(path, []byte("{\"id\":\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readCorpus(path); err == nil {
		t.Fatal("a broken line was not an error")
	}
}
