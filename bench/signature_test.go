package bench

import (
	"fmt"
	"testing"

	"github.com/mimeo-dedup/mimeo/bench/corpus"
	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/minhash"
)

// docsPerOp documents are signed per benchmark iteration; b.SetBytes is
// their total size, so MB/s compares implementations on identical input.
const docsPerOp = 128

func workload(lang corpus.Lang) (docs [][]byte, size int64) {
	docs = corpus.Documents(lang, docsPerOp, 3000, 6000, 20261126)
	for _, d := range docs {
		size += int64(len(d))
	}
	return docs, size
}

type signImpl struct {
	name string
	// sign returns a function that signs one document; it is called once
	// per benchmark so that reusable state is set up outside the loop.
	sign func() func(doc []byte)
}

func signImpls() []signImpl {
	return []signImpl{
		{"mimeo", func() func([]byte) {
			s, err := index.Recipe{}.NewSigner()
			if err != nil {
				panic(err)
			}
			var sig minhash.Signature
			return func(doc []byte) { s.SignInto(&sig, doc) }
		}},
		{"go-minhash", func() func([]byte) {
			g := NewGoMinhash(128, 5)
			return func(doc []byte) { g.Sign(doc) }
		}},
		{"ekzhu", func() func([]byte) {
			e := NewEkzhu(128, 5)
			return func(doc []byte) { e.Sign(doc) }
		}},
	}
}

func benchSign(b *testing.B, docs [][]byte, size int64, sign func([]byte)) {
	for _, d := range docs { // warm up buffers and lazily built tables
		sign(d)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			sign(d)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs))/1000, "µs/doc")
}

// BenchmarkSignature measures document → MinHash signature (k = 128, word
// 5-shingles) on generated English news of 3–6 KB, for mimeo and its peers.
func BenchmarkSignature(b *testing.B) {
	docs, size := workload(corpus.English)
	for _, impl := range signImpls() {
		b.Run("impl="+impl.name, func(b *testing.B) {
			benchSign(b, docs, size, impl.sign())
		})
	}
}

// BenchmarkSignatureLanguages measures the same path on French, German,
// Russian and Chinese news, which exercise the Unicode path.
func BenchmarkSignatureLanguages(b *testing.B) {
	for _, lang := range []corpus.Lang{corpus.French, corpus.German, corpus.Russian, corpus.Chinese} {
		docs, size := workload(lang)
		for _, impl := range signImpls() {
			b.Run(fmt.Sprintf("lang=%s/impl=%s", lang, impl.name), func(b *testing.B) {
				benchSign(b, docs, size, impl.sign())
			})
		}
	}
}
