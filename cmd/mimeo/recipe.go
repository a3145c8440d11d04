package main

import (
	"github.com/spf13/pflag"

	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/shingle"
)

// recipeFlags are the flags that change what a signature means.
type recipeFlags struct {
	shingle         string
	hashes          int
	shingleSeed     uint64
	seed            uint64
	foldDigits      bool
	stripDiacritics bool
}

func (f *recipeFlags) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&f.shingle, "shingle", "words:5", "shingles: words:N (N tokens) or chars:N (N characters)")
	fs.IntVar(&f.hashes, "hashes", 128, "MinHash slots per signature (k)")
	fs.Uint64Var(&f.shingleSeed, "shingle-seed", 0, "seed of the shingle hash")
	fs.Uint64Var(&f.seed, "seed", 0, "seed of the MinHash permutation")
	fs.BoolVar(&f.foldDigits, "fold-digits", false, "treat every digit as 0")
	fs.BoolVar(&f.stripDiacritics, "strip-diacritics", false, "remove accents and other nonspacing marks")
}

// recipe validates the flags and returns the recipe they describe.
func (f *recipeFlags) recipe() (index.Recipe, error) {
	o, err := shingle.ParseSpec(f.shingle, shingle.Options{
		Seed:            f.shingleSeed,
		FoldDigits:      f.foldDigits,
		StripDiacritics: f.stripDiacritics,
	})
	if err != nil {
		return index.Recipe{}, usagef("--shingle: %v", err)
	}
	if f.hashes < 1 {
		return index.Recipe{}, usagef("--hashes %d: want 1 or more", f.hashes)
	}
	r, err := index.Recipe{Shingle: o, K: f.hashes, Seed: f.seed}.Normalize()
	if err != nil {
		return r, usagef("%v", err)
	}
	return r, nil
}
