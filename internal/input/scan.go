package input

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth is the deepest nesting of arrays and objects a JSONL line may
// have; the top-level object counts as 1. Deeper lines are malformed.
// (encoding/json allows 10000; 1000 is plenty for documents and keeps the
// container stack in a fixed 128-byte array.)
const maxDepth = 1000

// Indices of the extracted top-level fields.
const (
	fieldID = iota
	fieldText
	fieldURL
	fieldDate
	numFields
)

// valueKind is the JSON type of an extracted field's last occurrence.
type valueKind uint8

const (
	kindAbsent valueKind = iota
	kindString
	kindNumber
	kindOther // null, true, false, object or array
)

var kindNames = [...]string{
	kindAbsent: "absent",
	kindString: "a string",
	kindNumber: "a number",
	kindOther:  "another type",
}

// fieldValue is one extracted top-level field.
type fieldValue struct {
	kind valueKind
	// val is the decoded string or the number's literal text. It aliases
	// either the scanned line or buf.
	val []byte
	// buf is the reusable decode buffer for strings with escapes or invalid
	// UTF-8.
	buf []byte
	// badUTF8 reports that the string held invalid UTF-8 (val then has each
	// bad byte replaced by U+FFFD, as encoding/json does).
	badUTF8 bool
	// first is the first byte of a kindOther value.
	first byte
}

// lineScanner validates one JSONL line per RFC 8259 in a single pass and
// extracts the wanted top-level fields. It does not allocate once its
// buffers have grown to the size of the largest escaped value seen.
type lineScanner struct {
	names [numFields]string
	// paths extracts the fields named by paths or lists, which names
	// then do not match (nil: none).
	paths  *jsonPaths
	simple [numFields]bool // names[k] is matched by the scanner
	fields [numFields]fieldValue
	keyBuf []byte
	// stack holds one bit per nesting level below the top: 1 = object.
	stack [maxDepth/64 + 1]uint64

	// Set when scan returns ReasonMalformedJSON or ReasonBinary.
	errPos      int
	errMsg      string
	errInString bool
}

func newLineScanner(id, text, url, date string) *lineScanner {
	s := &lineScanner{}
	s.names = [numFields]string{id, text, url, date}
	s.paths = newJSONPaths(s.names)
	for k, name := range s.names {
		s.simple[k] = !complexName(name)
	}
	return s
}

// fail records a syntax error at pos and returns -1.
func (s *lineScanner) fail(pos int, msg string) int {
	s.errPos, s.errMsg = pos, msg
	return -1
}

// failString records a syntax error inside a string and returns -1.
func (s *lineScanner) failString(pos int, msg string) int {
	s.errInString = true
	return s.fail(pos, msg)
}

// scan checks line and extracts the fields. It returns 0 when the line is a
// usable record, otherwise the reason it is not. After ReasonMalformedJSON and
// ReasonBinary, errPos and errMsg describe the error.
func (s *lineScanner) scan(line []byte) Reason {
	for k := range s.fields {
		f := &s.fields[k]
		f.kind, f.val, f.badUTF8 = kindAbsent, nil, false
	}
	s.errPos, s.errMsg, s.errInString = 0, "", false

	i := skipWS(line, 0)
	if i == len(line) {
		s.fail(i, "looking for beginning of value")
		return ReasonMalformedJSON
	}
	if line[i] != '{' {
		// Valid JSON that is not an object is a different complaint from
		// invalid JSON, so validate the value before deciding.
		i = s.skipValue(line, i, 0)
		if i >= 0 {
			if i = skipWS(line, i); i < len(line) {
				i = s.fail(i, "after top-level value")
			}
		}
		if i < 0 {
			return s.syntaxReason(line)
		}
		return ReasonNotObject
	}
	if i = s.topObject(line, i); i >= 0 {
		if i = skipWS(line, i); i < len(line) {
			i = s.fail(i, "after top-level value")
		}
	}
	if i < 0 {
		return s.syntaxReason(line)
	}

	if !s.simple[fieldText] {
		return 0 // the text is jsonPaths'
	}
	t := &s.fields[fieldText]
	switch {
	case t.kind == kindAbsent:
		return ReasonMissingText
	case t.kind != kindString:
		return ReasonTextNotString
	case t.badUTF8:
		return ReasonInvalidUTF8
	case isBlank(t.val):
		return ReasonEmptyText
	}
	return 0
}

