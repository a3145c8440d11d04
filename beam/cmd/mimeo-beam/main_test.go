package main

import (
	"errors"
	"slices"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs"

	"github.com/mimeo-dedup/mimeo/internal/cliflags"
)

// TestListRemote: a pattern on a Beam file system names its files, sorted;
// one that names none is an error, and a Parquet object a usage error
// (Parquet is read by offsets).
func TestListRemote(t *testing.T) {
	for _, name := range []string{"memfs://crawl/b.jsonl", "memfs://crawl/a.jsonl", "memfs://crawl/c.txt", "memfs://tables/t.parquet"} {
		memfs.Write(name, []byte(`{"text": "x"}`+"\n"))
	}
	got, err := listRemote("memfs://crawl/*.jsonl")
	if want := []string{"memfs://crawl/a.jsonl", "memfs://crawl/b.jsonl"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("listRemote = %q, %v; want %q", got, err, want)
	}
	if _, err := listRemote("memfs://crawl/*.warc"); err == nil {
		t.Error("a pattern that names nothing: no error")
	}
	var u cliflags.UsageError
	if _, err := listRemote("memfs://tables/*"); !errors.As(err, &u) {
		t.Errorf("a Parquet object: %v, want a usage error", err)
	}
}
