// Package index finds near-duplicate documents — the syndicated copies of
// a story under whatever a site wraps around them — in memory or in a
// persistent, compressed index on disk. It has three parts.
//
// # The recipe and the features
//
// A Recipe holds every parameter that changes what a signature means: the
// shingle kind and size, the normalisation options, the shingle hash seed,
// the number of MinHash slots and the MinHash seed. Signatures are only
// comparable when their recipes are equal. Options add what the matching
// needs besides: the b-bit slots kept to compare (Li and König, "b-Bit
// Minwise Hashing", 2010), the LSH banding of the signature and of a
// signature of the document's lead (Leskovec, Rajaraman and Ullman, "Mining
// of Massive Datasets", ch. 3), passage keys that make a document a
// candidate of one that shares a long line's first words with it (an
// excerpt, a story a digest quotes), the near-duplicate rule (a similarity,
// or a containment of one document in the other, whose opening must then be
// inside the other), and what a page is cleaned of first: short lines,
// lists, and the lines a Boilerplate model learned as a site's furniture. A
// Featurizer computes a document's Features under Options: its signature,
// band and passage keys, and the shingle set and opening exact decisions
// are made on.
//
// # Dedup: clustering a collection in memory
//
// Dedup takes the features of a collection one document at a time, finds
// each one's candidates in its band tables, verifies them on the b-bit
// estimates — or sets the close calls aside for the caller to decide on
// exact values (ResolveSets) — and forms star clusters in which every member
// matches its center, with guards against chaining: a page that bridges
// unrelated stories takes members from one, a digest of several stories
// takes none by containment. KeepOriginal chooses the member to keep, and
// Covers tells which members a deduplicated output drops.
//
// # Index: the persistent index
//
// Index keeps documents in a directory (FORMAT.md): what was added since
// the last Flush in memory, the rest in immutable segment files that are
// memory-mapped and searched in place. A segment's band tables are sorted
// arrays of (key fingerprint, document) pairs, Elias–Fano coded (Elias,
// "Efficient storage and retrieval by content and address of static
// files", 1974; Vigna, "Quasi-succinct indices", 2013), its documents'
// shingle sets Golomb–Rice coded fingerprints (Putze, Sanders and Singler,
// "Cache-, hash- and space-efficient Bloom filters", 2007, for the
// compressed fingerprint sets), its metadata zstd frames, and an ids table
// finds a document by its id. The index keeps its options and its site
// model, and decides a query as Dedup decides a pair — the close calls on
// the documents' sets — so that a crawler asking about one page at a time
// (Seen, CheckAndAdd) gets the answer a scan of everything would give.
// Batch checks a batch of pages against the index without them and adds them
// at once. Writes are crash-safe: a manifest names the files of the index,
// replaced atomically.
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