// syntaxReason classifies the syntax error just recorded: a line that breaks
// outside a string and has a NUL byte from there on is binary data rather
// than malformed JSON.
func (s *lineScanner) syntaxReason(line []byte) Reason {
	if !s.errInString && s.errPos < len(line) && bytes.IndexByte(line[s.errPos:], 0) >= 0 {
		return ReasonBinary
	}
	return ReasonMalformedJSON
}

// topObject scans the top-level object starting at line[i] == '{' and
// extracts the wanted members. It returns the index after the closing brace
// or -1.
func (s *lineScanner) topObject(line []byte, i int) int {
	i = skipWS(line, i+1)
	if i < len(line) && line[i] == '}' {
		return i + 1
	}
	for {
		if i >= len(line) {
			return s.fail(i, "in object, expecting a key")
		}
		if line[i] != '"' {
			return s.fail(i, "looking for beginning of object key string")
		}
		end, esc, bad := s.stringEnd(line, i+1, true, &s.keyBuf)
		if end < 0 {
			return -1
		}
		key := line[i+1 : end]
		if esc || bad {
			key = s.keyBuf
		}
		if i = skipWS(line, end+1); i >= len(line) || line[i] != ':' {
			return s.fail(i, "after object key, expecting ':'")
		}
		i = skipWS(line, i+1)

		var want uint8
		for k, name := range s.names {
			if string(key) == name && s.simple[k] {
				want |= 1 << k
			}
		}
		if want == 0 {
			i = s.skipValue(line, i, 1)
		} else {
			i = s.extract(line, i, want)
		}
		if i < 0 {
			return -1
		}

		if i = skipWS(line, i); i >= len(line) {
			return s.fail(i, "in object, expecting ',' or '}'")
		}
		switch line[i] {
		case ',':
			i = skipWS(line, i+1)
		case '}':
			return i + 1
		default:
			return s.fail(i, "after object key:value pair, expecting ',' or '}'")
		}
	}
}

// extract scans the value at line[i] and stores it in every field whose bit
// is set in want. The last occurrence of a key wins, as in encoding/json.
func (s *lineScanner) extract(line []byte, i int, want uint8) int {
	if i >= len(line) {
		return s.fail(i, "looking for beginning of value")
	}
	var (
		kind    valueKind
		val     []byte
		badUTF8 bool
		end     int
	)
	switch c := line[i]; {
	case c == '"':
		f := &s.fields[bits.TrailingZeros8(want)]
		e, esc, bad := s.stringEnd(line, i+1, true, &f.buf)
		if e < 0 {
			return -1
		}
		end = e + 1
		kind, badUTF8 = kindString, bad
		if !esc && !bad {
			val = line[i+1 : e]
		} else {
			val = f.buf
		}
	case c == '-' || c-'0' < 10:
		end = s.number(line, i)
		if end < 0 {
			return -1
		}
		kind, val = kindNumber, line[i:end]
	default:
		end = s.skipValue(line, i, 1)
		if end < 0 {
			return -1
		}
		kind = kindOther
	}
	first := line[i]
	for k := range s.fields {
		if want&(1<<k) != 0 {
			f := &s.fields[k]
			f.kind, f.val, f.badUTF8, f.first = kind, val, badUTF8, first
		}
	}
	return end
}

