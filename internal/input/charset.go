package input

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"
)

// prescanBytes is how much of a page is searched for a <meta> charset
// declaration, as in the WHATWG HTML standard.
const prescanBytes = 1024

// maxCharsetLabels bounds the Reader's cache of charset labels.
const maxCharsetLabels = 256

// A charsetEntry is a known encoding with its reusable decoder.
type charsetEntry struct {
	name  string // WHATWG name, e.g. "euc-jp"
	dec   *encoding.Decoder
	utf8  bool // UTF-8: validated, not transformed
	utf16 bool
	// ascii: bytes below 0x80 decode to themselves, so ASCII text needs
	// no transformation.
	ascii bool
}

// lookup returns the encoding for a charset label (as in a Content-Type
// or a <meta>), or nil if the WHATWG Encoding Standard does not know it or
// it cannot be decoded (the "replacement" encoding).
func (ws *pageScratch) lookup(label []byte) *charsetEntry {
	if e, ok := ws.encs[string(label)]; ok {
		return e
	}
	if ws.encs == nil || len(ws.encs) >= maxCharsetLabels {
		ws.encs = make(map[string]*charsetEntry)
	}
	var e *charsetEntry
	if enc, err := htmlindex.Get(string(label)); err == nil {
		if name, err := htmlindex.Name(enc); err == nil && name != "replacement" {
			e = ws.decs[name] // one decoder per encoding
			if e == nil {
				e = &charsetEntry{
					name:  name,
					dec:   enc.NewDecoder(),
					utf8:  name == "utf-8",
					utf16: name == "utf-16le" || name == "utf-16be",
				}
				e.ascii = !e.utf16 && name != "iso-2022-jp"
				if ws.decs == nil {
					ws.decs = make(map[string]*charsetEntry)
				}
				ws.decs[name] = e
			}
		}
	}
	ws.encs[string(label)] = e
	return e
}

// named returns the entry for a name known to be a WHATWG label.
func (ws *pageScratch) named(name string) *charsetEntry {
	if e, ok := ws.encs[name]; ok {
		return e
	}
	return ws.lookup([]byte(name))
}

// decode turns a page (HTML or plain text) into UTF-8 text. The encoding is
// taken, in order, from a byte order mark; the charset parameter of ctype;
// for HTML, a <meta charset> or <meta http-equiv="Content-Type"> in the
// first 1024 bytes (WHATWG prescan); else UTF-8 if the page is valid UTF-8
// (an incomplete character at the very end is allowed: the record may be
// truncated), else ws.fallback or windows-1252, with the warning
// ReasonLegacyEncoding. An unknown label is passed over and
// reported as the warning ReasonUnknownCharset. Bytes that are invalid in
// the encoding become U+FFFD.
//
// The text aliases body or a buffer of ws. It fails for a NUL byte in the
// first 1024 bytes (binary data; except UTF-16), text longer than limit, or
// text that is only white space.
func (ws *pageScratch) decode(body, ctype []byte, html bool, limit int) (text []byte, charset string, warn, reason Reason, err error) {
	var e *charsetEntry
	switch {
	case bytes.HasPrefix(body, bom):
		e, body = ws.named("utf-8"), body[len(bom):]
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}):
		e, body = ws.named("utf-16be"), body[2:]
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}):
		e, body = ws.named("utf-16le"), body[2:]
	}
	if e == nil {
		if label := param(ctype, "charset"); len(label) > 0 {
			if e = ws.lookup(label); e == nil {
				warn = ReasonUnknownCharset
			}
		}
	}
	if e == nil && html {
		var unknown bool
		if e, unknown = ws.prescan(body[:min(len(body), prescanBytes)]); unknown {
			warn = ReasonUnknownCharset
		}
	}
	if e == nil {
		switch {
		case validUTF8Prefix(body):
			e = ws.named("utf-8")
		case ws.fallback != nil:
			e = ws.fallback
		default:
			e = ws.named("windows-1252")
		}
		if !e.utf8 && warn == 0 {
			warn = ReasonLegacyEncoding
		}
	}
	if !e.utf16 {
		if i := bytes.IndexByte(body[:min(len(body), prescanBytes)], 0); i >= 0 {
			return nil, e.name, warn, ReasonBinary, fmt.Errorf("NUL byte at offset %d of the page", i)
		}
	}

	switch {
	case e.utf8 && utf8.Valid(body), e.ascii && isASCII(body):
		text = body
	case e.utf8:
		ws.text = appendUTF8(ws.text[:0], body)
		text = ws.text
	default:
		var tooLarge bool
		ws.text, tooLarge = transformLimited(e.dec, ws.text[:0], body, limit)
		if tooLarge {
			return nil, e.name, warn, ReasonTooLarge, fmt.Errorf("page exceeds %d bytes in UTF-8", limit)
		}
		text = ws.text
	}
	if len(text) > limit {
		return nil, e.name, warn, ReasonTooLarge, fmt.Errorf("page exceeds %d bytes in UTF-8", limit)
	}
	if isBlank(text) {
		return nil, e.name, warn, ReasonEmptyText, fmt.Errorf("the page is empty or white space")
	}
	return text, e.name, warn, 0, nil
}

