package shingle

import "testing"

// FuzzShingle checks, for arbitrary bytes, everything checkAgainstReference
// asserts: no panic, the ASCII fast path equals the general path and the
// reference, valid UTF-8 out, idempotent normalisation.
func FuzzShingle(f *testing.F) {
	for _, seed := range []string{
		"", "The U.S. economy's 3,000.50", "cafe\u0301 ﬁ Straße İ", "我们是学生。か\u3099",
		"ก\u0e48\u0e38", "\xff\xfe\xc3", "a_\u0308b", "ᄀ_ᅡ", "x.\u0301y", "=\u0338", "½＿ุ", "\u037a\u0345",
		"ab\u200d\u0301cd", "\u2474\u2025a", "한\u11a8", "Ⓐ\u0301",
		"ب\u064e\u0651 ب\u0651\u064e ا\u0653 ب\u0316\u064e", "क\u094d\u093c न\u093c\u094d", "ก\u0e49\u0e33 น\u0e49\u0e33", "a\u0316\u0301 é\u0316",
		"WASHINGTON, March 3 (Newswire) - The U.S. economy grew 3.5% in 2024, officials said; \"It's good.\" a_b",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa x.y 1,2",
		"0123456789012345678901234567890123456789012345678901234567890123.é don't",
	} {
		f.Add([]byte(seed), uint8(0))
	}
	variants := []Options{{}, {StripDiacritics: true, FoldDigits: true}, {N: 2}, {Kind: Chars, N: 3}}
	shinglers := make([]*Shingler, len(variants))
	for i, o := range variants {
		shinglers[i] = mustNew(f, o)
	}
	f.Fuzz(func(t *testing.T, text []byte, v uint8) {
		i := int(v) % len(variants)
		checkAgainstReference(t, shinglers[i], variants[i], text)
	})
}
