package minhash_test

import (
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/minhash"
	"github.com/mimeo-dedup/mimeo/shingle"
)

var update = flag.Bool("update", false, "rewrite the golden files in ../testdata/golden")

// goldenRecipes are the configurations whose output is pinned: any change
// to normalisation, tokenisation, hashing, signing or the encoding shows up
// as a diff against ../testdata/golden/*.golden.
var goldenRecipes = []struct {
	name string
	sh   shingle.Options
	mh   minhash.Options
	bits int
}{
	{"default", shingle.Options{}, minhash.Options{}, 32},
	{"strip-fold-b8", shingle.Options{StripDiacritics: true, FoldDigits: true, Seed: 3}, minhash.Options{Seed: 5}, 8},
	{"chars9-k64", shingle.Options{Kind: shingle.Chars, N: 9, Seed: 7}, minhash.Options{K: 64, Seed: 7}, 32},
}

// TestGolden pins signatures (and the normalised text) of the documents in
// ../testdata/golden, so that they stay identical across runs, machines and
// architectures. Run with -update after an intended change.
func TestGolden(t *testing.T) {
	docs, err := filepath.Glob("../testdata/golden/*.txt")
	if err != nil || len(docs) == 0 {
		t.Fatalf("no golden documents: %v", err)
	}
	sort.Strings(docs)
	var sigs, norms strings.Builder
	for _, path := range docs {
		text, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		for _, r := range goldenRecipes {
			sh, err := shingle.New(r.sh)
			if err != nil {
				t.Fatal(err)
			}
			mh, err := minhash.New(r.mh)
			if err != nil {
				t.Fatal(err)
			}
			hashes := sh.AppendHashes(nil, text)
			sig := mh.Sign(hashes)
			enc, err := sig.BBit(r.bits).MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&sigs, "%s %s shingles=%d card=%d %s\n", name, r.name, len(hashes), sig.Card, hex.EncodeToString(enc))
		}
		sh, _ := shingle.New(shingle.Options{})
		fmt.Fprintf(&norms, "%s\t%s\n", name, sh.AppendNormalized(nil, text))
	}
	compareGolden(t, "../testdata/golden/signatures.golden", sigs.String())
	compareGolden(t, "../testdata/golden/normalized.golden", norms.String())
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGolden -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Errorf("%s line %d:\n got %q\nwant %q", path, i+1, g, w)
			}
		}
	}
}
