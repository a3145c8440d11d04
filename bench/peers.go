package bench

import (
	"bytes"
	"encoding/binary"

	"github.com/cespare/xxhash/v2"
	minwise "github.com/dgryski/go-minhash"
	minhashlsh "github.com/ekzhu/minhash-lsh"
)

// PeerShingles calls fn with each word n-gram of text the way users of the
// Go MinHash libraries typically build them: split on white space,
// lower-case, join n words with a space. With fewer than n words the whole
// text is one shingle. The slice passed to fn is reused.
func PeerShingles(text []byte, n int, fn func(shingle []byte)) {
	words := bytes.Fields(bytes.ToLower(text))
	if len(words) == 0 {
		return
	}
	if len(words) < n {
		n = len(words)
	}
	var buf []byte
	for i := 0; i+n <= len(words); i++ {
		buf = buf[:0]
		for j, w := range words[i : i+n] {
			if j > 0 {
				buf = append(buf, ' ')
			}
			buf = append(buf, w...)
		}
		fn(buf)
	}
}

// GoMinhash signs documents with github.com/dgryski/go-minhash's MinWise
// (k slots, double hashing h1 + i·h2) using two seeded xxhash functions.
// Not safe for concurrent use.
type GoMinhash struct {
	k, n int
	d    *xxhash.Digest
}

// NewGoMinhash returns a signer with k slots over word n-grams.
func NewGoMinhash(k, n int) *GoMinhash {
	return &GoMinhash{k: k, n: n, d: xxhash.NewWithSeed(0x5eed)}
}

func (g *GoMinhash) h2(b []byte) uint64 {
	g.d.ResetWithSeed(0x5eed)
	g.d.Write(b)
	return g.d.Sum64()
}

// Sign returns the MinWise of text's shingles.
func (g *GoMinhash) Sign(text []byte) *minwise.MinWise {
	m := minwise.NewMinWise(xxhash.Sum64, g.h2, g.k)
	PeerShingles(text, g.n, m.Push)
	return m
}

// Ekzhu signs documents with github.com/ekzhu/minhash-lsh's Minhash (k
// slots, FNV-based hash functions) over word n-grams.
type Ekzhu struct {
	k, n int
	seed int64
}

// NewEkzhu returns a signer with k slots over word n-grams.
func NewEkzhu(k, n int) *Ekzhu { return &Ekzhu{k: k, n: n, seed: 42} }

// Sign returns the Minhash of text's shingles.
func (e *Ekzhu) Sign(text []byte) *minhashlsh.Minhash {
	m := minhashlsh.NewMinhash(e.seed, e.k)
	PeerShingles(text, e.n, m.Push)
	return m
}

// EkzhuKey turns a document number into the string key ekzhu's LSH wants.
func EkzhuKey(i int) string {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(i))
	return string(b[:])
}
