package corpus

import (
	"fmt"
	"strings"
)

// Lang identifies the language of generated text.
type Lang int

// The supported languages.
const (
	English Lang = iota
	French
	German
	Russian
	Chinese
)

var langCodes = [...]string{"en", "fr", "de", "ru", "zh"}

var langNames = [...]string{"english", "french", "german", "russian", "chinese"}

// String returns the ISO 639-1 code of the language ("en", "fr", "de",
// "ru", "zh").
func (l Lang) String() string {
	if l >= 0 && int(l) < len(langCodes) {
		return langCodes[l]
	}
	return fmt.Sprintf("Lang(%d)", int(l))
}

// ParseLang parses an ISO 639-1 code as returned by String, or the English
// name of the language, case-insensitively.
func ParseLang(s string) (Lang, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	for i := range langCodes {
		if k == langCodes[i] || k == langNames[i] {
			return Lang(i), nil
		}
	}
	return 0, fmt.Errorf("corpus: unknown language %q (want one of en, fr, de, ru, zh)", s)
}

// Langs returns all supported languages in a fixed order.
func Langs() []Lang {
	return []Lang{English, French, German, Russian, Chinese}
}

func (l Lang) valid() bool { return l >= English && l <= Chinese }