// transformLimited appends src decoded by dec to dst. It reports true if
// the result would exceed limit bytes. x/text decoders replace invalid
// input with U+FFFD and so do not fail.
func transformLimited(dec *encoding.Decoder, dst, src []byte, limit int) ([]byte, bool) {
	dec.Reset()
	if cap(dst) < len(src)+len(src)/2+16 {
		dst = make([]byte, 0, min(len(src)+len(src)/2+16, limit+utf8.UTFMax+16))
	}
	for {
		n, m, err := dec.Transform(dst[len(dst):cap(dst)], src, true)
		dst = dst[:len(dst)+n]
		src = src[m:]
		switch {
		case len(dst) > limit:
			return dst, true
		case err == transform.ErrShortDst:
			if cap(dst) > limit {
				return dst, true
			}
			grown := make([]byte, len(dst), min(2*cap(dst)+16, limit+utf8.UTFMax+16))
			copy(grown, dst)
			dst = grown
		case err != nil:
			// Not expected from x/text decoders; keep the rest as
			// windows-1252 would show it rather than lose it.
			return appendUTF8(dst, src), len(dst) > limit
		default:
			return dst, false
		}
	}
}

// validUTF8Prefix reports whether b is valid UTF-8, or valid UTF-8 with
// non-ASCII characters followed by an incomplete character at its very end
// (a page cut short; with only ASCII before, "Caf\xe9" is Latin-1).
func validUTF8Prefix(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	// Back up over at most 3 continuation bytes to the last lead byte.
	for k := 1; k <= utf8.UTFMax && k <= len(b); k++ {
		if c := b[len(b)-k]; c < 0x80 {
			return false
		} else if c >= 0xC0 {
			rest := b[:len(b)-k]
			return !utf8.FullRune(b[len(b)-k:]) && utf8.Valid(rest) && !isASCII(rest)
		}
	}
	return false
}

