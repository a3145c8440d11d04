package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"
	"github.com/klauspost/compress/zstd"
)

// pageScratch holds the buffers and decoders that turn a WARC block or an
// HTML file into UTF-8 text. It is kept across Reset so that, in steady
// state, reading a page allocates little.
type pageScratch struct {
	// fallback is the encoding of a page that declares none and is not
	// valid UTF-8 (Options.Encoding naming one), nil for windows-1252.
	fallback *charsetEntry
	chunk    []byte    // dechunked body
	dec      [2][]byte // bodies after undoing a Content-Encoding (alternately)
	text     []byte    // decoded to UTF-8
	rd       bytes.Reader

	gz *gzip.Reader
	fl io.ReadCloser // raw deflate
	zl io.ReadCloser // zlib
	br *brotli.Reader
	zd *zstd.Decoder

	encs map[string]*charsetEntry // by label as written; nil for unknown labels
	decs map[string]*charsetEntry // by WHATWG name (at most about 40)
}

// maxCodings is the most Content-Encoding codings undone, in order.
const maxCodings = 4

// httpResponse parses the block of a WARC response record: the HTTP status
// line, the header fields and the body, which it dechunks and decompresses.
// payloadType (WARC-Identified-Payload-Type) stands in for a missing
// Content-Type. It returns the page's format (HTML or Text), its body and
// Content-Type, or the reason to skip it.
func (ws *pageScratch) httpResponse(block, payloadType []byte, limit int) (Format, []byte, []byte, Reason, error) {
	i := bytes.IndexByte(block, '\n')
	if i < 0 {
		i = len(block)
	}
	line := bytes.TrimSuffix(block[:i], []byte{'\r'})
	code, ok := parseStatus(line)
	if !ok {
		return 0, nil, nil, ReasonMalformedHTTP, fmt.Errorf("no HTTP status line: %s", clip(line))
	}
	var (
		ctype, te []byte
		codings   [maxCodings][]byte
		nCodings  int
		ended     bool
	)
	rest := block[min(i+1, len(block)):]
	for len(rest) > 0 {
		var l []byte
		if j := bytes.IndexByte(rest, '\n'); j >= 0 {
			l, rest = rest[:j], rest[j+1:]
		} else {
			l, rest = rest, nil
			if len(bytes.TrimSuffix(l, []byte{'\r'})) == 0 {
				ended = true
			}
			break
		}
		l = bytes.TrimSuffix(l, []byte{'\r'})
		if len(l) == 0 {
			ended = true
			break
		}
		if l[0] == ' ' || l[0] == '\t' {
			continue // obsolete line folding: not used
		}
		colon := bytes.IndexByte(l, ':')
		if colon < 0 {
			continue
		}
		name, value := trimSpace(l[:colon]), trimSpace(l[colon+1:])
		switch {
		case equalFold(name, "Content-Type"):
			if ctype == nil {
				ctype = value
			}
		case equalFold(name, "Transfer-Encoding"):
			te = value
		case equalFold(name, "Content-Encoding"):
			for len(value) > 0 {
				var c []byte
				if k := bytes.IndexByte(value, ','); k >= 0 {
					c, value = trimSpace(value[:k]), value[k+1:]
				} else {
					c, value = trimSpace(value), nil
				}
				if len(c) == 0 || equalFold(c, "identity") {
					continue
				}
				if nCodings == maxCodings {
					return 0, nil, nil, ReasonContentEncoding, fmt.Errorf("more than %d codings", maxCodings)
				}
				codings[nCodings] = c
				nCodings++
			}
		}
	}
	if code/100 != 2 {
		return 0, nil, nil, ReasonHTTPStatus, fmt.Errorf("status %d", code)
	}
	if !ended {
		return 0, nil, nil, ReasonMalformedHTTP, errors.New("the header fields do not end")
	}
	body := rest

	media := mediaType(ctype)
	if len(media) == 0 {
		ctype, media = payloadType, mediaType(payloadType)
	}
	format := classify(media)
	if format == 0 && len(media) > 0 {
		return 0, nil, nil, ReasonNotHTML, notHTML(ctype)
	}
	if containsTokenFold(te, "chunked") {
		var ok bool
		ws.chunk, ok = dechunk(ws.chunk[:0], body)
		if !ok {
			return 0, nil, nil, ReasonMalformedHTTP, errors.New("broken chunked transfer coding")
		}
		body = ws.chunk
	}
	for k := nCodings - 1; k >= 0; k-- {
		var reason Reason
		var err error
		body, reason, err = ws.undoCoding(codings[k], body, &ws.dec[k%2], limit)
		if reason != 0 {
			return 0, nil, nil, reason, err
		}
	}
	if format == 0 {
		if format = sniffHTML(body); format == 0 {
			return 0, nil, nil, ReasonNotHTML, notHTML(nil)
		}
	}
	return format, body, ctype, 0, nil
}

