package input

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// textEncoding is how text that declares no encoding is read (text files,
// JSONL, CSV and TSV, Parquet strings; HTML without a byte order mark, a
// Content-Type charset or a <meta> one): Options.Encoding.
type textEncoding struct {
	strict bool              // "utf-8": invalid UTF-8 is a bad record
	name   string            // a WHATWG name, "" for auto
	dec    *encoding.Decoder // for name
}

// parseEncoding reads Options.Encoding: "" or "auto" (UTF-8 where valid,
// each byte that is not read as windows-1252, with the warning
// ReasonLegacyEncoding), "utf-8" (strict), or a WHATWG label of an
// ASCII-compatible encoding (latin1, windows-1252, koi8-r, shift_jis, gbk...).
func parseEncoding(label string) (textEncoding, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "", "auto":
		return textEncoding{}, nil
	case "utf-8", "utf8":
		return textEncoding{strict: true}, nil
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return textEncoding{}, fmt.Errorf("input: encoding %q: not a known encoding (want auto, utf-8, or a label such as latin1, windows-1252, koi8-r, shift_jis)", label)
	}
	name, _ := htmlindex.Name(enc)
	switch name {
	case "utf-8":
		return textEncoding{strict: true}, nil
	case "utf-16le", "utf-16be", "replacement", "iso-2022-jp":
		return textEncoding{}, fmt.Errorf("input: encoding %q: not ASCII-compatible, so lines and fields cannot be found in it (UTF-16 text is read by its byte order mark)", label)
	}
	return textEncoding{name: name, dec: enc.NewDecoder()}, nil
}

// fix returns b as UTF-8: as it is when it is valid UTF-8 and no encoding
// was named; decoded from the named encoding; or, in auto mode, with each
// byte that is not part of a valid UTF-8 character read as windows-1252
// (so that a Latin-1 text, or a UTF-8 one with a few stray bytes, reads as
// its author wrote it). legacy reports a decoding other than UTF-8. In
// strict mode, or when b is valid UTF-8, b is returned unchanged: out is
// valid UTF-8 but in strict mode, where the caller checks it.
func (te *textEncoding) fix(dst, b []byte) (out []byte, legacy bool) {
	switch {
	case te.name != "":
		if isASCII(b) {
			return b, false
		}
		out, _ := transformLimited(te.dec, dst[:0], b, 1<<40)
		return out, true
	case te.strict || utf8.Valid(b):
		return b, false
	}
	return appendWindows1252(dst[:0], b), true
}

// appendWindows1252 appends b to dst, keeping valid UTF-8 characters and
// reading every other byte as windows-1252.
func appendWindows1252(dst, b []byte) []byte {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			dst = utf8.AppendRune(dst, charmap.Windows1252.DecodeByte(b[0]))
		} else {
			dst = append(dst, b[:n]...)
		}
		b = b[n:]
	}
	return dst
}