// isASCII reports whether b has no byte above 0x7F.
func isASCII(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&msb != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// prescan looks for a charset declaration in the <meta> elements of b (the
// first 1024 bytes of a page) as in the "prescan a byte stream to determine
// its encoding" algorithm of the WHATWG HTML standard: comments, other
// tags and their attributes are skipped; a <meta> counts through its
// charset attribute, or through http-equiv="content-type" with a charset in
// its content attribute. UTF-16 is read as UTF-8 and x-user-defined as
// windows-1252, as the standard says. It returns the first declaration
// whose label is known, and whether an unknown one was seen.
func (ws *pageScratch) prescan(b []byte) (e *charsetEntry, unknown bool) {
	for i := 0; i < len(b); {
		if b[i] != '<' {
			j := bytes.IndexByte(b[i:], '<')
			if j < 0 {
				break
			}
			i += j
			continue
		}
		rest := b[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			j := bytes.Index(b[i+2:], []byte("-->"))
			if j < 0 {
				return nil, unknown
			}
			i += 2 + j + 3
		case hasPrefixFold(rest, "<meta") && len(rest) > 5 && (isHTMLSpace(rest[5]) || rest[5] == '/'):
			i += 5
			var (
				gotPragma, seenEquiv, seenContent, seenCharset bool
				needPragma                                     = -1 // -1 null, 0 false, 1 true
				label                                          []byte
			)
			for {
				name, value, next, ok := htmlAttr(b, i)
				if !ok {
					break
				}
				i = next
				switch {
				case equalFold(name, "http-equiv") && !seenEquiv:
					seenEquiv = true
					gotPragma = equalFold(value, "content-type")
				case equalFold(name, "content") && !seenContent:
					seenContent = true
					if label == nil {
						if l := charsetFromContent(value); l != nil {
							label, needPragma = l, 1
						}
					}
				case equalFold(name, "charset") && !seenCharset:
					seenCharset = true
					label, needPragma = value, 0
				}
			}
			if needPragma < 0 || needPragma == 1 && !gotPragma || label == nil {
				continue
			}
			l := ws.lookup(trimHTMLSpace(label))
			if l == nil {
				unknown = true
				continue
			}
			switch {
			case l.utf16:
				l = ws.named("utf-8")
			case l.name == "x-user-defined":
				l = ws.named("windows-1252")
			}
			return l, unknown
		case len(rest) > 1 && isASCIILetter(rest[1]), len(rest) > 2 && rest[1] == '/' && isASCIILetter(rest[2]):
			// A tag: skip its name, then its attributes.
			i++
			for i < len(b) && !isHTMLSpace(b[i]) && b[i] != '>' {
				i++
			}
			for {
				_, _, next, ok := htmlAttr(b, i)
				if !ok {
					break
				}
				i = next
			}
		case len(rest) > 1 && (rest[1] == '!' || rest[1] == '/' || rest[1] == '?'):
			j := bytes.IndexByte(b[i+1:], '>')
			if j < 0 {
				return nil, unknown
			}
			i += 1 + j + 1
		default:
			i++
		}
	}
	return nil, unknown
}

// htmlAttr reads the attribute at b[i] as in the WHATWG "get an attribute"
// algorithm. It returns false (and does not move) at '>' or when b ends.
func htmlAttr(b []byte, i int) (name, value []byte, next int, ok bool) {
	for i < len(b) && (isHTMLSpace(b[i]) || b[i] == '/') {
		i++
	}
	if i >= len(b) || b[i] == '>' {
		return nil, nil, i, false
	}
	ns := i
	for {
		c := b[i]
		if c == '=' && i > ns {
			name = b[ns:i]
			i++
			break
		}
		if isHTMLSpace(c) {
			name = b[ns:i]
			for i < len(b) && isHTMLSpace(b[i]) {
				i++
			}
			if i >= len(b) {
				return nil, nil, i, false
			}
			if b[i] != '=' {
				return name, nil, i, true
			}
			i++
			break
		}
		if c == '/' || c == '>' {
			return b[ns:i], nil, i, true
		}
		if i++; i >= len(b) {
			return nil, nil, i, false
		}
	}
	for i < len(b) && isHTMLSpace(b[i]) {
		i++
	}
	if i >= len(b) {
		return nil, nil, i, false
	}
	switch c := b[i]; c {
	case '"', '\'':
		j := bytes.IndexByte(b[i+1:], c)
		if j < 0 {
			return nil, nil, len(b), false
		}
		return name, b[i+1 : i+1+j], i + 1 + j + 1, true
	case '>':
		return name, nil, i, true
	}
	vs := i
	for i < len(b) && !isHTMLSpace(b[i]) && b[i] != '>' {
		i++
	}
	if i >= len(b) {
		return nil, nil, i, false
	}
	return name, b[vs:i], i, true
}

// charsetFromContent extracts the charset from a <meta> content attribute
// ("text/html; charset=euc-jp") as in the WHATWG "algorithm for extracting
// a character encoding from a meta element".
func charsetFromContent(s []byte) []byte {
	for {
		i := indexFold(s, "charset")
		if i < 0 {
			return nil
		}
		s = s[i+len("charset"):]
		j := 0
		for j < len(s) && isHTMLSpace(s[j]) {
			j++
		}
		if j >= len(s) || s[j] != '=' {
			s = s[j:]
			continue
		}
		j++
		for j < len(s) && isHTMLSpace(s[j]) {
			j++
		}
		if j >= len(s) {
			return nil
		}
		s = s[j:]
		if q := s[0]; q == '"' || q == '\'' {
			k := bytes.IndexByte(s[1:], q)
			if k < 0 {
				return nil
			}
			return s[1 : 1+k]
		}
		k := 0
		for k < len(s) && !isHTMLSpace(s[k]) && s[k] != ';' {
			k++
		}
		if k == 0 {
			return nil
		}
		return s[:k]
	}
}

// indexFold returns the index of the ASCII lower-case string sub in b,
// ignoring ASCII case, or -1.
func indexFold(b []byte, sub string) int {
	for i := 0; i+len(sub) <= len(b); i++ {
		if lower(b[i]) == sub[0] && equalFold(b[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// isHTMLSpace reports ASCII white space as HTML defines it.
func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func isASCIILetter(c byte) bool { return c|0x20-'a' < 26 }

func trimHTMLSpace(b []byte) []byte {
	for len(b) > 0 && isHTMLSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isHTMLSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}