// parseStatus parses an HTTP status line ("HTTP/1.1 200 OK", the reason
// phrase optional) and returns its code.
func parseStatus(line []byte) (int, bool) {
	if !hasPrefixFold(line, "HTTP/") {
		return 0, false
	}
	i := bytes.IndexByte(line, ' ')
	if i < 0 {
		return 0, false
	}
	for i < len(line) && line[i] == ' ' {
		i++
	}
	if i+3 > len(line) || i+3 < len(line) && line[i+3] != ' ' && line[i+3] != '\t' {
		return 0, false
	}
	code := 0
	for _, c := range line[i : i+3] {
		if c-'0' >= 10 {
			return 0, false
		}
		code = code*10 + int(c-'0')
	}
	return code, true
}

// mediaType returns the media type of a Content-Type value: the part
// before any parameters, trimmed.
func mediaType(ctype []byte) []byte {
	if i := bytes.IndexByte(ctype, ';'); i >= 0 {
		ctype = ctype[:i]
	}
	return trimSpace(ctype)
}

// param returns the value of the named parameter of a Content-Type value
// (unquoted), or nil.
func param(ctype []byte, name string) []byte {
	for {
		i := bytes.IndexByte(ctype, ';')
		if i < 0 {
			return nil
		}
		ctype = ctype[i+1:]
		p := ctype
		if j := bytes.IndexByte(p, ';'); j >= 0 {
			p = p[:j]
		}
		eq := bytes.IndexByte(p, '=')
		if eq < 0 || !equalFold(trimSpace(p[:eq]), name) {
			continue
		}
		v := trimSpace(p[eq+1:])
		if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
			q := v[0]
			v = v[1:]
			if k := bytes.IndexByte(v, q); k >= 0 {
				v = v[:k]
			}
		}
		return trimSpace(v)
	}
}

// classify returns HTML for text/html and application/xhtml+xml, Text for
// text/plain, 0 for anything else.
func classify(media []byte) Format {
	switch {
	case equalFold(media, "text/html"), equalFold(media, "application/xhtml+xml"):
		return HTML
	case equalFold(media, "text/plain"):
		return Text
	}
	return 0
}

func notHTML(ctype []byte) error {
	if m := mediaType(ctype); len(m) > 0 {
		return fmt.Errorf("Content-Type %s", word(m))
	}
	return errors.New("no Content-Type, and not recognisably HTML")
}

// sniffHTML returns HTML if body (after a byte order mark and white space)
// starts with "<!doctype html", "<html" or "<head", 0 otherwise.
func sniffHTML(body []byte) Format {
	body = bytes.TrimPrefix(body, bom)
	i := skipWS(body, 0)
	for i < len(body) && body[i] == '\f' {
		i = skipWS(body, i+1)
	}
	b := body[i:]
	if hasPrefixFold(b, "<!doctype html") || hasPrefixFold(b, "<html") || hasPrefixFold(b, "<head") {
		return HTML
	}
	return 0
}

// containsTokenFold reports whether the comma-separated list v holds tok.
func containsTokenFold(v []byte, tok string) bool {
	for len(v) > 0 {
		var t []byte
		if i := bytes.IndexByte(v, ','); i >= 0 {
			t, v = v[:i], v[i+1:]
		} else {
			t, v = v, nil
		}
		if equalFold(trimSpace(t), tok) {
			return true
		}
	}
	return false
}

// dechunk undoes the chunked transfer coding of b, appending to dst. Chunk
// extensions and trailer fields are ignored. A body that does not start
// with a chunk size is taken as already dechunked (crawlers often store it
// so and keep the header); a body cut short is kept as far as it goes (WARC
// records may be truncated). It reports false for a bad chunk size after
// the first chunk.
func dechunk(dst, b []byte) ([]byte, bool) {
	for first := true; ; first = false {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			if first {
				return append(dst, b...), true
			}
			return dst, true // cut short
		}
		size := b[:i]
		if k := bytes.IndexByte(size, ';'); k >= 0 {
			size = size[:k]
		}
		size = trimSpace(bytes.TrimSuffix(trimSpace(size), []byte{'\r'}))
		n, ok := parseHex(size)
		if !ok {
			if first {
				return append(dst, b...), true
			}
			return dst, false
		}
		b = b[i+1:]
		if n == 0 {
			return dst, true
		}
		if n >= int64(len(b)) {
			return append(dst, b...), true // cut short
		}
		dst = append(dst, b[:n]...)
		b = b[n:]
		if bytes.HasPrefix(b, []byte("\r\n")) {
			b = b[2:]
		} else if len(b) > 0 && b[0] == '\n' {
			b = b[1:]
		}
	}
}

