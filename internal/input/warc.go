package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxWARCHeader is the longest WARC header block accepted (or
// MaxRecordBytes if smaller). Real headers are a few hundred bytes; a
// "WARC/" line that is not followed by a blank line within this many bytes
// is taken for garbage.
const maxWARCHeader = 1 << 20

var (
	warcMagic = []byte("WARC/")
	nlWARC    = []byte("\nWARC/")
	crlf2     = []byte("\r\n\r\n")
)

// Results of want and discard.
const (
	wantOK  = iota
	wantEOF // the input ended first (cleanly)
	wantErr // a read or decompression error ended the input: r.rerr
)

// want reads until n bytes follow r.start, or the input ends. A buffer it
// grows has a quarter more room than n, so that asking for n bytes a
// little further on moves them only once in a while.
func (r *Reader) want(n int) int {
	for r.end-r.start < n && !r.eof {
		r.fill(n + n/4)
	}
	switch {
	case r.end-r.start >= n:
		return wantOK
	case r.rerr != nil:
		return wantErr
	}
	return wantEOF
}

// discard consumes n bytes from r.start without holding them.
func (r *Reader) discard(n int64) int {
	for {
		if avail := int64(r.end - r.start); avail >= n {
			r.start += int(n)
			return wantOK
		} else {
			n -= avail
		}
		r.start = r.end
		if r.eof {
			if r.rerr != nil {
				return wantErr
			}
			return wantEOF
		}
		r.fill(len(r.buf))
	}
}

// pos returns the stream offset of r.start.
func (r *Reader) pos() int64 { return r.base + int64(r.start) }

// members returns the gzip member tracker if the input is read through one.
func (r *Reader) members() *gzipMembers {
	if r.gzm != nil && r.src == r.gzm {
		return r.gzm
	}
	return nil
}

// damage returns the first damaged part of the stream that overlaps
// [from, to). Skipped garbage between members (an empty part) overlaps when
// it lies strictly inside.
func (r *Reader) damage(from, to int64) (gzBad, bool) {
	m := r.members()
	if m == nil {
		return gzBad{}, false
	}
	for _, b := range m.bad {
		if b.d >= to {
			break
		}
		if b.d < b.end && b.end > from || b.d == b.end && b.d > from {
			return b, true
		}
	}
	return gzBad{}, false
}

// absorb forgets the damaged parts that end at or before p: they were
// skipped while resynchronising after an error already reported.
func (r *Reader) absorb(p int64) {
	m := r.members()
	if m == nil {
		return
	}
	k := 0
	for k < len(m.bad) && (m.bad[k].d < m.bad[k].end && m.bad[k].end <= p || m.bad[k].d == m.bad[k].end && m.bad[k].d <= p) {
		k++
	}
	m.bad = append(m.bad[:0], m.bad[k:]...)
}

// warcErr returns a RecordError for the WARC record at offset off.
func (r *Reader) warcErr(off int64, reason Reason, err error) *RecordError {
	e := &RecordError{File: r.in.Path, Line: 0, Offset: off, Reason: reason, Err: err}
	if m := r.members(); m != nil {
		e.member = max(m.memberAt(off), 0)
	}
	return e
}

// damaged reports the record at s as lying in the damaged part b, and
// resynchronises after b.
func (r *Reader) damaged(s int64, b gzBad) *RecordError {
	r.resync(max(b.end, r.pos()))
	return r.damageErr(s, b)
}

// damageErr returns a RecordError at offset off for the damaged part b. It
// names the compressed offset of the damage in its detail.
func (r *Reader) damageErr(off int64, b gzBad) *RecordError {
	reason, err := b.describe()
	return &RecordError{File: r.in.Path, Offset: off, Reason: reason, Err: err}
}

// nextWARC returns the next page of a WARC file.
func (r *Reader) nextWARC() (*Record, error) {
	if r.ws == nil {
		r.ws = r.newPageScratch()
	}
	return r.nextContainerRecord(r.warcRecord)
}

// nextContainerRecord returns the next page of a WARC or ARC file, each
// record read by read at its stream offset: blank bytes between records
// are passed over, damage between them reported on its own.
func (r *Reader) nextContainerRecord(read func(s int64) (*Record, error)) (*Record, error) {
	for {
		// Blank lines between records are tolerated.
		for {
			for r.start < r.end && isSpaceByte(r.buf[r.start]) {
				r.start++
			}
			if r.start < r.end || r.eof {
				break
			}
			r.fill(len(r.buf))
		}
		s := r.pos()
		if m := r.members(); m != nil {
			m.forget(s)
			// Damage passed over between records is reported on its own.
			if len(m.bad) > 0 {
				if b := m.bad[0]; b.d < b.end && b.end <= s || b.d == b.end && b.d <= s {
					m.bad = m.bad[1:]
					return nil, r.damageErr(b.d, b)
				}
			}
		}
		if r.start == r.end {
			if r.rerr != nil {
				return nil, r.fileError()
			}
			r.done = true
			return nil, io.EOF
		}
		rec, err := read(s)
		if rec != nil || err != nil {
			return rec, err
		}
	}
}

// isSpaceByte reports whether c separates WARC records: CR, LF, space, tab.
func isSpaceByte(c byte) bool { return c == '\r' || c == '\n' || c == ' ' || c == '\t' }

// warcHeader holds the named fields of a WARC record header that are used.
// The slices alias the Reader's buffer.
type warcHeader struct {
	typ, id, uri, date, ctype, payloadType, refersTo, segment []byte
	concurrent                                                [][]byte // WARC-Concurrent-To, may repeat
	length                                                    int64    // Content-Length, -1 if absent or invalid
	badLength                                                 []byte
}

// warcRecord reads the record at r.start (stream offset s, not blank). It
// returns the record, or an error for a skipped record, or nil, nil at the
// end of the input.
func (r *Reader) warcRecord(s int64) (*Record, error) {
	if b, ok := r.damage(s, s+1); ok {
		return nil, r.damaged(s, b)
	}
	st := r.want(len(warcMagic))
	if st == wantErr {
		return nil, r.fileError()
	}
	if !bytes.HasPrefix(r.buf[r.start:r.end], warcMagic) {
		// Garbage where a record should start: skip to the next record.
		r.resync(s + 1)
		n := r.pos() - s
		if b, ok := r.damage(s, r.pos()); ok {
			r.absorb(r.pos())
			return nil, r.damageErr(s, b)
		}
		r.absorb(r.pos())
		if s == 0 && r.start == r.end && r.eof {
			return nil, r.warcErr(s, ReasonMalformedWARC, fmt.Errorf("not a WARC file: no record starts with %q in %d bytes", warcMagic, n))
		}
		return nil, r.warcErr(s, ReasonMalformedWARC, fmt.Errorf("no %q version line: %d bytes skipped to the next record", warcMagic, n))
	}

	// The header block ends with an empty line (CRLF, or LF alone).
	hdrLen, err := r.readHeader(s, min(r.opts.MaxRecordBytes, maxWARCHeader), headerEnd, ReasonMalformedWARC, "header block", r.resync)
	if err != nil {
		return nil, err
	}
	var h warcHeader
	parseWARCHeader(r.buf[r.start:r.start+hdrLen], &h)
	if h.length < 0 {
		r.resync(s + 1)
		if h.badLength != nil {
			return nil, r.warcErr(s, ReasonMalformedWARC, fmt.Errorf("invalid Content-Length %s", clip(h.badLength)))
		}
		return nil, r.warcErr(s, ReasonMalformedWARC, errors.New("no Content-Length"))
	}

	// Decide what to do with the block before reading it.
	var skip error // the record is skipped with this detail
	skipReason := ReasonSkippedType
	page := false
	switch {
	case equalFold(h.typ, "response"), equalFold(h.typ, "resource"), equalFold(h.typ, "conversion"):
		page = true
	case len(h.typ) == 0:
		skip, skipReason = errors.New("no WARC-Type"), ReasonMalformedWARC
	case equalFold(h.typ, "continuation"):
		skip, skipReason = errors.New("continuation record of a record split across records"), ReasonSegmented
		if len(h.segment) > 0 {
			skip = fmt.Errorf("continuation record, segment %s of a record split across records", word(h.segment))
		}
	default:
		skip = typeError(h.typ)
	}
	if page && len(h.segment) > 0 {
		// The first segment of a record split across records: its block
		// is only the start of the page.
		page, skip, skipReason = false, fmt.Errorf("segment %s of a %s record split across records", word(h.segment), word(h.typ)), ReasonSegmented
	}
	total := int64(hdrLen) + h.length
	if page && total > int64(r.opts.MaxRecordBytes) {
		skip, skipReason = fmt.Errorf("record is %d bytes, limit %d", total, r.opts.MaxRecordBytes), ReasonTooLarge
	}
	if r.comp == compNone && r.size >= 0 && s+total > r.size {
		// A plain file: the overrun is known without reading on.
		r.resync(s + int64(hdrLen))
		return nil, r.warcErr(s, ReasonTruncated, fmt.Errorf("Content-Length %d overruns the end of the file by %d bytes", h.length, s+total-r.size))
	}

	keep := skip == nil || r.opts.NonPages && (skipReason == ReasonSkippedType || skipReason == ReasonSegmented)
	k, err := r.readBlock(s, hdrLen, total, h.length, keep, "Content-Length", r.resync) // the block ends at buf[r.start+k]
	if err != nil {
		return nil, err
	}

	// The record must end here: CRLF CRLF, then the next record.
	n, err := r.endRecord(s, hdrLen, k, keep, r.recordEnd, r.resync, ReasonMalformedWARC,
		"the %d-byte block (Content-Length) is not followed by the end of the record", h.length)
	if err != nil {
		return nil, err
	}
	if !keep {
		r.start += k + n
		return nil, r.warcErr(s, skipReason, skip)
	}
	raw := r.buf[r.start : r.start+k]
	r.start += k + n
	// Reading on may have moved the buffer: parse the header again so
	// that the fields alias raw.
	parseWARCHeader(raw[:hdrLen], &h)
	if skip != nil {
		return r.warcOther(s, raw, &h, skipReason), nil
	}
	return r.warcPage(s, raw, hdrLen, &h)
}

// readHeader reads until the header of the record at stream offset s —
// a WARC header block, an ARC header line: what end finds, the length of
// the header, or -1 and where to look again once more is read — ends
// within limit bytes, and returns its length, or the error to report:
// damage, a read error, a header longer than limit (too large when limit
// is the record limit, else malformed), or the end of the input inside it.
// resync resumes after a header that does not end.
func (r *Reader) readHeader(s int64, limit int, end func(b []byte, from int) (int, int), malformed Reason, what string, resync func(int64)) (int, error) {
	n, scanned := -1, 0
	for {
		b := r.buf[r.start:r.end]
		if n, scanned = end(b, scanned); n >= 0 {
			break
		}
		if len(b) > limit {
			if bad, ok := r.damage(s, s+int64(len(b))); ok {
				return 0, r.damaged(s, bad)
			}
			resync(s + 1)
			if limit == r.opts.MaxRecordBytes {
				return 0, r.warcErr(s, ReasonTooLarge, fmt.Errorf("%s exceeds the limit of %d bytes", what, limit))
			}
			return 0, r.warcErr(s, malformed, fmt.Errorf("%s does not end within %d bytes", what, limit))
		}
		switch r.want(min(len(b)+readSize, limit+1)) {
		case wantErr:
			return 0, r.fileError()
		case wantEOF:
			if r.end-r.start == len(b) {
				if bad, ok := r.damage(s, s+int64(len(b))); ok {
					return 0, r.damaged(s, bad)
				}
				r.start = r.end
				return 0, r.warcErr(s, ReasonTruncated, fmt.Errorf("the input ends in the record's %s", what))
			}
		}
	}
	if bad, ok := r.damage(s, s+int64(n)); ok {
		return 0, r.damaged(s, bad)
	}
	return n, nil
}

// endRecord checks, with end (recordEnd, arcRecordEnd), what follows a
// block that ends at buf[r.start+k] and returns the length of the blank
// run after it, or the error to report: a read error, damage, or, when the
// record does not end there, malformed with the detail format (of the
// record's length; made only then, off the path of every page), after resynchronising
// past the header (the block was read: a record may start inside it) or
// past the block (it was passed over).
func (r *Reader) endRecord(s int64, hdrLen, k int, keep bool, end func(k int) (int, bool, int), resync func(int64), malformed Reason, detail string, length int64) (int, error) {
	n, ok, st := end(k)
	if st == wantErr {
		return 0, r.fileError()
	}
	if b, found := r.damage(s, r.pos()+int64(k)+int64(n)); found {
		return 0, r.damaged(s, b)
	}
	if !ok {
		if keep {
			resync(s + int64(hdrLen))
		} else {
			resync(r.pos() + int64(k))
		}
		return 0, r.warcErr(s, malformed, fmt.Errorf(detail, length))
	}
	return n, nil
}

// readBlock reads the record at stream offset s — its header of hdrLen
// bytes and its block, total bytes — into the buffer when keep is set, or
// passes over it unread, and returns where it ends (buf[r.start+k]; 0 when
// passed over) or the error to report: damage, a read error, or a length
// (the header's field, length) that runs past the end of the input, after
// which resync resumes reading past the header.
func (r *Reader) readBlock(s int64, hdrLen int, total, length int64, keep bool, field string, resync func(int64)) (int, error) {
	if keep {
		st := r.want(int(total))
		if b, ok := r.damage(s, s+total); ok {
			return 0, r.damaged(s, b)
		}
		switch st {
		case wantErr:
			return 0, r.fileError()
		case wantEOF:
			over := total - int64(r.end-r.start)
			resync(s + int64(hdrLen))
			return 0, r.warcErr(s, ReasonTruncated, fmt.Errorf("%s %d overruns the end of the input by %d bytes", field, length, over))
		}
		return int(total), nil
	}
	st := r.discard(total)
	if b, ok := r.damage(s, r.pos()); ok {
		return 0, r.damaged(s, b)
	}
	switch st {
	case wantErr:
		return 0, r.fileError()
	case wantEOF:
		return 0, r.warcErr(s, ReasonTruncated, fmt.Errorf("%s %d overruns the end of the input", field, length))
	}
	return 0, nil
}

// warcOther returns the record at s that is not a page, as a Record of
// Format WARC (Options.NonPages).
func (r *Reader) warcOther(s int64, raw []byte, h *warcHeader, why Reason) *Record {
	r.warcRec(s, raw, h)
	r.rec.Format, r.rec.NotPage = WARC, why
	return &r.rec
}

// warcRec fills r.rec with the record at s: its provenance and header
// fields.
func (r *Reader) warcRec(s int64, raw []byte, h *warcHeader) {
	r.srcBuf = append(r.srcBuf[:0], r.in.Path...)
	r.srcBuf = append(r.srcBuf, ':')
	mo := int64(-1)
	if m := r.members(); m != nil {
		mo = m.memberAt(s)
	}
	if mo >= 0 {
		r.srcBuf = strconv.AppendInt(r.srcBuf, mo, 10)
	} else {
		r.srcBuf = strconv.AppendInt(r.srcBuf, s, 10)
	}
	source := aliasString(r.srcBuf)
	r.concurrent = r.concurrent[:0]
	for _, c := range h.concurrent {
		r.concurrent = append(r.concurrent, aliasString(c))
	}
	r.rec = Record{
		ID:           source,
		URL:          aliasString(h.uri),
		Date:         aliasString(h.date),
		Source:       source,
		File:         r.in.Path,
		Offset:       s,
		MemberOffset: mo,
		Raw:          raw,
		WARCType:     aliasString(h.typ),
		ConcurrentTo: r.concurrent,
		RefersTo:     aliasString(h.refersTo),
	}
	if len(h.id) > 0 {
		r.rec.ID = aliasString(h.id)
	}
}

// recordEnd checks what follows a block that ends at buf[r.start+k]: CRLF
// CRLF, or, tolerated, any other run of blank bytes followed by the end of
// the input, the start of a gzip member or the next "WARC/". It returns the
// length of the run and whether the record ends properly. The check reads
// one byte past CRLF CRLF, so that a gzip member ending there is checked
// (its CRC) before the record is returned.
func (r *Reader) recordEnd(k int) (int, bool, int) {
	if r.want(k+len(crlf2)+1) == wantErr {
		return 0, false, wantErr
	}
	b := r.buf[r.start+k : r.end]
	if bytes.HasPrefix(b, crlf2) {
		return len(crlf2), true, wantOK
	}
	n := 0
	for {
		for n < len(b) && isSpaceByte(b[n]) {
			n++
		}
		if n < len(b) && len(b)-n >= len(warcMagic) || r.eof {
			break
		}
		if n >= 64 {
			return n, true, wantOK // a long blank run: the caller skips the rest
		}
		if r.want(k+n+len(warcMagic)+1) == wantErr {
			return 0, false, wantErr
		}
		b = r.buf[r.start+k : r.end]
	}
	switch {
	case n == len(b):
		return n, true, wantOK // the end of the input
	case bytes.HasPrefix(b[n:], warcMagic):
		return n, true, wantOK
	}
	if m := r.members(); m != nil && m.memberAt(r.pos()+int64(k+n)) >= 0 {
		return n, true, wantOK
	}
	return n, false, wantOK
}

// resync discards the input up to the next place at or after stream offset
// p where a record may start: "WARC/" and a digit at p or at the start of a
// line, or the start of a gzip member, outside damaged parts of the stream.
// Damaged parts passed over are forgotten. It reads no more than it needs
// and holds at most a few bytes of what it skips.
func (r *Reader) resync(p int64) {
	if p > r.base+int64(r.end) {
		p = r.base + int64(r.end)
	}
	r.start = int(p - r.base)
	at := true // a record may start at r.start without a preceding LF
	m := r.members()
	for {
		b := r.buf[r.start:r.end]
		abs := r.pos()
		if len(b) < 7 && !r.eof {
			r.fill(len(r.buf))
			continue
		}
		cand := -1
		if at && isRecordStart(b, r.eof) {
			cand = 0
		}
		for off := 0; cand < 0; {
			i := bytes.Index(b[off:], nlWARC)
			if i < 0 {
				break
			}
			j := off + i + 1
			if j+5 < len(b) || r.eof {
				if isRecordStart(b[j:], r.eof) {
					cand = j
				}
				off = j
				continue
			}
			break // look again with more data
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
				at = true
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
		// Keep the bytes that may begin a match and read on.
		r.start = r.end - min(len(b), len(nlWARC))
		at = false
		r.fill(len(r.buf))
	}
}

// headerEnd looks for the end of a header block in b from b[from]: the end
// of the first empty line (CRLF, or LF alone). If there is none yet it
// returns -1 and where to search again once b has grown.
func headerEnd(b []byte, from int) (int, int) {
	for {
		i := bytes.IndexByte(b[from:], '\n')
		if i < 0 {
			return -1, len(b)
		}
		j := from + i + 1 // the start of the next line
		switch {
		case j < len(b) && b[j] == '\n':
			return j + 1, j + 1
		case j+1 < len(b) && b[j] == '\r' && b[j+1] == '\n':
			return j + 2, j + 2
		case j >= len(b) || j+1 >= len(b) && b[j] == '\r':
			return -1, from + i // undecided: look at this LF again
		}
		from = j
	}
}

// isRecordStart reports whether b starts with "WARC/" and a digit (or ends
// after "WARC/" at the end of the input).
func isRecordStart(b []byte, eof bool) bool {
	if !bytes.HasPrefix(b, warcMagic) {
		return false
	}
	if len(b) == len(warcMagic) {
		return eof
	}
	return b[len(warcMagic)]-'0' < 10
}

// parseWARCHeader parses a header block (version line, named fields, the
// empty line). Malformed lines are ignored; the first of repeated fields
// wins.
func parseWARCHeader(b []byte, h *warcHeader) {
	*h = warcHeader{length: -1, concurrent: h.concurrent[:0]}
	first := true
	for len(b) > 0 {
		var line []byte
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			line, b = b, nil
		}
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if first {
			first = false // the version line
			continue
		}
		if len(line) == 0 {
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			continue // a continuation line: not used
		}
		colon := bytes.IndexByte(line, ':')
		if colon < 0 {
			continue
		}
		name, value := trimSpace(line[:colon]), trimSpace(line[colon+1:])
		var dst *[]byte
		switch len(name) {
		case len("WARC-Type"):
			if equalFold(name, "WARC-Type") {
				dst = &h.typ
			} else if equalFold(name, "WARC-Date") {
				dst = &h.date
			}
		case len("WARC-Record-ID"):
			if equalFold(name, "WARC-Record-ID") {
				dst = &h.id
				value = trimAngle(value)
			} else if equalFold(name, "WARC-Refers-To") {
				dst = &h.refersTo
				value = trimAngle(value)
			} else if equalFold(name, "Content-Length") {
				if h.length < 0 && h.badLength == nil {
					if n, ok := parseLength(value); ok {
						h.length = n
					} else {
						h.badLength = value
					}
				}
			}
		case len("WARC-Target-URI"):
			if equalFold(name, "WARC-Target-URI") {
				dst = &h.uri
				value = trimAngle(value)
			}
		case len("Content-Type"):
			if equalFold(name, "Content-Type") {
				dst = &h.ctype
			}
		case len("WARC-Identified-Payload-Type"):
			if equalFold(name, "WARC-Identified-Payload-Type") {
				dst = &h.payloadType
			}
		case len("WARC-Segment-Number"):
			if equalFold(name, "WARC-Segment-Number") {
				dst = &h.segment
			}
		case len("WARC-Concurrent-To"):
			if equalFold(name, "WARC-Concurrent-To") {
				v := trimAngle(value)
				h.concurrent = append(h.concurrent, v[:len(v):len(v)])
			}
		}
		if dst != nil && *dst == nil {
			*dst = value[:len(value):len(value)]
		}
	}
}

// parseLength parses a non-negative decimal Content-Length.
func parseLength(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c-'0' >= 10 {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

func trimAngle(b []byte) []byte {
	if len(b) >= 2 && b[0] == '<' && b[len(b)-1] == '>' {
		return b[1 : len(b)-1]
	}
	return b
}

// trimSpace trims spaces and tabs.
func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// equalFold reports whether b equals the ASCII string s, ignoring ASCII
// case.
func equalFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := 0; i < len(b); i++ {
		if lower(b[i]) != lower(s[i]) {
			return false
		}
	}
	return true
}

// hasPrefixFold reports whether b starts with the ASCII string s, ignoring
// ASCII case.
func hasPrefixFold(b []byte, s string) bool {
	return len(b) >= len(s) && equalFold(b[:len(s)], s)
}

func lower(c byte) byte {
	if c-'A' < 26 {
		return c + 'a' - 'A'
	}
	return c
}

// typeErrors are the details of ReasonSkippedType for the usual types,
// made once: a crawl has about two such records per page.
var typeErrors = [...]error{
	errors.New("warcinfo record"),
	errors.New("request record"),
	errors.New("metadata record"),
	errors.New("revisit record"),
	errors.New("continuation record"),
}

// typeError returns the detail for skipping a record of type typ.
func typeError(typ []byte) error {
	for _, e := range typeErrors {
		if t, _ := strings.CutSuffix(e.Error(), " record"); equalFold(typ, t) {
			return e
		}
	}
	return fmt.Errorf("%s record", word(typ))
}

// word returns b as it is if it is a short token (letters, digits, '-',
// '_', '.', '/', '+'), else quoted by clip.
func word(b []byte) string {
	if len(b) == 0 || len(b) > 64 {
		return clip(b)
	}
	for _, c := range b {
		if !isASCIILetter(c) && c-'0' >= 10 && c != '-' && c != '_' && c != '.' && c != '/' && c != '+' {
			return clip(b)
		}
	}
	return string(b)
}

// clip quotes at most 64 bytes of b for an error message.
func clip(b []byte) string {
	if len(b) > 64 {
		return strconv.Quote(string(b[:64])) + "…"
	}
	return strconv.Quote(string(b))
}

// warcPage turns a response, resource or conversion record into a Record.
// raw is the record without its end, hdrLen the length of its header.
func (r *Reader) warcPage(s int64, raw []byte, hdrLen int, h *warcHeader) (*Record, error) {
	block := raw[hdrLen:]
	var (
		format Format
		body   []byte
		ctype  []byte
		reason Reason
		err    error
	)
	switch {
	case equalFold(h.typ, "response") && (hasPrefixFold(h.ctype, "application/http") || hasPrefixFold(block, "HTTP/")):
		format, body, ctype, reason, err = r.ws.httpResponse(block, h.payloadType, r.opts.MaxRecordBytes)
	default:
		// A resource, a conversion (WET) or a non-HTTP response: the
		// block is the document, typed by the record's Content-Type.
		ctype, body = h.ctype, block
		format = classify(mediaType(ctype))
		if format == 0 && len(mediaType(ctype)) == 0 {
			if equalFold(h.typ, "conversion") {
				format = Text
			} else {
				format = sniffHTML(body)
			}
		}
		if format == 0 {
			reason, err = ReasonNotHTML, notHTML(ctype)
		}
	}
	if reason != 0 && r.opts.NonPages && reason != ReasonTooLarge {
		return r.warcOther(s, raw, h, reason), nil
	}
	if reason != 0 {
		return nil, r.warcErr(s, reason, err)
	}
	text, cs, warn, reason, err := r.ws.decode(body, ctype, format == HTML, r.opts.MaxRecordBytes)
	if reason != 0 && r.opts.NonPages && reason != ReasonTooLarge {
		return r.warcOther(s, raw, h, reason), nil
	}
	if reason != 0 {
		return nil, r.warcErr(s, reason, err)
	}
	r.warcRec(s, raw, h)
	r.rec.Text, r.rec.Format, r.rec.Charset, r.rec.Warning = text, format, cs, warn
	return &r.rec, nil
}