// skipValue validates the value starting at line[i] without extracting
// anything. depth is the nesting depth of the value's container.
func (s *lineScanner) skipValue(line []byte, i, depth int) int {
	base := depth
	for {
		// Here a value must start at line[i] (after white space).
		i = skipWS(line, i)
		if i >= len(line) {
			return s.fail(i, "looking for beginning of value")
		}
		switch c := line[i]; {
		case c == '"':
			end, _, _ := s.stringEnd(line, i+1, false, nil)
			if end < 0 {
				return -1
			}
			i = end + 1
		case c == '{' || c == '[':
			if depth >= maxDepth {
				return s.fail(i, "exceeded maximum nesting depth")
			}
			lvl := depth - base
			if c == '{' {
				s.stack[lvl>>6] |= 1 << (lvl & 63)
			} else {
				s.stack[lvl>>6] &^= 1 << (lvl & 63)
			}
			depth++
			i = skipWS(line, i+1)
			if i < len(line) && (c == '{' && line[i] == '}' || c == '[' && line[i] == ']') {
				i++
				depth--
				break
			}
			if c == '{' {
				if i = s.memberKey(line, i); i < 0 {
					return -1
				}
			}
			continue
		case c == '-' || c-'0' < 10:
			if i = s.number(line, i); i < 0 {
				return -1
			}
		case c == 't':
			if i = s.literal(line, i, "true"); i < 0 {
				return -1
			}
		case c == 'f':
			if i = s.literal(line, i, "false"); i < 0 {
				return -1
			}
		case c == 'n':
			if i = s.literal(line, i, "null"); i < 0 {
				return -1
			}
		default:
			return s.fail(i, "looking for beginning of value")
		}

		// A value ended at i: close containers until one continues.
		for {
			if depth == base {
				return i
			}
			lvl := depth - base - 1
			isObj := s.stack[lvl>>6]&(1<<(lvl&63)) != 0
			if i = skipWS(line, i); i >= len(line) {
				if isObj {
					return s.fail(i, "in object, expecting ',' or '}'")
				}
				return s.fail(i, "in array, expecting ',' or ']'")
			}
			c := line[i]
			if c == ',' {
				i++
				if isObj {
					if i = s.memberKey(line, skipWS(line, i)); i < 0 {
						return -1
					}
				}
				break
			}
			if isObj && c == '}' || !isObj && c == ']' {
				i++
				depth--
				continue
			}
			if isObj {
				return s.fail(i, "after object key:value pair, expecting ',' or '}'")
			}
			return s.fail(i, "after array element, expecting ',' or ']'")
		}
	}
}

// memberKey scans `"key" :` at line[i] and returns the index after the colon.
func (s *lineScanner) memberKey(line []byte, i int) int {
	if i >= len(line) || line[i] != '"' {
		return s.fail(i, "looking for beginning of object key string")
	}
	end, _, _ := s.stringEnd(line, i+1, false, nil)
	if end < 0 {
		return -1
	}
	if i = skipWS(line, end+1); i >= len(line) || line[i] != ':' {
		return s.fail(i, "after object key, expecting ':'")
	}
	return i + 1
}

// literal checks for the literal lit at line[i].
func (s *lineScanner) literal(line []byte, i int, lit string) int {
	for k := 0; k < len(lit); k++ {
		if i+k >= len(line) || line[i+k] != lit[k] {
			return s.fail(i+k, "in literal "+lit)
		}
	}
	return i + len(lit)
}

// number scans an RFC 8259 number at line[i] and returns the index after it.
func (s *lineScanner) number(line []byte, i int) int {
	if line[i] == '-' {
		i++
	}
	switch {
	case i >= len(line):
		return s.fail(i, "in numeric literal")
	case line[i] == '0':
		i++
	case line[i]-'1' < 9:
		i = skipDigits(line, i+1)
	default:
		return s.fail(i, "in numeric literal")
	}
	if i < len(line) && line[i] == '.' {
		i++
		if i >= len(line) || line[i]-'0' >= 10 {
			return s.fail(i, "after decimal point in numeric literal")
		}
		i = skipDigits(line, i+1)
	}
	if i < len(line) && line[i]|0x20 == 'e' {
		i++
		if i < len(line) && (line[i] == '+' || line[i] == '-') {
			i++
		}
		if i >= len(line) || line[i]-'0' >= 10 {
			return s.fail(i, "in exponent of numeric literal")
		}
		i = skipDigits(line, i+1)
	}
	return i
}

func skipDigits(line []byte, i int) int {
	for i < len(line) && line[i]-'0' < 10 {
		i++
	}
	return i
}

// SWAR constants: one bit or byte value in every byte of a uint64.
const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// special sets the high bit of each byte of x that is < 0x20, '"' or '\\'.
// Borrows can set bits above a true hit, never below it, so the lowest set
// bit is exact.
func special(x uint64) uint64 {
	q := x ^ (lsb * '"')
	b := x ^ (lsb * '\\')
	return ((x-lsb*0x20)&^x | (q-lsb)&^q | (b-lsb)&^b) & msb
}