func parseHex(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 15 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		d := unhex(c)
		if d < 0 {
			return 0, false
		}
		n = n<<4 | int64(d)
	}
	return n, true
}

// undoCoding undoes one Content-Encoding coding of body into *dst (limited
// to limit bytes). A body that does not look encoded — gzip or zstd without
// their magic bytes, deflate or br that reads as text — is returned as it
// is: crawlers often store the decoded body and keep the header (ClueWeb09
// does). Unknown codings are accepted only for such bodies.
func (ws *pageScratch) undoCoding(coding, body []byte, dst *[]byte, limit int) ([]byte, Reason, error) {
	var rd io.Reader
	var err error
	ws.rd.Reset(body)
	switch {
	case equalFold(coding, "gzip"), equalFold(coding, "x-gzip"):
		if !bytes.HasPrefix(body, gzipMagic[:2]) {
			return body, 0, nil
		}
		if ws.gz == nil {
			ws.gz, err = gzip.NewReader(&ws.rd)
		} else {
			err = ws.gz.Reset(&ws.rd)
		}
		rd = ws.gz
	case equalFold(coding, "zstd"):
		if detectCompression(body) != compZstd {
			return body, 0, nil
		}
		if ws.zd == nil {
			ws.zd, err = zstd.NewReader(&ws.rd,
				zstd.WithDecoderConcurrency(1),
				zstd.WithDecoderLowmem(true),
				zstd.WithDecoderMaxWindow(maxZstdWindow),
				zstd.WithDecoderMaxMemory(uint64(limit)+1))
		} else {
			err = ws.zd.Reset(&ws.rd)
		}
		rd = ws.zd
	case looksDecoded(body):
		return body, 0, nil
	case equalFold(coding, "deflate"):
		if isZlib(body) {
			if ws.zl == nil {
				ws.zl, err = zlib.NewReader(&ws.rd)
			} else {
				err = ws.zl.(zlib.Resetter).Reset(&ws.rd, nil)
			}
			rd = ws.zl
		} else {
			if ws.fl == nil {
				ws.fl = flate.NewReader(&ws.rd)
			} else {
				err = ws.fl.(flate.Resetter).Reset(&ws.rd, nil)
			}
			rd = ws.fl
		}
	case equalFold(coding, "br"):
		if ws.br == nil {
			ws.br = brotli.NewReader(&ws.rd)
		} else {
			err = ws.br.Reset(&ws.rd)
		}
		rd = ws.br
	default:
		return nil, ReasonContentEncoding, fmt.Errorf("unsupported Content-Encoding %s", word(coding))
	}
	if err == nil {
		*dst, err = readLimited((*dst)[:0], rd, limit)
	}
	switch {
	case err == errTooLarge:
		return nil, ReasonTooLarge, fmt.Errorf("body exceeds %d bytes after undoing Content-Encoding %s", limit, word(coding))
	case (errors.Is(err, io.ErrUnexpectedEOF) || err == gzip.ErrHeader) && len(*dst) > 0:
		// A truncated record, or garbage after a gzip member: keep what
		// there is.
		return *dst, 0, nil
	case err != nil:
		return nil, ReasonContentEncoding, fmt.Errorf("Content-Encoding %s: %v", word(coding), err)
	}
	return *dst, 0, nil
}

var errTooLarge = errors.New("input: too large")

// readLimited reads rd to its end, appending to dst; it stops with
// errTooLarge after more than limit bytes.
func readLimited(dst []byte, rd io.Reader, limit int) ([]byte, error) {
	zeros := 0
	for {
		if len(dst) == cap(dst) {
			dst = append(dst, 0)[:len(dst)] // grow
			dst = dst[:len(dst):min(cap(dst), limit+1)]
		}
		n, err := rd.Read(dst[len(dst):cap(dst)])
		dst = dst[:len(dst)+n]
		switch {
		case len(dst) > limit:
			return dst, errTooLarge
		case err == io.EOF:
			return dst, nil
		case err != nil:
			return dst, err
		case n == 0:
			if zeros++; zeros > 100 {
				return dst, io.ErrNoProgress
			}
		}
	}
}

// isZlib reports whether b starts with a zlib header (RFC 1950).
func isZlib(b []byte) bool {
	return len(b) >= 2 && b[0]&0x0f == 8 && b[0]>>4 <= 7 && (uint16(b[0])<<8|uint16(b[1]))%31 == 0
}

// looksDecoded reports whether body reads as text rather than compressed
// data: its first 512 bytes hold no control bytes other than white space
// and ESC, and it starts with '<' or is at least 64 bytes long. Compressed
// data has such bytes about once every 10 bytes.
func looksDecoded(body []byte) bool {
	head := body[:min(len(body), 512)]
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b {
			return false
		}
	}
	i := skipWS(head, 0)
	return i < len(head) && head[i] == '<' || len(body) >= 64
}
