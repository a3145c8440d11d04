package input

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"
)

// gzipMembers decompresses a gzip stream one member at a time, so that the
// compressed offset where each member starts is known (a WARC record that
// starts a member is located by that offset, as in Common Crawl's indexes),
// and, with resync set, so that a damaged member costs only itself: reading
// resumes at the next gzip header found after the start of the damaged
// member.
//
// Read returns the members' decompressed data as one stream, like a
// multistream gzip.Reader. It notes where members start (members) and which
// parts of the stream are damaged (bad) in decompressed offsets, counted from
// the start of the stream.
//
// Without resync it behaves exactly like a multistream gzip.Reader: errors
// are returned and end the stream. Without track (not WARC) it does not
// note where members start.
type gzipMembers struct {
	gz  *gzip.Reader
	br  *bufio.Reader
	cr  countReader // beneath br
	pre *prefixReader
	// seeker, when not nil, positions the source at compressed offset c
	// with Seek(seekBase+c); cr.r reads from the same source.
	seeker   io.Seeker
	seekBase int64
	track    bool // note where members start
	resync   bool // skip damaged members (implies track)

	out     int64 // decompressed bytes returned so far
	open    bool  // gz is inside a member
	members []gzMember
	bad     []gzBad
	err     error // sticky: returned by every Read
	zeros   int
}

// gzMember is a member whose data starts at decompressed offset d and whose
// header starts at compressed offset c.
type gzMember struct {
	d, c int64
}

// gzBad is a damaged part of the stream: the decompressed bytes [d, end)
// came from a member (header at compressed offset c) that turned out to be
// corrupt or truncated, or, when d == end, skipped bytes that were not a
// gzip member (garbage bytes at compressed offset c).
type gzBad struct {
	d, end, c int64
	skipped   int64 // garbage: compressed bytes skipped to the next member
	garbage   bool  // bytes that were not a member, rather than a damaged member
	err       error
}

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// pos returns the compressed offset of the next byte gz will read.
func (m *gzipMembers) pos() int64 { return m.cr.n - int64(m.br.Buffered()) }

// init prepares m for a new stream read from pre, which reads from seeker
// if that is not nil. The gzip reader must read through m.cr.
func (m *gzipMembers) init(pre *prefixReader, seeker io.Seeker, seekBase int64) {
	*m = gzipMembers{
		cr: countReader{r: pre}, pre: pre,
		seeker: seeker, seekBase: seekBase,
		members: m.members[:0], bad: m.bad[:0],
	}
}

// start begins reading after gz has read the first member's header through
// br, which reads from m.cr.
func (m *gzipMembers) start(gz *gzip.Reader, br *bufio.Reader, resync bool) {
	m.gz, m.br, m.resync, m.track = gz, br, resync, true
	m.open = true
	m.members = append(m.members, gzMember{d: 0, c: 0})
	m.gz.Multistream(false)
}

// Read fills p from as many members as it takes. An error met after some
// data is returned by the next call.
func (m *gzipMembers) Read(p []byte) (int, error) {
	total := 0
	for total < len(p) && m.err == nil {
		if !m.open {
			c := m.pos()
			switch err := m.gz.Reset(m.br); {
			case err == io.EOF: // clean end
				m.err = io.EOF
				continue
			case err != nil && !m.resync:
				m.err = err
				continue
			case err != nil:
				// Not a gzip member here: skip to the next one.
				m.skipTo(c, c+1, err)
				continue
			}
			m.gz.Multistream(false)
			m.open = true
			if m.track {
				m.members = append(m.members, gzMember{d: m.out, c: c})
			}
		}
		n, err := m.gz.Read(p[total:])
		m.out += int64(n)
		total += n
		switch {
		case err == io.EOF:
			m.open = false
		case err != nil && !m.resync:
			m.err = err
		case err != nil:
			// A damaged member: its data so far is suspect. Look for the
			// next member from just after its header's start.
			mem := m.members[len(m.members)-1]
			m.open = false
			m.bad = append(m.bad, gzBad{d: mem.d, end: m.out, c: mem.c, err: err})
			m.skipTo(-1, mem.c+1, nil)
		case n == 0:
			if m.zeros++; m.zeros > 100 {
				m.err = io.ErrNoProgress
			}
		default:
			m.zeros = 0
		}
	}
	if total > 0 {
		return total, nil
	}
	return 0, m.err
}

