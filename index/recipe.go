// Package index turns text into MinHash signatures under a recorded recipe
// and finds near-duplicates among them with LSH banding: in memory (Dedup,
// which clusters a collection) or in a persistent, compressed on-disk index
// that grows over time (Index; its files are described in FORMAT.md).
//
// A Recipe holds every parameter that changes what a signature means: the
// shingle kind and size, the normalisation options, the shingle hash seed,
// the number of MinHash slots and the MinHash seed. Signatures are only
// comparable when their recipes are equal.
package index

import (
	"fmt"

	"github.com/mimeo-dedup/mimeo/minhash"
	"github.com/mimeo-dedup/mimeo/shingle"
)

// Recipe is everything that determines a signature. The zero value is the
// default recipe: word 5-shingles, 128 slots, seeds 0.
type Recipe struct {
	Shingle shingle.Options
	// K is the number of MinHash slots; 0 means minhash.DefaultK.
	K int
	// Seed keys the MinHash permutation.
	Seed uint64
}

// Normalize returns r with defaults filled in, or an error if r is invalid.
func (r Recipe) Normalize() (Recipe, error) {
	sh, err := shingle.New(r.Shingle)
	if err != nil {
		return r, err
	}
	r.Shingle = sh.Options()
	mh, err := minhash.New(minhash.Options{K: r.K, Seed: r.Seed})
	if err != nil {
		return r, err
	}
	r.K = mh.K()
	return r, nil
}

// String describes the recipe, e.g. "words:5 k=128 seed=0/0".
func (r Recipe) String() string {
	n, err := r.Normalize()
	if err != nil {
		return "invalid recipe: " + err.Error()
	}
	s := fmt.Sprintf("%s k=%d seed=%d/%d", n.Shingle, n.K, n.Shingle.Seed, n.Seed)
	if n.Shingle.FoldDigits {
		s += " fold-digits"
	}
	if n.Shingle.StripDiacritics {
		s += " strip-diacritics"
	}
	return s
}

// Signer turns text into signatures under one recipe. It reuses its
// buffers, so a warmed-up Signer allocates nothing per document; it is not
// safe for concurrent use (make one per goroutine).
type Signer struct {
	recipe Recipe
	sh     *shingle.Shingler
	mh     *minhash.Hasher
	hashes []uint64
}

// NewSigner returns a Signer for the recipe.
func (r Recipe) NewSigner() (*Signer, error) {
	n, err := r.Normalize()
	if err != nil {
		return nil, err
	}
	sh, err := shingle.New(n.Shingle)
	if err != nil {
		return nil, err
	}
	mh, err := minhash.New(minhash.Options{K: n.K, Seed: n.Seed})
	if err != nil {
		return nil, err
	}
	return &Signer{recipe: n, sh: sh, mh: mh}, nil
}

// Recipe returns the signer's recipe with defaults filled in.
func (s *Signer) Recipe() Recipe { return s.recipe }

// Hashes returns the shingle hashes of text. The slice is owned by the
// Signer and valid until its next call.
func (s *Signer) Hashes(text []byte) []uint64 {
	s.hashes = s.sh.AppendHashes(s.hashes[:0], text)
	return s.hashes
}

// SignInto computes the signature of text into sig, reusing its storage.
func (s *Signer) SignInto(sig *minhash.Signature, text []byte) {
	s.mh.SignInto(sig, s.Hashes(text))
}

// Sign returns the signature of text.
func (s *Signer) Sign(text []byte) minhash.Signature {
	var sig minhash.Signature
	s.SignInto(&sig, text)
	return sig
}

// Normalized appends the normalised text of text to dst.
func (s *Signer) Normalized(dst, text []byte) []byte {
	return s.sh.AppendNormalized(dst, text)
}