// stringEnd scans the string body starting at line[i] (just after the
// opening quote) and returns the index of the closing quote and whether the
// body has escapes. Escapes are validated. With validate set it also checks
// the UTF-8 of the literal bytes and reports bad when it is invalid. Returns
// end = -1 after recording a syntax error.
//
// If dec is not nil and the body has escapes or bad UTF-8, the decoded
// string replaces *dec (as appendUnquote would make it).
//
// This is the hot loop: it looks at 16 bytes at a time for a quote, a
// backslash, a control character or (when validating) a non-ASCII byte.
func (s *lineScanner) stringEnd(line []byte, i int, validate bool, dec *[]byte) (end int, esc, bad bool) {
	var stop uint64 // high bits that stop the fast loop
	if validate {
		stop = msb
	}
	start, run := i, i // run: start of the literal bytes not yet copied to dec
	for {
		for i+16 <= len(line) {
			x := binary.LittleEndian.Uint64(line[i:])
			y := binary.LittleEndian.Uint64(line[i+8:])
			mx := special(x) | x&stop
			my := special(y) | y&stop
			if mx|my == 0 {
				i += 16
				continue
			}
			if mx == 0 {
				i += 8
				mx = my
			}
			i += bits.TrailingZeros64(mx) >> 3
			goto found
		}
		for i+8 <= len(line) {
			x := binary.LittleEndian.Uint64(line[i:])
			if m := special(x) | x&stop; m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				goto found
			}
			i += 8
		}
		// Fewer than 8 bytes remain: go byte by byte.
		for i < len(line) {
			if c := line[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 && validate {
				goto found
			}
			i++
		}
		return s.failString(i, "in string literal, expecting closing '\"'"), esc, bad

	found:
		switch c := line[i]; {
		case c == '"':
			if dec != nil {
				if bad {
					*dec = appendUnquote((*dec)[:0], line[start:i], false)
				} else if esc {
					*dec = append(*dec, line[run:i]...)
				}
			}
			return i, esc, bad
		case c == '\\':
			if dec != nil {
				if !esc {
					*dec = (*dec)[:0]
				}
				*dec = append(*dec, line[run:i]...)
			}
			esc = true
			if i+1 >= len(line) {
				return s.failString(i+1, "in string escape code"), esc, bad
			}
			if e := line[i+1]; e != 'u' {
				if unescapeByte[e] == 0 {
					return s.failString(i+1, "in string escape code"), esc, bad
				}
				if dec != nil {
					*dec = append(*dec, unescapeByte[e])
				}
				i += 2
				run = i
				continue
			}
			if k := badHex4(line, i+2); k >= 0 {
				return s.failString(k, "in \\u hexadecimal character escape"), esc, bad
			}
			r := hex4(line[i+2:])
			i += 6
			if dec != nil {
				if utf16.IsSurrogate(r) {
					d := unicode.ReplacementChar
					if i+6 <= len(line) && line[i] == '\\' && line[i+1] == 'u' && badHex4(line, i+2) < 0 {
						if d = utf16.DecodeRune(r, hex4(line[i+2:])); d != unicode.ReplacementChar {
							i += 6 // the pair's second half is consumed
						}
					}
					r = d
				}
				*dec = utf8.AppendRune(*dec, r)
			}
			run = i
		case c < 0x20:
			return s.failString(i, "in string literal (control character)"), esc, bad
		default:
			var ok bool
			i, ok = utf8Run(line, i)
			bad = bad || !ok
		}
	}
}

// badHex4 returns -1 if line[i:i+4] are hex digits, else the index of the
// first that is not.
func badHex4(line []byte, i int) int {
	for k := i; k < i+4; k++ {
		if k >= len(line) || unhex(line[k]) < 0 {
			return k
		}
	}
	return -1
}

