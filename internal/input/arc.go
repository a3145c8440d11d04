package input

import (
	"bytes"
	"errors"
	"fmt"
)

// The ARC file format (Internet Archive, versions 1 and 2; the format of
// the Wayback Machine's crawls before WARC, still read by Heritrix,
// warcio and the Wayback tools): a version block, then records, each one
// header line
//
//	URL IP-address Archive-date Content-type Archive-length          (v1)
//	URL IP-address Archive-date Content-type Result-code Checksum Location Offset Filename Archive-length  (v2)
//
// followed by Archive-length bytes of content (for an HTTP capture, the
// server's response with its headers) and a newline. The version block is
// such a record whose URL is filedesc://NAME. An .arc.gz file compresses
// each record as a gzip member of its own.

// arcMagic starts every ARC file: the URL of its version block.
var arcMagic = []byte("filedesc://")

// maxARCHeader is the longest ARC header line accepted (or MaxRecordBytes
// if smaller); resynchronisation looks for header lines of at most
// arcResyncLine bytes.
const (
	maxARCHeader  = 64 << 10
	arcResyncLine = 8 << 10
)

// arcHeader is the parsed header line of an ARC record; the slices alias
// the line.
type arcHeader struct {
	uri, date, ctype []byte
	length           int64
}

// parseARCHeader parses an ARC header line (with or without its line
// end). It reports false for a line that is not one: fewer than five
// fields, a length that is not a number, or no Archive-date (12 to 17
// digits) where version 1 or 2 puts it. A URL with spaces in it is taken
// whole.
func parseARCHeader(line []byte, h *arcHeader) bool {
	line = bytes.TrimRight(line, "\r\n")
	f := asciiFields(line)
	n := len(f)
	if n < 5 || len(line) == 0 || !isLetter(line[0]) {
		return false
	}
	length, ok := parseLength(f[n-1])
	if !ok {
		return false
	}
	var urlFields int
	switch {
	case isARCDate(f[n-3]):
		urlFields = n - 4 // v1: URL IP date type length
		h.date, h.ctype = f[n-3], f[n-2]
	case n >= 10 && isARCDate(f[n-8]):
		urlFields = n - 9 // v2: URL IP date type code checksum location offset filename length
		h.date, h.ctype = f[n-8], f[n-7]
	default:
		return false
	}
	if bytes.IndexByte(f[0], ':') < 0 {
		return false // a URL has a scheme: http:, dns:, filedesc:
	}
	h.uri = line[:fieldsEnd(line, urlFields)] // the URL, spaces and all
	h.length = length
	return true
}

// fieldsEnd returns the offset in line just past its first k fields
// (runs of bytes other than white space).
func fieldsEnd(line []byte, k int) int {
	i := 0
	for ; k > 0; k-- {
		for i < len(line) && asciiSpace(line[i]) {
			i++
		}
		for i < len(line) && !asciiSpace(line[i]) {
			i++
		}
	}
	return i
}

