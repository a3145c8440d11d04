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

// markedScripts are words of scripts written with combining marks (Thai
// tone marks, Arabic vowel signs, Devanagari vowel signs and viramas), for
// BenchmarkAppendHashesMarks. Thai is written without spaces between words:
// its words are joined into phrases.
var markedScripts = []struct {
	name  string
	words []string
	join  string
}{
	{"thai", []string{"ประเทศไทย", "รัฐบาล", "เศรษฐกิจ", "ธนาคาร", "ประชาชน", "การเลือกตั้ง", "นายกรัฐมนตรี", "ตลาดหุ้น",
		"ราคาน้ำมัน", "ผู้ว่าการ", "กล่าวว่า", "เมื่อวันที่", "ที่ผ่านมา", "เพิ่มขึ้น", "ลดลง", "ร้อยละ", "ต่อไป", "ได้รับ"}, ""},
	{"arabic-vocalised", []string{"الْحُكُومَةُ", "قَالَ", "الرَّئِيسُ", "الِاقْتِصَادُ", "الْبَنْكُ", "الْمَرْكَزِيُّ", "أَعْلَنَ", "يَوْمَ",
		"الْأَرْبِعَاءِ", "الشَّعْبُ", "الْعَاصِمَةِ", "الْأَسْعَارُ", "ارْتَفَعَتْ", "بِنِسْبَةِ", "فِي", "مِنْ"}, " "},
	{"devanagari", []string{"सरकार", "ने", "कहा", "कि", "देश", "की", "अर्थव्यवस्था", "में", "वृद्धि", "हुई", "प्रधानमंत्री",
		"बैंक", "ब्याज", "दरों", "चुनाव", "राज्य", "लोगों", "पिछले", "सप्ताह"}, " "},
}

// markedText is about n bytes of sentences of words, each sentence ended
// by a full stop, made with a fixed seed.
func markedText(words []string, join string, n int) []byte {
	var b []byte
	x := uint64(7)
	next := func(m int) int {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return int(x % uint64(m))
	}
	for len(b) < n {
		for i := range 4 + next(8) {
			if i > 0 {
				b = append(b, join...)
				if join == "" && next(3) == 0 {
					b = append(b, ' ') // Thai puts spaces between phrases
				}
			}
			b = append(b, words[next(len(words))]...)
		}
		b = append(b, ". "...)
	}
	return b
}

// BenchmarkAppendHashesMarks measures word 5-shingle hashes of text in
// scripts with combining marks (issue #14: off the slow path).
func BenchmarkAppendHashesMarks(b *testing.B) {
	for _, sc := range markedScripts {
		doc := markedText(sc.words, sc.join, 5000)
		b.Run("script="+sc.name, func(b *testing.B) {
			s, err := shingle.New(shingle.Options{})
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
