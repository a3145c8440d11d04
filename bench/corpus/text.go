package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// text accumulates one sentence (or headline) and applies the small amount
// of orthography that depends on neighbouring words: spacing, English
// "a"/"an", French elision and contraction ("l'économie", "du", "aux",
// "qu'il") and Russian preposition forms ("об", "во", "со").
type text struct {
	b     []byte
	lang  Lang
	prev  int  // start of the last word appended with word, or -1
	prev2 int  // start of the word before it, or -1
	glue  bool // the next word attaches without a space
}

func (t *text) reset() {
	t.b = t.b[:0]
	t.prev, t.prev2 = -1, -1
	t.glue = true
}

func (t *text) last() string {
	if t.prev < 0 {
		return ""
	}
	return string(t.b[t.prev:])
}

func (t *text) last2() string {
	if t.prev2 < 0 {
		return ""
	}
	return string(t.b[t.prev2:t.prev])
}

// words appends each space-separated word of s.
func (t *text) words(s string) {
	for {
		i := strings.IndexByte(s, ' ')
		if i < 0 {
			t.word(s)
			return
		}
		t.word(s[:i])
		s = s[i+1:]
	}
}

// word appends one word, preceded by a space where the language needs one.
func (t *text) word(w string) {
	if w == "" {
		return
	}
	switch t.lang {
	case English:
		if t.prev >= 0 && enWantsAn(w) {
			if p := t.b[t.prev:]; len(p) == 1 && (p[0] == 'a' || p[0] == 'A') {
				t.b = append(t.b, 'n')
			}
		}
	case French:
		if t.frenchJoin(w) {
			return
		}
	case Russian:
		t.russianPrep(w)
	}
	start := len(t.b)
	if !t.glue && t.lang != Chinese {
		t.b = append(t.b, ' ')
		start++
	}
	t.b = append(t.b, w...)
	t.prev2, t.prev = t.prev, start
	t.glue = false
}

// punct appends punctuation directly after the previous character.
func (t *text) punct(p string) {
	t.b = append(t.b, p...)
	t.prev, t.prev2 = -1, -1
	t.glue = false
}

// open appends an opening quotation mark (with any spacing it carries)
// preceded by a space; the next word is glued to it.
func (t *text) open(q string) {
	if !t.glue && t.lang != Chinese && len(t.b) > 0 {
		t.b = append(t.b, ' ')
	}
	t.b = append(t.b, q...)
	t.prev, t.prev2 = -1, -1
	t.glue = true
}

// capFirst upper-cases the first letter at or after byte offset from, unless
// a digit comes first.
func (t *text) capFirst(from int) {
	for i := from; i < len(t.b); {
		c, n := utf8.DecodeRune(t.b[i:])
		if unicode.IsDigit(c) {
			return
		}
		if unicode.IsLetter(c) {
			u := unicode.ToUpper(c)
			if u == c {
				return
			}
			if utf8.RuneLen(u) == n {
				utf8.EncodeRune(t.b[i:], u)
				return
			}
			rest := append([]byte(nil), t.b[i+n:]...)
			t.b = utf8.AppendRune(t.b[:i], u)
			t.b = append(t.b, rest...)
			return
		}
		i += n
	}
}

// enWantsAn reports whether an English word takes "an" rather than "a".
func enWantsAn(w string) bool {
	switch w[0] {
	case 'a', 'e', 'i', 'o', 'A', 'E', 'I', 'O':
		lw := strings.ToLower(w)
		return !strings.HasPrefix(lw, "eu") && !strings.HasPrefix(lw, "one")
	case 'u', 'U':
		lw := strings.ToLower(w)
		return !strings.HasPrefix(lw, "uni") && !strings.HasPrefix(lw, "use") && !strings.HasPrefix(lw, "usu") && !strings.HasPrefix(lw, "uti")
	case 'h', 'H':
		lw := strings.ToLower(w)
		return strings.HasPrefix(lw, "hour") || strings.HasPrefix(lw, "honest") || strings.HasPrefix(lw, "honor")
	case '8':
		return true
	}
	return false
}

