package shingle

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mimeo-dedup/mimeo/internal/testrand"
)

func mustNew(t testing.TB, o Options) *Shingler {
	t.Helper()
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func normalized(t testing.TB, o Options, text string) string {
	t.Helper()
	return string(mustNew(t, o).AppendNormalized(nil, []byte(text)))
}

func TestNormalizeExamples(t *testing.T) {
	strip := Options{StripDiacritics: true}
	digits := Options{FoldDigits: true}
	tests := []struct {
		name string
		o    Options
		in   string
		want string
	}{
		{"empty", Options{}, "", ""},
		{"only punctuation", Options{}, " -- !!! ... ", ""},
		{"case and whitespace", Options{}, "  The  QUICK\tbrown\n\nfox ", "the quick brown fox"},
		{"apostrophe joins letters", Options{}, "Don't stop the company's plan", "dont stop the companys plan"},
		{"curly apostrophe", Options{}, "don’t", "dont"},
		{"trailing apostrophe splits", Options{}, "students' books", "students books"},
		{"full stops inside abbreviations", Options{}, "the U.S. economy", "the us economy"},
		{"decimal and thousands", Options{}, "3,000.50 dollars, 4.5%", "300050 dollars 45"},
		{"comma between words splits", Options{}, "red,green", "red green"},
		{"hyphen splits", Options{}, "well-known", "well known"},
		{"colon splits", Options{}, "10:30 note:see", "10 30 note see"},
		{"underscore joins", Options{}, "snake_case _x_ _", "snakecase x"},
		{"letters and digits join", Options{}, "3rd COVID19 v1.2", "3rd covid19 v12"},
		{"fold digits", digits, "In 2024, 3.5%", "in 0000 00"},
		{"fold digits of a compatibility number", digits, "⑲ ²", "00 0"},
		{"accents kept", Options{}, "Café Ärger", "café ärger"},
		{"accents stripped", strip, "Café Ärger naïve Łódź", "cafe arger naive łodz"},
		{"decomposed accent composes", Options{}, "cafe\u0301", "café"},
		{"decomposed accent stripped", strip, "cafe\u0301", "cafe"},
		{"sharp s folds", Options{}, "Straße", "strasse"},
		{"ligature", Options{}, "ﬁnance", "finance"},
		{"fullwidth", Options{}, "ＡＢＣ１２３", "abc123"},
		{"roman numeral", Options{}, "Ⅻ", "xii"},
		{"greek final sigma", Options{}, "ΟΔΟΣ", "οδοσ"},
		{"cyrillic", Options{}, "Москва, ЁЛКА", "москва ёлка"},
		{"soft hyphen ignored", Options{}, "co\u00ADoperate", "cooperate"},
		{"zero width joiner ignored", Options{}, "ab\u200dcd", "abcd"},
		{"invalid utf-8 separates", Options{}, "ab\xffcd\xc3", "ab cd"},
		{"replacement character separates", Options{}, "ab\ufffdcd", "ab cd"},
		{"emoji separate", Options{}, "good😀news", "good news"},
		{"han run", Options{}, "我们是学生。", "我们是学生"},
		{"han runs split by punctuation", Options{}, "我们，学生", "我们 学生"},
		{"han next to latin and digits", Options{}, "2024年iPhone手机", "2024 年 iphone 手机"},
		{"japanese", Options{}, "カタカナとひらがな", "カタカナとひらがな"},
		{"prolonged sound mark", Options{}, "リバートン ｺｰﾋｰ", "リバートン コーヒー"},
		{"dakuten composes", Options{}, "か\u3099", "が"},
		{"hangul is a word", Options{}, "한국어 문장", "한국어 문장"},
		{"mark after separator dropped", Options{}, "a \u0301b", "a b"},
		{"circled letter", Options{}, "Ⓐ", "a"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := normalized(t, tc.o, tc.in)
			if got != tc.want {
				t.Errorf("AppendNormalized(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if ref := refNormalized(tc.o, []byte(tc.in)); ref != tc.want {
				t.Errorf("reference(%q) = %q, want %q", tc.in, ref, tc.want)
			}
		})
	}
}

func TestTokensCJK(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"我", []string{"我"}},
		{"我们", []string{"我们"}},
		{"我们是学生", []string{"我们", "们是", "是学", "学生"}},
		{"他说：我们", []string{"他说", "我们"}},
		{"2024年", []string{"2024", "年"}},
	}
	for _, tc := range tests {
		if got := refTokens(Options{}, []byte(tc.in)); !slices.Equal(got, tc.want) {
			t.Errorf("tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestShortDocuments(t *testing.T) {
	s := mustNew(t, Options{})
	if h := s.AppendHashes(nil, []byte("  ... ")); len(h) != 0 {
		t.Errorf("text without tokens: %d hashes, want 0", len(h))
	}
	one := s.AppendHashes(nil, []byte("breaking news"))
	if len(one) != 1 {
		t.Fatalf("2 tokens, N=5: %d hashes, want 1", len(one))
	}
	five := s.AppendHashes(nil, []byte("a b c d e"))
	if len(five) != 1 {
		t.Fatalf("5 tokens, N=5: %d hashes, want 1", len(five))
	}
	four := s.AppendHashes(nil, []byte("a b c d"))
	if four[0] == five[0] || four[0] == one[0] {
		t.Error("short shingles of different texts collide")
	}
	six := s.AppendHashes(nil, []byte("a b c d e f"))
	if len(six) != 2 || six[0] != five[0] {
		t.Errorf("6 tokens: got %x, want 2 hashes starting with %x", six, five[0])
	}
	// A short text's single shingle differs from the full shingle of the
	// same tokens at a smaller N.
	s4 := mustNew(t, Options{N: 4})
	if h := s4.AppendHashes(nil, []byte("a b c d")); h[0] == four[0] {
		t.Error("short shingle equals the N=4 shingle of the same tokens")
	}
}

func TestHashesMatchReference(t *testing.T) {
	texts := []string{
		"", "a", "The quick brown fox jumps over the lazy dog.",
		"WASHINGTON, March 3 (Newswire) - The U.S. economy grew 3.5% in 2024, officials said; \"It's good.\"",
		strings.Repeat("word ", 70),
		"我们是学生，他说：“今天的天气很好。”2024年iPhone手机",
		"Ça coûte 3,5 milliards d'euros à l'État, a déclaré le ministre.",
		"Die Straße ist groß, sagte der Bürgermeister „heute“.",
		"Москва заявила, что ёлка стоит 1,2 млрд рублей.",
		"cafe\u0301 ｆｕｌｌ ﬁx İstanbul",
	}
	for _, o := range optionVariants() {
		s := mustNew(t, o)
		for _, text := range texts {
			got := s.AppendHashes(nil, []byte(text))
			want := refHashes(o, []byte(text))
			if !slices.Equal(got, want) {
				t.Errorf("%+v %q:\n got %x\nwant %x\ntokens %q", o, text, got, want, refTokens(o, []byte(text)))
			}
		}
	}
}

func optionVariants() []Options {
	return []Options{
		{},
		{Seed: 42},
		{N: 1},
		{N: 3, FoldDigits: true},
		{StripDiacritics: true},
		{StripDiacritics: true, FoldDigits: true, N: 7, Seed: 7},
		{Kind: Chars},
		{Kind: Chars, N: 4, StripDiacritics: true},
	}
}

func TestSeedChangesHashes(t *testing.T) {
	text := []byte("one two three four five six seven")
	a := mustNew(t, Options{Seed: 1}).AppendHashes(nil, text)
	b := mustNew(t, Options{Seed: 2}).AppendHashes(nil, text)
	c := mustNew(t, Options{Seed: 1}).AppendHashes(nil, text)
	if !slices.Equal(a, c) {
		t.Error("same seed, different hashes")
	}
	for i := range a {
		if a[i] == b[i] {
			t.Errorf("shingle %d: seeds 1 and 2 give the same hash", i)
		}
	}
}

func TestOptionsValidation(t *testing.T) {
	for _, o := range []Options{{N: -1}, {N: MaxN + 1}, {Kind: 7}} {
		if _, err := New(o); !errors.Is(err, ErrOptions) {
			t.Errorf("New(%+v) error = %v, want ErrOptions", o, err)
		}
	}
	for spec, want := range map[string]string{"words:5": "words:5", "chars:9": "chars:9", "words": "words:5", "chars": "chars:9", "w:3": "words:3"} {
		o, err := ParseSpec(spec, Options{})
		if err != nil || o.String() != want {
			t.Errorf("ParseSpec(%q) = %v, %v; want %s", spec, o, err, want)
		}
	}
	for _, spec := range []string{"", "lines:3", "words:0", "words:x", "chars:65", "words:-1"} {
		if _, err := ParseSpec(spec, Options{}); !errors.Is(err, ErrOptions) {
			t.Errorf("ParseSpec(%q) error = %v, want ErrOptions", spec, err)
		}
	}
}

func TestCharShingles(t *testing.T) {
	s := mustNew(t, Options{Kind: Chars, N: 3})
	if got := s.AppendHashes(nil, []byte("Ab, c")); len(got) != 2 { // "ab c": 4 runes
		t.Errorf("chars:3 of %q: %d shingles, want 2", "ab c", len(got))
	}
	if got := s.AppendHashes(nil, []byte("ab")); len(got) != 1 {
		t.Errorf("chars:3 of 2-rune text: %d shingles, want 1", len(got))
	}
	if got := s.AppendHashes(nil, []byte("!!")); len(got) != 0 {
		t.Errorf("chars:3 of no text: %d shingles, want 0", len(got))
	}
	// Same normalised text, same hashes.
	a := s.AppendHashes(nil, []byte("Hello,   WORLD"))
	b := s.AppendHashes(nil, []byte("hello world"))
	if !slices.Equal(a, b) {
		t.Error("char shingles differ for texts with the same normal form")
	}
}

// randomText draws from a palette that exercises every class and every
// special case of the normaliser.
func randomText(r *rng, n int) []byte {
	palette := []string{
		"a", "b", "Z", "e", "0", "7", " ", " ", "  ", "\n", "\t", ".", ",", ";", ":", "'", "_", "-", "!", "=",
		"é", "Ä", "ß", "ø", "Ł", "ǅ", "ſ", "ﬁ", "İ", "ı", "Σ", "ς", "Ω", "ω", "Ж", "ё",
		"\u0301", "\u0323", "\u0308", "\u0338", "\u0345", "\u0307", "\u093f", "\u0941", "\u094d",
		"我", "们", "学", "〇", "々", "か", "\u3099", "カ", "ー", "ｶ", "ﾞ",
		"ก", "\u0e48", "\u0e38", "\u0e31", "เ", "한", "\u1100", "\u1161", "\u11a8",
		"Ａ", "１", "．", "，", "：", "＿", "①", "⑴", "½", "²", "Ⅻ", "ℌ", "㎏", "㍿", "\u2025", "\u2024",
		"’", "‘", "·", "\u00ad", "\u200d", "\u200b", "\ufeff", "\ufffd", "😀", "\U0001F1EB",
		"\U00020000", "\U0001D400", "ǈ", "ᾳ", "ͅ", "ͺ", "\u0344", "\u0958",
		"ب", "ا", "\u064b", "\u064e", "\u0650", "\u0651", "\u0652", "\u0653", "\u0316", "\u0e33", "\u0e49", "क", "न", "\u093c", "\u0947",
		"\xff", "\xc3", "\xe4\xb8", "\xed\xa0\x80",
	}
	var b []byte
	for range n {
		b = append(b, palette[r.intn(len(palette))]...)
	}
	return b
}

// rng is a small deterministic generator for tests (splitmix64).
type rng struct{ s uint64 }

func (r *rng) next() uint64 { return testrand.SplitMix64(&r.s) }

func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

func TestRandomTextMatchesReference(t *testing.T) {
	r := &rng{s: 1}
	iters := 3000
	if testing.Short() {
		iters = 300
	}
	variants := optionVariants()
	shinglers := make([]*Shingler, len(variants))
	for i, o := range variants {
		shinglers[i] = mustNew(t, o)
	}
	for it := range iters {
		text := randomText(r, 1+r.intn(40))
		for i, o := range variants {
			checkAgainstReference(t, shinglers[i], o, text)
		}
		if t.Failed() {
			t.Fatalf("stopped after iteration %d", it)
		}
	}
}

// checkAgainstReference asserts every property the package promises for
// one text: the fast path equals the general path and the reference, the
// normal form equals the reference's, is idempotent and shingles alike.
func checkAgainstReference(t *testing.T, s *Shingler, o Options, text []byte) {
	t.Helper()
	got := s.AppendHashes(nil, text)
	s.noBlock = true
	bytewise := s.AppendHashes(nil, text)
	s.noBlock = false
	s.noFast = true
	slow := s.AppendHashes(nil, text)
	s.noFast = false
	if !slices.Equal(got, bytewise) {
		t.Errorf("%+v %q: block path %x, byte path %x", o, text, got, bytewise)
	}
	if !slices.Equal(got, slow) {
		t.Errorf("%+v %q: ASCII fast path %x, general path %x", o, text, got, slow)
	}
	if want := refHashes(o, text); !slices.Equal(got, want) {
		t.Errorf("%+v %q: hashes differ from reference\n got %x\nwant %x\nref tokens %q", o, text, got, want, refTokens(o, text))
	}
	n := s.AppendNormalized(nil, text)
	if !utf8.Valid(n) {
		t.Errorf("%+v %q: normal form %q is not valid UTF-8", o, text, n)
	}
	if want := refNormalized(o, text); string(n) != want {
		t.Errorf("%+v %q: normal form %q, reference %q", o, text, n, want)
	}
	if n2 := s.AppendNormalized(nil, n); string(n2) != string(n) {
		t.Errorf("%+v %q: not idempotent: %q → %q", o, text, n, n2)
	}
	if o.Kind == Words {
		if h2 := s.AppendHashes(nil, n); !slices.Equal(h2, got) {
			t.Errorf("%+v %q: shingles of the normal form %q differ", o, text, n)
		}
	}
}

// TestASCIIFastPathDifferential compares the block path, the byte path and
// the general path on ASCII-heavy text long enough for many blocks, with
// punctuation that joins or splits tokens and a little non-ASCII.
func TestASCIIFastPathDifferential(t *testing.T) {
	r := &rng{s: 2}
	alphabets := []string{
		"abcXYZ019 ''..,,;;::__--!?\"()\n\t\x00\x7f",
		"aaaaaaaabbbbbbbbbZZZZZZZZZ0123456789        .',;",
		"the quick brown fox 2024 U.S. don't 3,000.5 a_b \n",
	}
	nonASCII := []string{"é", "\u0301", "我", "\xff", "Ж"}
	for _, o := range optionVariants() {
		if o.Kind != Words {
			continue
		}
		s := mustNew(t, o)
		for it := range 3000 {
			alphabet := alphabets[it%len(alphabets)]
			b := make([]byte, 0, 400)
			for range r.intn(400) {
				if r.intn(200) == 0 {
					b = append(b, nonASCII[r.intn(len(nonASCII))]...)
					continue
				}
				b = append(b, alphabet[r.intn(len(alphabet))])
			}
			checkAgainstReference(t, s, o, b)
			if t.Failed() {
				t.FailNow()
			}
		}
	}
}

func TestBlockMasks(t *testing.T) {
	r := &rng{s: 3}
	for range 1000 {
		var b [64]byte
		for i := range b {
			b[i] = byte(r.intn(128))
		}
		w, v, ok := blockMasks(&b)
		var ww, wv uint64
		wok := true
		for i, c := range b {
			switch {
			case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
				ww |= 1 << i
			}
			if c > ' ' {
				wv |= 1 << i
			}
			if c == '_' {
				wok = false
			}
		}
		if ok != wok || (ok && (w != ww || v != wv)) {
			t.Fatalf("blockMasks(%q) = %x %x %v, want %x %x %v", b, w, v, ok, ww, wv, wok)
		}
		b[r.intn(64)] |= 0x80
		if _, _, ok := blockMasks(&b); ok {
			t.Fatalf("blockMasks accepted a non-ASCII byte in %q", b)
		}
	}
}

func TestAppendHashesNoAllocations(t *testing.T) {
	texts := map[string]string{
		"en": strings.Repeat("The U.S. economy grew 3.5% in 2024, officials said on Tuesday. ", 60),
		"fr": strings.Repeat("L'économie française a progressé de 3,5 % en 2024, a déclaré le ministre. ", 60),
		"de": strings.Repeat("Die Straße bleibt gesperrt, sagte der Bürgermeister am Dienstag. ", 60),
		"ru": strings.Repeat("Экономика выросла на 3,5% в 2024 году, заявил министр. ", 60),
		"zh": strings.Repeat("国家统计局表示，今年经济增长百分之三点五。", 60),
	}
	for lang, text := range texts {
		s := mustNew(t, Options{})
		b := []byte(text)
		dst := s.AppendHashes(nil, b) // warm up buffers and table pages
		allocs := testing.AllocsPerRun(20, func() { dst = s.AppendHashes(dst[:0], b) })
		if allocs != 0 {
			t.Errorf("%s: %.1f allocations per document, want 0", lang, allocs)
		}
		if len(dst) < 100 {
			t.Errorf("%s: only %d shingles", lang, len(dst))
		}
	}
}

func TestConcurrentTableBuild(t *testing.T) {
	// Shinglers in several goroutines build table pages concurrently; run
	// with -race. Each must match a fresh sequential result.
	text := []byte("Ωμέγα 한국어 我们 ﬁ Ａ Москва ก่ \u0915\u093f")
	want := mustNew(t, Options{}).AppendHashes(nil, text)
	done := make(chan []uint64)
	for range 4 {
		go func() {
			s, _ := New(Options{})
			done <- s.AppendHashes(nil, text)
		}()
	}
	for range 4 {
		if got := <-done; !slices.Equal(got, want) {
			t.Errorf("concurrent result %x, want %x", got, want)
		}
	}
}

func ExampleShingler_AppendNormalized() {
	s, _ := New(Options{})
	fmt.Printf("%s\n", s.AppendNormalized(nil, []byte("WASHINGTON (Wire) — The U.S. economy’s growth: 3.5%!")))
	fmt.Printf("%s\n", s.AppendNormalized(nil, []byte("2024年，我们的经济")))
	// Output:
	// washington wire the us economys growth 35
	// 2024 年 我们的经济
}

func ExampleShingler_AppendHashes() {
	s, _ := New(Options{N: 3})
	var hashes []uint64
	for _, doc := range []string{"Stocks rose sharply on Monday", "STOCKS ROSE SHARPLY ON MONDAY!"} {
		hashes = s.AppendHashes(hashes[:0], []byte(doc))
		fmt.Println(len(hashes), hashes[0] == 0x0)
	}
	// Output:
	// 3 false
	// 3 false
}

// markedWords are words of scripts with combining marks: Thai (tone marks,
// vowel signs, SARA AM), vocalised Arabic (harakat, shadda, sukun, a
// madda that composes), Devanagari (vowel signs, viramas, a nukta that
// composes).
var markedWords = [][]string{
	{"รัฐบาล", "เศรษฐกิจ", "ผู้ว่าการ", "เพิ่มขึ้น", "ที่ผ่านมา", "ต่อไป", "น้ำมัน", "สำคัญ"},
	{"الْحُكُومَةُ", "قَالَ", "الرَّئِيسُ", "الْمَرْكَزِيُّ", "ارْتَفَعَتْ", "بِنِسْبَةِ", "آمَنَ", "فِي"},
	{"सरकार", "अर्थव्यवस्था", "वृद्धि", "प्रधानमंत्री", "ब्याज", "सप्ताह", "ज़िला", "फ़िल्म"},
}

// TestMarkedScriptsMatchReference: text in scripts written with combining
// marks gives the reference's hashes and normal form, and Arabic and
// Devanagari words whose marks compose with nothing never take the slow
// path (x/text): their marks join their tokens as they are (inlineMark).
func TestMarkedScriptsMatchReference(t *testing.T) {
	r := &rng{s: 5}
	variants := optionVariants()
	shinglers := make([]*Shingler, len(variants))
	for i, o := range variants {
		shinglers[i] = mustNew(t, o)
	}
	for it := range 400 {
		words := markedWords[it%len(markedWords)]
		var b []byte
		for j := range 1 + r.intn(30) {
			if j > 0 {
				b = append(b, []string{" ", "", ". ", ", ", "'", "\u200d"}[r.intn(6)]...)
			}
			b = append(b, words[r.intn(len(words))]...)
		}
		for i, o := range variants {
			checkAgainstReference(t, shinglers[i], o, b)
		}
		if t.Failed() {
			t.Fatalf("stopped after iteration %d", it)
		}
	}
	s := mustNew(t, Options{})
	for _, words := range markedWords[1:] {
		var b []byte
		for _, w := range words[:6] { // not the composing madda and nukta
			b = append(append(b, w...), ' ')
		}
		s.slowSpans = 0
		if s.AppendHashes(nil, b); s.slowSpans != 0 {
			t.Errorf("%q: %d spans on the slow path, want none", b, s.slowSpans)
		}
	}
}
