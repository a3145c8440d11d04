package shingle_test

import (
	"testing"

	"github.com/mimeo-dedup/mimeo/bench/corpus"
	"github.com/mimeo-dedup/mimeo/shingle"
)

// BenchmarkAppendHashes measures text → word 5-shingle hashes per language
// on one generated article of about 4.5 KB.
func BenchmarkAppendHashes(b *testing.B) {
	for _, lang := range corpus.Langs() {
		doc := corpus.Documents(lang, 1, 4000, 5000, 1)[0]
		for _, o := range []struct {
			name string
			opt  shingle.Options
		}{{"words5", shingle.Options{}}, {"words5-strip-fold", shingle.Options{StripDiacritics: true, FoldDigits: true}}, {"chars9", shingle.Options{Kind: shingle.Chars}}} {
			b.Run("lang="+lang.String()+"/"+o.name, func(b *testing.B) {
				s, err := shingle.New(o.opt)
				if err != nil {
					b.Fatal(err)
				}
				dst := s.AppendHashes(nil, doc)
				b.SetBytes(int64(len(doc)))
				b.ReportAllocs()
				for b.Loop() {
					dst = s.AppendHashes(dst[:0], doc)
				}
			})
		}
	}
}

// BenchmarkAppendNormalized measures the normalised-text output.
func BenchmarkAppendNormalized(b *testing.B) {
	doc := corpus.Documents(corpus.French, 1, 4000, 5000, 1)[0]
	s, _ := shingle.New(shingle.Options{})
	dst := s.AppendNormalized(nil, doc)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		dst = s.AppendNormalized(dst[:0], doc)
	}
}