// French words beginning with an aspirated h, which blocks elision.
var frAspirated = []string{"hausse", "haut", "hors", "hasard", "handicap", "hâte", "hall", "hameau", "hangar", "harcèlement", "héros", "hiérarchie", "hockey", "honte", "huit"}

func frVowelStart(w string) bool {
	c, _ := utf8.DecodeRuneInString(w)
	switch unicode.ToLower(c) {
	case 'a', 'e', 'i', 'o', 'u', 'â', 'à', 'é', 'è', 'ê', 'î', 'ï', 'ô', 'û', 'œ':
		return true
	case 'h':
		lw := strings.ToLower(w)
		for _, a := range frAspirated {
			if strings.HasPrefix(lw, a) {
				return false
			}
		}
		return true
	}
	return false
}

// frenchJoin applies elision and contraction before appending w. It reports
// whether it has appended w itself.
func (t *text) frenchJoin(w string) bool {
	if t.prev < 0 {
		return false
	}
	p := t.last()
	switch {
	case w == "les" && (p == "de" || p == "à"):
		t.b = t.b[:t.prev]
		if p == "de" {
			t.b = append(t.b, "des"...)
		} else {
			t.b = append(t.b, "aux"...)
		}
		return true
	case (w == "des" || w == "du") && p == "de":
		return true // "de des" -> "de", "de du" -> "de"
	}
	if frVowelStart(w) {
		rep := ""
		switch p {
		case "le", "la":
			rep = "l'"
		case "de", "que", "ne", "se", "je", "me", "te", "lorsque", "puisque", "jusque":
			rep = p[:len(p)-1] + "'"
		case "ce":
			if w == "est" || w == "était" {
				rep = "c'"
			} else {
				t.b = append(t.b, 't')
			}
		case "si":
			if w == "il" || w == "ils" {
				rep = "s'"
			}
		case "sa":
			t.b = append(t.b[:t.prev], "son"...)
		case "nouveau":
			t.b = append(t.b[:len(t.b)-2], 'l')
		case "beau":
			t.b = append(t.b[:len(t.b)-2], 'l')
		}
		if rep != "" {
			t.b = append(t.b[:t.prev], rep...)
			t.b = append(t.b, w...)
			t.glue = false
			return true
		}
		return false
	}
	if p == "le" && t.prev2 >= 0 {
		switch t.last2() {
		case "de ":
			t.b = append(t.b[:t.prev2], "du"...)
			t.prev = t.prev2
			t.prev2 = -1
		case "à ":
			t.b = append(t.b[:t.prev2], "au"...)
			t.prev = t.prev2
			t.prev2 = -1
		}
	}
	return false
}

// russianPrep turns "о", "в", "с" into "об", "во", "со" where needed.
func (t *text) russianPrep(w string) {
	if t.prev < 0 {
		return
	}
	p := t.last()
	c1, n := utf8.DecodeRuneInString(w)
	c2, _ := utf8.DecodeRuneInString(w[n:])
	c1 = unicode.ToLower(c1)
	switch p {
	case "о":
		if strings.ContainsRune("аоуэиы", c1) {
			t.b = append(t.b, "б"...)
		}
	case "в":
		if (c1 == 'в' || c1 == 'ф') && ruConsonant(c2) {
			t.b = append(t.b, "о"...)
		}
	case "с":
		if (c1 == 'с' || c1 == 'з' || c1 == 'ш' || c1 == 'ж') && ruConsonant(c2) {
			t.b = append(t.b, "о"...)
		}
	}
}

func ruConsonant(c rune) bool {
	return c >= 'а' && c <= 'я' && !strings.ContainsRune("аеёиоуыэюяьъй", c)
}