// untrack stops noting where members start (the input is not WARC).
func (m *gzipMembers) untrack() {
	m.track = false
	m.members = m.members[:0]
}

// gzipMagic starts every gzip member (ID1, ID2, CM = deflate).
var gzipMagic = []byte{0x1f, 0x8b, 8}

// skipTo positions the reader at the next gzip header at or after compressed
// offset from, seeking back there if the source can seek (otherwise it
// searches from where the reader is). garbage, when not negative, is the
// offset of bytes that turned out not to be a member header (why says how):
// the skipped bytes are recorded as a bad part, unless they run to the end
// of the input and are all zero (padding). It reports whether a header was
// found; if not, m.err is set (io.EOF, or a read error).
func (m *gzipMembers) skipTo(garbage, from int64, why error) bool {
	if m.seeker != nil && from != m.pos() {
		if _, err := m.seeker.Seek(m.seekBase+from, io.SeekStart); err != nil {
			m.err = err
			return false
		}
		m.pre.p = nil // the source is positioned absolutely
		m.cr.n = from
		m.br.Reset(&m.cr)
	}
	zero := true // only zero bytes skipped so far
	keep := len(gzipMagic) - 1
	for {
		buf, err := m.br.Peek(m.br.Size())
		if i := bytes.Index(buf, gzipMagic); i >= 0 {
			m.br.Discard(i)
			if garbage >= 0 {
				m.bad = append(m.bad, gzBad{d: m.out, end: m.out, c: garbage, skipped: m.pos() - garbage, garbage: true, err: why})
			}
			return true
		}
		if err == nil {
			// A full buffer: keep its tail, which may start a header.
			zero = zero && allZero(buf[:len(buf)-keep])
			m.br.Discard(len(buf) - keep)
			continue
		}
		zero = zero && allZero(buf)
		m.br.Discard(len(buf))
		if err != io.EOF {
			m.err = err
			return false
		}
		if garbage >= 0 && !zero {
			m.bad = append(m.bad, gzBad{d: m.out, end: m.out, c: garbage, skipped: m.pos() - garbage, garbage: true, err: why})
		}
		m.err = io.EOF
		return false
	}
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// memberAt returns the compressed offset of the member whose data starts at
// decompressed offset d, or -1 if no member starts there. Members that
// start at d but hold no data are passed over.
func (m *gzipMembers) memberAt(d int64) int64 {
	c := int64(-1)
	for _, mem := range m.members {
		if mem.d == d {
			c = mem.c
		} else if mem.d > d {
			break
		}
	}
	return c
}

// forget drops what is known about the stream before decompressed offset d.
// The member holding d is kept.
func (m *gzipMembers) forget(d int64) {
	k := 0
	for k+1 < len(m.members) && m.members[k+1].d <= d {
		k++
	}
	if k > 0 {
		m.members = append(m.members[:0], m.members[k:]...)
	}
}

// nextMember returns the smallest member start in (after, limit), or -1.
func (m *gzipMembers) nextMember(after, limit int64) int64 {
	for _, mem := range m.members {
		if mem.d > after && mem.d < limit {
			return mem.d
		}
	}
	return -1
}

// describe explains a damaged part for a RecordError.
func (b gzBad) describe() (Reason, error) {
	if b.garbage {
		return ReasonCorrupt, fmt.Errorf("%d bytes that are not a gzip member at compressed offset %d skipped (%v)", b.skipped, b.c, b.err)
	}
	if errors.Is(b.err, io.ErrUnexpectedEOF) {
		return ReasonTruncated, fmt.Errorf("gzip member at compressed offset %d is truncated", b.c)
	}
	return ReasonCorrupt, fmt.Errorf("gzip member at compressed offset %d is damaged: %v", b.c, b.err)
}