// asciiFields splits line around runs of ASCII white space.
func asciiFields(line []byte) [][]byte {
	var f [][]byte
	for i := 0; i < len(line); {
		for i < len(line) && asciiSpace(line[i]) {
			i++
		}
		j := i
		for j < len(line) && !asciiSpace(line[j]) {
			j++
		}
		if j > i {
			f = append(f, line[i:j])
		}
		i = j
	}
	return f
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// isARCDate reports an Archive-date: YYYYMMDDhhmmss, or 12 to 17 digits
// as some writers have it.
func isARCDate(b []byte) bool {
	if len(b) < 12 || len(b) > 17 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// arcHeaderAt reports whether b starts with an ARC header line; more is
// set when that cannot be told without more input.
func arcHeaderAt(b []byte, eof bool) (ok, more bool) {
	if len(b) == 0 {
		return false, !eof
	}
	if !isLetter(b[0]) {
		return false, false
	}
	i := bytes.IndexByte(b[:min(len(b), arcResyncLine)], '\n')
	if i < 0 {
		if len(b) < arcResyncLine && !eof {
			return false, true
		}
		return false, false
	}
	var h arcHeader
	return parseARCHeader(b[:i+1], &h), false
}

// nextARC returns the next page of an ARC file.
func (r *Reader) nextARC() (*Record, error) {
	if r.ws == nil {
		r.ws = r.newPageScratch()
	}
	return r.nextContainerRecord(r.arcRecord)
}

// arcRecord reads the record at r.start (stream offset s, not blank). It
// returns the record, or an error for a skipped record, or nil, nil when
// there is nothing to return.
func (r *Reader) arcRecord(s int64) (*Record, error) {
	if b, ok := r.damage(s, s+1); ok {
		return nil, r.damaged(s, b)
	}
	lineLen, err := r.readHeader(s, min(r.opts.MaxRecordBytes, maxARCHeader), lineEnd, ReasonMalformedARC, "header line", r.arcResync)
	if err != nil {
		return nil, err
	}
	var h arcHeader
	if !parseARCHeader(r.buf[r.start:r.start+lineLen], &h) {
		line := bytes.TrimRight(r.buf[r.start:r.start+lineLen], "\r\n")
		detail := fmt.Errorf("not an ARC header line (URL IP-address Archive-date Content-type [...] Archive-length): %s", clip(line))
		at := r.pos()
		r.arcResync(s + 1)
		if b, ok := r.damage(s, r.pos()); ok {
			r.absorb(r.pos())
			return nil, r.damageErr(s, b)
		}
		if s == 0 && r.start == r.end && r.eof {
			return nil, r.warcErr(s, ReasonMalformedARC, fmt.Errorf("not an ARC file: %w", detail))
		}
		if skipped := r.pos() - at; skipped > int64(lineLen) {
			detail = fmt.Errorf("%w; %d bytes skipped to the next record", detail, skipped)
		}
		return nil, r.warcErr(s, ReasonMalformedARC, detail)
	}

	var skip error
	skipReason := ReasonSkippedType
	if bytes.HasPrefix(h.uri, arcMagic) {
		skip = errors.New("the ARC file's version block (filedesc)")
	}
	total := int64(lineLen) + h.length
	if skip == nil && total > int64(r.opts.MaxRecordBytes) {
		skip, skipReason = fmt.Errorf("record is %d bytes, limit %d", total, r.opts.MaxRecordBytes), ReasonTooLarge
	}
	if r.comp == compNone && r.size >= 0 && s+total > r.size {
		r.arcResync(s + int64(lineLen))
		return nil, r.warcErr(s, ReasonTruncated, fmt.Errorf("the Archive-length %d overruns the end of the file by %d bytes", h.length, s+total-r.size))
	}
	// The version block is read whole in both modes (it is small), so
	// that a pass with NonPages and one without consume the same bytes
	// and resynchronise alike when its length is wrong; only a record
	// over the size limit is passed over unread.
	keep := skipReason != ReasonTooLarge
	k, err := r.readBlock(s, lineLen, total, h.length, keep, "the Archive-length", r.arcResync) // the content ends at buf[r.start+k]
	if err != nil {
		return nil, err
	}

	n, err := r.endRecord(s, lineLen, k, keep, r.arcRecordEnd, r.arcResync, ReasonMalformedARC,
		"the %d bytes of content (Archive-length) are not followed by a newline and the next record", h.length)
	if err != nil {
		return nil, err
	}
	if !keep || skip != nil && !r.opts.NonPages {
		r.start += k + n
		return nil, r.warcErr(s, skipReason, skip)
	}
	raw := r.buf[r.start : r.start+k+n] // with the newlines after it: a copy is exact
	r.start += k + n
	parseARCHeader(raw[:lineLen], &h) // alias raw, which reading on may have moved
	if skip != nil {
		r.arcRec(s, raw, &h)
		r.rec.Format, r.rec.NotPage = ARC, skipReason
		return &r.rec, nil
	}
	return r.arcPage(s, raw, lineLen, k, &h)
}

// lineEnd finds the end of the first line of b (its length with the
// newline), looking from b[from]; -1 and where to look again if there is
// none yet.
func lineEnd(b []byte, from int) (int, int) {
	if i := bytes.IndexByte(b[from:], '\n'); i >= 0 {
		return from + i + 1, from + i + 1
	}
	return -1, len(b)
}

// arcRecordEnd checks what follows content that ends at buf[r.start+k]:
// a newline, as the format has it, or, tolerated, another run of blank
// bytes (or none) before the next header line, the end of the input or
// the start of a gzip member. It returns the length of the blank run and
// whether the record ends properly.
func (r *Reader) arcRecordEnd(k int) (int, bool, int) {
	if r.want(k+2) == wantErr {
		return 0, false, wantErr
	}
	n := 0
	for {
		b := r.buf[r.start+k : r.end]
		for n < len(b) && isSpaceByte(b[n]) {
			n++
		}
		if n < len(b) || r.eof {
			break
		}
		if n >= 64 {
			return n, true, wantOK // a long blank run: the caller skips the rest
		}
		if r.want(k+n+2) == wantErr {
			return 0, false, wantErr
		}
	}
	b := r.buf[r.start+k : r.end]
	switch {
	case n == len(b):
		return n, true, wantOK // the end of the input
	case b[0] == '\n':
		return n, true, wantOK // the newline: the next record is checked when read
	}
	if m := r.members(); m != nil && m.memberAt(r.pos()+int64(k+n)) >= 0 {
		return n, true, wantOK
	}
	for {
		ok, more := arcHeaderAt(r.buf[r.start+k+n:r.end], r.eof)
		if !more {
			return n, ok, wantOK
		}
		if r.want(r.end-r.start+readSize) == wantErr {
			return 0, false, wantErr
		}
	}
}

// arcRec fills r.rec with the ARC record at s: its provenance and header
// fields. The id is the record's source, FILE:OFFSET (of its gzip member
// in an .arc.gz): ARC records have no id of their own.
func (r *Reader) arcRec(s int64, raw []byte, h *arcHeader) {
	r.warcRec(s, raw, &warcHeader{uri: h.uri})
	r.rec.ARC = true
	// The Archive-date as YYYYMMDDhhmmss: writers that put more digits
	// (fractions of a second) or fewer (no seconds) are read as meaning
	// that, not as a count of milliseconds.
	d := h.date
	switch {
	case len(d) > 14:
		d = d[:14]
	case len(d) < 14:
		r.arcDate = append(append(r.arcDate[:0], d[:12]...), "00"...)
		d = r.arcDate
	}
	r.rec.Date = aliasString(d)
}

// arcPage turns the record into a page: an HTTP capture by the response's
// Content-Type, anything else by the header line's.
func (r *Reader) arcPage(s int64, raw []byte, lineLen, k int, h *arcHeader) (*Record, error) {
	block := raw[lineLen:k]
	var (
		format Format
		body   []byte
		ctype  []byte
		reason Reason
		err    error
	)
	if hasPrefixFold(block, "HTTP/") {
		format, body, ctype, reason, err = r.ws.httpResponse(block, nil, r.opts.MaxRecordBytes)
	} else {
		ctype, body = h.ctype, block
		if format = classify(mediaType(ctype)); format == 0 && untyped(ctype) {
			format = sniffHTML(body)
		}
		if format == 0 {
			reason, err = ReasonNotHTML, notHTML(ctype)
		}
	}
	other := func() *Record {
		r.arcRec(s, raw, h)
		r.rec.Format, r.rec.NotPage = ARC, reason
		return &r.rec
	}
	if reason != 0 && r.opts.NonPages && reason != ReasonTooLarge {
		return other(), nil
	}
	if reason != 0 {
		return nil, r.warcErr(s, reason, err)
	}
	text, cs, warn, reason, err := r.ws.decode(body, ctype, format == HTML, r.opts.MaxRecordBytes)
	if reason != 0 && r.opts.NonPages && reason != ReasonTooLarge {
		return other(), nil
	}
	if reason != 0 {
		return nil, r.warcErr(s, reason, err)
	}
	r.arcRec(s, raw, h)
	r.rec.Text, r.rec.Format, r.rec.Charset, r.rec.Warning = text, format, cs, warn
	return &r.rec, nil
}

// untyped reports a Content-type field that says nothing: "-", "unk",
// "no-type" (as ARC writers put it) or empty.
func untyped(ctype []byte) bool {
	m := mediaType(ctype)
	return len(m) == 0 || equalFold(m, "-") || equalFold(m, "unk") || equalFold(m, "no-type")
}

// arcResync discards the input up to the next place at or after stream
// offset p where a record may start: a line (after a newline) that reads
// as an ARC header line, or the start of a gzip member, outside damaged
// parts of the stream. Damaged parts passed over are forgotten.
func (r *Reader) arcResync(p int64) {
	if p > r.base+int64(r.end) {
		p = r.base + int64(r.end)
	}
	r.start = int(p - r.base)
	m := r.members()
	// A record may start at p itself when a line ends just before it.
	at := r.start > 0 && r.buf[r.start-1] == '\n'
	for {
		b := r.buf[r.start:r.end]
		abs := r.pos()
		cand, pending := -1, -1
		if at {
			switch ok, more := arcHeaderAt(b, r.eof); {
			case more:
				pending = 0
			case ok:
				cand = 0
			}
		}
		for off := 0; cand < 0 && pending < 0; {
			i := bytes.IndexByte(b[off:], '\n')
			if i < 0 {
				break
			}
			j := off + i + 1
			ok, more := arcHeaderAt(b[j:], r.eof)
			if more {
				pending = j - 1 // look again from this newline with more data
				break
			}
			if ok {
				cand = j
				break
			}
			off = j
		}
		if m != nil {
			lim := abs + int64(len(b)) + 1
			if cand >= 0 {
				lim = abs + int64(cand)
			}
			if d := m.nextMember(abs-1, lim); d >= 0 {
				cand = int(d - abs)
			}
		}
		if cand >= 0 {
			q := abs + int64(cand)
			if bad, ok := r.damage(q, q+1); ok && bad.end > q {
				r.start = int(bad.end - r.base)
				continue
			}
			r.start += cand
			r.absorb(q)
			return
		}
		if r.eof {
			r.start = r.end
			r.absorb(r.pos())
			return
		}
		if pending >= 0 {
			// Keep the line in question, from the newline before it
			// (or from p), and read on.
			r.start += pending
			at = pending == 0 && at
			r.want(r.end - r.start + readSize)
			continue
		}
		r.start = r.end
		at = false
		r.fill(len(r.buf))
	}
}
