package index

import (
	"strings"
	"testing"
)

// TestExtractEmptyAfterLong: features reused for a document without a
// shingle after one with many carry none of the first one's keys — its
// passage keys had stayed, and made candidates of an empty page.
func TestExtractEmptyAfterLong(t *testing.T) {
	e, err := NewFeaturizer(Options{})
	if err != nil {
		t.Fatal(err)
	}
	e.KeepHashes(true)
	long := strings.Repeat("A long line of words that makes a paragraph with its first and last words keyed for the passages.\n", 3)
	var f Features
	e.Extract([]byte(long), "", &f)
	if len(f.Passages) == 0 || len(f.Keys) == 0 || len(f.Lead) == 0 {
		t.Fatalf("the long text: %d passage keys, %d band keys, %d opening hashes", len(f.Passages), len(f.Keys), len(f.Lead))
	}
	e.Extract([]byte("-- * --"), "", &f)
	if f.Shingles != 0 || len(f.Passages) != 0 || len(f.Keys) != 0 || len(f.Lead) != 0 || len(f.Hashes) != 0 {
		t.Errorf("an empty document after it: %d shingles, %d passage keys, %d band keys, %d opening hashes, %d hashes",
			f.Shingles, len(f.Passages), len(f.Keys), len(f.Lead), len(f.Hashes))
	}
}