// utf8Run checks the non-ASCII UTF-8 starting at line[i] up to the next
// ASCII byte and returns its index and whether the run was valid. Like
// utf8.Valid it rejects overlong forms, surrogates and code points above
// U+10FFFF.
func utf8Run(line []byte, i int) (int, bool) {
	ok := true
	for i < len(line) {
		c := line[i]
		if c < 0x80 {
			break
		}
		switch {
		case c >= 0xC2 && c <= 0xDF:
			if i+1 < len(line) && line[i+1]&0xC0 == 0x80 {
				i += 2
				continue
			}
		case c >= 0xE0 && c <= 0xEF:
			lo, hi := byte(0x80), byte(0xBF)
			if c == 0xE0 {
				lo = 0xA0
			} else if c == 0xED {
				hi = 0x9F
			}
			if i+2 < len(line) && line[i+1] >= lo && line[i+1] <= hi && line[i+2]&0xC0 == 0x80 {
				i += 3
				continue
			}
		case c >= 0xF0 && c <= 0xF4:
			lo, hi := byte(0x80), byte(0xBF)
			if c == 0xF0 {
				lo = 0x90
			} else if c == 0xF4 {
				hi = 0x8F
			}
			if i+3 < len(line) && line[i+1] >= lo && line[i+1] <= hi &&
				line[i+2]&0xC0 == 0x80 && line[i+3]&0xC0 == 0x80 {
				i += 4
				continue
			}
		}
		ok = false
		i++
	}
	return i, ok
}

func unhex(c byte) int {
	switch {
	case c-'0' < 10:
		return int(c - '0')
	case c|0x20-'a' < 6:
		return int(c|0x20-'a') + 10
	}
	return -1
}

// hex4 decodes four hex digits that stringEnd has already checked.
func hex4(b []byte) rune {
	return rune(unhex(b[0])<<12 | unhex(b[1])<<8 | unhex(b[2])<<4 | unhex(b[3]))
}

var unescapeByte = [256]byte{
	'"': '"', '\\': '\\', '/': '/',
	'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t',
}

// appendUnquote appends the decoded form of a string body that stringEnd
// has validated. Like encoding/json it turns each invalid UTF-8 byte and each
// unpaired surrogate escape into U+FFFD. validUTF8 says the body is known to
// be valid UTF-8.
func appendUnquote(dst, s []byte, validUTF8 bool) []byte {
	for len(s) > 0 {
		k := bytes.IndexByte(s, '\\')
		if k < 0 {
			k = len(s)
		}
		if validUTF8 {
			dst = append(dst, s[:k]...)
		} else {
			dst = appendUTF8(dst, s[:k])
		}
		if k == len(s) {
			return dst
		}
		s = s[k:]
		if s[1] != 'u' {
			dst = append(dst, unescapeByte[s[1]])
			s = s[2:]
			continue
		}
		r := hex4(s[2:6])
		s = s[6:]
		if utf16.IsSurrogate(r) {
			if len(s) >= 6 && s[0] == '\\' && s[1] == 'u' {
				if d := utf16.DecodeRune(r, hex4(s[2:6])); d != unicode.ReplacementChar {
					dst = utf8.AppendRune(dst, d)
					s = s[6:]
					continue
				}
			}
			r = unicode.ReplacementChar
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// appendUTF8 appends s, replacing each byte of an invalid UTF-8 sequence
// with U+FFFD.
func appendUTF8(dst, s []byte) []byte {
	if utf8.Valid(s) {
		return append(dst, s...)
	}
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		if r == utf8.RuneError && n == 1 {
			dst = utf8.AppendRune(dst, r)
		} else {
			dst = append(dst, s[:n]...)
		}
		s = s[n:]
	}
	return dst
}

// skipWS skips JSON white space.
func skipWS(line []byte, i int) int {
	for i < len(line) {
		switch line[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// isBlank reports whether valid UTF-8 text is empty or only Unicode white
// space.
func isBlank(t []byte) bool {
	for i := 0; i < len(t); {
		c := t[i]
		if c < utf8.RuneSelf {
			switch c {
			case ' ', '\t', '\n', '\v', '\f', '\r':
				i++
				continue
			}
			return false
		}
		r, n := utf8.DecodeRune(t[i:])
		if !unicode.IsSpace(r) {
			return false
		}
		i += n
	}
	return true
}
