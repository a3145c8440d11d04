package segment

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/klauspost/compress/zstd"
)

// rawPool holds buffers for decompressed metadata blocks.
var rawPool = sync.Pool{New: func() any { return new([]byte) }}

// zdec decodes metadata blocks; DecodeAll is safe for concurrent use.
var zdec, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(64<<20))

// section is one section of an open segment. Its chunks' checksums are
// checked the first time a read touches them.
type section struct {
	seg  *Reader
	kind int
	off  int64 // in the file
	data []byte
	sums []byte
	ok   []atomic.Uint64 // verified chunks
}

// ensure checks the chunks that hold data[off:off+n].
func (c *section) ensure(off, n int) error {
	if n <= 0 {
		return nil
	}
	if off < 0 || off+n > len(c.data) {
		return corruptf(c.seg.name, c.off+int64(off), "read of %d bytes beyond section %d (%d bytes)", n, c.kind, len(c.data))
	}
	for ch := off >> chunkShift; ch <= (off+n-1)>>chunkShift; ch++ {
		if c.ok[ch>>6].Load()&(1<<(ch&63)) != 0 {
			continue
		}
		lo := ch << chunkShift
		hi := min(lo+chunkSize, len(c.data))
		if crc(c.data[lo:hi]) != binary.LittleEndian.Uint32(c.sums[4*ch:]) {
			return corruptf(c.seg.name, c.off+int64(lo), "checksum mismatch in section %d", c.kind)
		}
		c.ok[ch>>6].Or(1 << (ch & 63))
	}
	return nil
}

// bytes returns data[off:off+n] after checking it.
func (c *section) bytes(off, n int) ([]byte, error) {
	if err := c.ensure(off, n); err != nil {
		return nil, err
	}
	return c.data[off : off+n], nil
}

// A Reader reads an open segment file. Its methods are safe for
// concurrent use; Close must come after all of them.
type Reader struct {
	name     string // path
	data     []byte // the whole file, memory-mapped
	unmap    func() error
	version  uint32
	n        int
	first    uint64 // number of the first document
	wpd, nb  int
	pb       int                  // the passage table, or -1
	passages int                  // entries of the passage table per document, at most
	idxBits  int                  // bits of a document index
	sec      [numSections]section // sets: empty in a version 1 segment
	bands    []efTable
	metaAt   int // offset of the block index in the metadata section
	setsAt   int // offset of the set offsets in the sets section
	// ids finds documents by the hash of their id: from the ids section
	// (version 3), else from a table built from the metadata on first use.
	idsOnce  sync.Once
	idsErr   error
	idHashes []uint64 // built table: sorted hashes…
	idIdx    []uint32 // …and the index of each one's document
}

// OpenFile maps the segment file path into memory and opens it as Open
// does; Close unmaps it.
func OpenFile(path string, p Params) (*Reader, error) {
	data, unmap, err := mapFile(path)
	if err != nil {
		return nil, err
	}
	r, err := Open(path, data, p)
	if err != nil {
		unmap()
		return nil, err
	}
	r.unmap = unmap
	return r, nil
}

// Open parses the segment held in data (named name in errors) and checks
// its header and directory, and that it was written with p; the sections'
// chunks are checked on first use. ErrBadMagic if data is not a segment,
// ErrVersion if of a version this package does not know, else ErrCorrupt
// for what does not hold.
func Open(name string, data []byte, p Params) (*Reader, error) {
	wpd, nBands := p.Words, p.Bands
	le := binary.LittleEndian
	if len(data) < 8 || string(data[:8]) != Magic {
		return nil, fmt.Errorf("%w: %s", ErrBadMagic, name)
	}
	if len(data) < headerLen {
		return nil, corruptf(name, 0, "truncated header")
	}
	if crc(data[:60]) != le.Uint32(data[60:]) {
		return nil, corruptf(name, 60, "header checksum mismatch")
	}
	version := le.Uint32(data[8:])
	if version != V1 && version != V2 && version != V3 {
		return nil, fmt.Errorf("%w: %s: version %d", ErrVersion, name, version)
	}
	sections := sectionsOf(version)
	if le.Uint32(data[12:]) != uint32(sections) || le.Uint32(data[40:]) != chunkShift {
		return nil, corruptf(name, 12, "%d sections of chunks of 2^%d bytes", le.Uint32(data[12:]), le.Uint32(data[40:]))
	}
	n := le.Uint64(data[16:])
	if n > MaxDocs {
		return nil, corruptf(name, 16, "%d documents", n)
	}
	if wpd < 1 {
		return nil, fmt.Errorf("index: internal error: %d signature words", wpd)
	}
	s := &Reader{name: name, data: data, version: version, n: int(n), first: le.Uint64(data[24:]), wpd: wpd, nb: nBands, pb: p.PassageBand, passages: p.MaxPassages}
	if int(le.Uint32(data[32:])) != wpd || int(le.Uint32(data[36:])) != nBands {
		return nil, corruptf(name, 32, "%d signature words and %d bands per document, the index has %d and %d",
			le.Uint32(data[32:]), le.Uint32(data[36:]), wpd, nBands)
	}
	if s.n > 1 {
		s.idxBits = bits.Len(uint(s.n - 1))
	}
	dirEnd := headerLen + sections*dirEntryLen
	if len(data) < dirEnd+4 || crc(data[headerLen:dirEnd]) != le.Uint32(data[dirEnd:]) {
		return nil, corruptf(name, headerLen, "section directory checksum mismatch")
	}
	end := uint64(dirEnd + 4)
	for i := range sections {
		e := data[headerLen+i*dirEntryLen:]
		chunks, off, length := uint64(le.Uint32(e[4:])), le.Uint64(e[8:]), le.Uint64(e[16:])
		if le.Uint32(e) != uint32(i+1) || off != end || length > uint64(len(data))-off ||
			chunks != (length+chunkSize-1)/chunkSize || 4*chunks > uint64(len(data))-off-length {
			return nil, corruptf(name, int64(headerLen+i*dirEntryLen), "section %d does not fit the file", i+1)
		}
		s.sec[i] = section{
			seg: s, kind: i + 1, off: int64(off),
			data: data[off : off+length : off+length],
			sums: data[off+length : off+length+4*chunks],
			ok:   make([]atomic.Uint64, (chunks+63)/64),
		}
		end = off + length + 4*chunks
	}
	if end != uint64(len(data)) {
		return nil, corruptf(name, int64(end), "%d bytes after the last section", uint64(len(data))-end)
	}
	if got, want := len(s.sec[secSigs-1].data), s.n*wpd*8; got != want {
		return nil, corruptf(name, s.sec[secSigs-1].off, "signatures take %d bytes, want %d", got, want)
	}
	if got, want := len(s.sec[secCards-1].data), s.n*4; got != want {
		return nil, corruptf(name, s.sec[secCards-1].off, "cardinalities take %d bytes, want %d", got, want)
	}
	if err := s.openBands(); err != nil {
		return nil, err
	}
	meta := &s.sec[secMeta-1]
	s.metaAt = len(meta.data) - 12*s.MetaBlocks()
	if s.metaAt < 0 {
		return nil, corruptf(name, meta.off, "metadata section of %d bytes for %d blocks", len(meta.data), s.MetaBlocks())
	}
	if sections >= secIDs && len(s.sec[secSets-1].data) == 0 {
		s.sec[secSets-1].data = nil // an index without sets
	} else if sections >= secSets {
		sets := &s.sec[secSets-1]
		s.setsAt = len(sets.data) - 8*(s.n+1)
		if s.setsAt < 0 {
			return nil, corruptf(name, sets.off, "sets section of %d bytes for %d documents", len(sets.data), s.n)
		}
	}
	if sections >= secIDs {
		if ids := &s.sec[secIDs-1]; len(ids.data) != 12*s.n {
			return nil, corruptf(name, ids.off, "ids section of %d bytes for %d documents", len(ids.data), s.n)
		}
	}
	return s, nil
}

// lookupID returns the indexes of the documents whose id hashes to h (the
// caller compares their ids: hashes may collide), in increasing order.
func (s *Reader) LookupID(h uint64) ([]uint32, error) {
	sec := &s.sec[secIDs-1]
	if sec.data == nil { // before version 3
		s.idsOnce.Do(s.buildIDs)
		if s.idsErr != nil {
			return nil, s.idsErr
		}
		i, _ := slices.BinarySearch(s.idHashes, h)
		var out []uint32
		for ; i < len(s.idHashes) && s.idHashes[i] == h; i++ {
			out = append(out, s.idIdx[i])
		}
		return out, nil
	}
	hashAt := func(i int) (uint64, error) {
		e, err := sec.bytes(8*i, 8)
		if err != nil {
			return 0, err
		}
		return binary.LittleEndian.Uint64(e), nil
	}
	lo, hi := 0, s.n // the first hash ≥ h is in lo..hi
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		x, err := hashAt(mid)
		if err != nil {
			return nil, err
		}
		if x < h {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	var out []uint32
	for i := lo; i < s.n; i++ {
		x, err := hashAt(i)
		if err != nil {
			return nil, err
		}
		if x != h {
			break
		}
		e, err := sec.bytes(8*s.n+4*i, 4)
		if err != nil {
			return nil, err
		}
		idx := binary.LittleEndian.Uint32(e)
		if int(idx) >= s.n {
			return nil, corruptf(s.name, sec.off+int64(8*s.n+4*i), "id entry %d names document %d of %d", i, idx, s.n)
		}
		out = append(out, idx)
	}
	slices.Sort(out)
	return out, nil
}

// buildIDs builds the id table of a segment written before version 3 from
// its metadata.
func (s *Reader) buildIDs() {
	es := make([]idEntry, 0, s.n)
	for blk := range s.MetaBlocks() {
		ms, err := s.MetaBlock(blk)
		if err != nil {
			s.idsErr = err
			return
		}
		for i, m := range ms {
			es = append(es, idEntry{IDHash(m.ID), uint32(blk*BlockDocs + i)})
		}
	}
	s.idHashes, s.idIdx = idTable(es)
}

// idEntry is a document's id hash and its index in a segment.
type idEntry struct {
	h   uint64
	idx uint32
}

// idTable sorts es by hash, equal hashes in document order, and returns
// the hashes and the documents in that order: the ids section's two
// halves (FORMAT.md), or a table built in memory.
func idTable(es []idEntry) (hashes []uint64, idxs []uint32) {
	slices.SortFunc(es, func(a, b idEntry) int { return cmp.Or(cmp.Compare(a.h, b.h), cmp.Compare(a.idx, b.idx)) })
	hashes, idxs = make([]uint64, len(es)), make([]uint32, len(es))
	for i, e := range es {
		hashes[i], idxs[i] = e.h, e.idx
	}
	return hashes, idxs
}

// set returns document idx's encoded shingle set (see sets.go), nil if it
// has none.
func (s *Reader) Set(idx uint32) ([]byte, error) {
	sec := &s.sec[secSets-1]
	if sec.data == nil {
		return nil, nil // version 1
	}
	e, err := sec.bytes(s.setsAt+8*int(idx), 16)
	if err != nil {
		return nil, err
	}
	lo, hi := binary.LittleEndian.Uint64(e), binary.LittleEndian.Uint64(e[8:])
	if lo > hi || hi > uint64(s.setsAt) {
		return nil, corruptf(s.name, sec.off+int64(s.setsAt)+8*int64(idx), "set of document %d at %d..%d", idx, lo, hi)
	}
	if lo == hi {
		return nil, nil
	}
	return sec.bytes(int(lo), int(hi-lo))
}

func (s *Reader) MetaBlocks() int { return (s.n + BlockDocs - 1) / BlockDocs }

// openBands reads the bands section's entry counts and lays out its
// tables.
func (s *Reader) openBands() error {
	sec := &s.sec[secBands-1]
	counts, err := sec.bytes(0, 4*s.nb)
	if err != nil {
		return err
	}
	s.bands = make([]efTable, s.nb)
	at := 4 * s.nb
	for b := range s.nb {
		m := int(binary.LittleEndian.Uint32(counts[4*b:]))
		limit := s.n
		if b == s.pb {
			limit = s.passages * s.n // several passage keys a document
		}
		if m > limit {
			return corruptf(s.name, sec.off+int64(4*b), "band %d has %d entries for %d documents", b, m, s.n)
		}
		size := efSize(m, s.idxBits)
		if size > len(sec.data)-at {
			return corruptf(s.name, sec.off+int64(at), "band %d does not fit its section", b)
		}
		s.bands[b] = openEF(sec.data[at:at+size], m, s.idxBits)
		s.bands[b].sec, s.bands[b].base = sec, at
		at += size
	}
	if at != len(sec.data) {
		return corruptf(s.name, sec.off+int64(at), "%d bytes after the band tables", len(sec.data)-at)
	}
	return nil
}

// findAll calls fn with each document under each band's key fingerprint,
// fps[b] for band b: candidates in band order. The bands' lookups go stage
// by stage — every band's sample, then every band's upper words, then
// every band's entries — so that their cache misses overlap rather than
// follow one another.
func (s *Reader) FindAll(fps []uint32, fn func(idx uint32)) error {
	type probe struct {
		t      *efTable
		b      int
		fp     uint32
		h      int
		z, pos int // zero sampled, then the start of the run
		rest   int // zeros still to pass after z
	}
	var buf [32]probe
	probes := buf[:0]
	for b, fp := range fps[:min(len(fps), s.nb)] {
		t := &s.bands[b]
		if t.n == 0 || fp >= 1<<FPBits {
			continue
		}
		p := probe{t: t, b: b, fp: fp, h: int(uint64(fp) >> t.l), z: -1}
		if p.h > 0 {
			k := p.h - 1
			var err error
			if p.z, err = t.sample(k / efSample); err != nil {
				return s.bandErr(b, err)
			}
			p.rest = k % efSample
		}
		probes = append(probes, p)
	}
	for i := range probes {
		p := &probes[i]
		if p.rest > 0 {
			var err error
			if p.z, err = p.t.select0From(p.z, p.rest); err != nil {
				return s.bandErr(p.b, err)
			}
		}
		p.pos = p.z + 1
	}
	var bad error
	emit := func(idx uint32) {
		if int(idx) >= s.n {
			bad = corruptf(s.name, s.sec[secBands-1].off, "a band table names document %d of %d", idx, s.n)
			return
		}
		if bad == nil {
			fn(idx)
		}
	}
	for i := range probes {
		p := &probes[i]
		if err := p.t.scan(p.fp, p.pos, p.pos-p.h, emit); err != nil {
			return s.bandErr(p.b, err)
		}
		if bad != nil {
			return bad
		}
	}
	return nil
}

// bandErr describes an error of reading band table b.
func (s *Reader) bandErr(b int, err error) error {
	if errors.Is(err, ErrCorrupt) {
		return err
	}
	return corruptf(s.name, s.sec[secBands-1].off+int64(s.bands[b].base), "band %d: %v", b, err)
}

// find calls fn with each document under band b's key fingerprint fp.
func (s *Reader) Find(b int, fp uint32, fn func(idx uint32)) error {
	fps := make([]uint32, s.nb)
	for i := range fps {
		fps[i] = 1 << FPBits // no lookup
	}
	fps[b] = fp
	return s.FindAll(fps, fn)
}

// sig returns document idx's signature words (appended to words[:0]) and
// cardinality.
func (s *Reader) Signature(idx uint32, words []uint64) ([]uint64, uint32, error) {
	w, err := s.sec[secSigs-1].bytes(int(idx)*s.wpd*8, s.wpd*8)
	if err != nil {
		return nil, 0, err
	}
	c, err := s.sec[secCards-1].bytes(int(idx)*4, 4)
	if err != nil {
		return nil, 0, err
	}
	words = words[:0]
	for i := range s.wpd {
		words = append(words, binary.LittleEndian.Uint64(w[8*i:]))
	}
	return words, binary.LittleEndian.Uint32(c), nil
}

// Meta is what a segment keeps of a document besides its signature.
type Meta struct{ ID, URL, Date string }

// BlockDocs decodes block blk of the metadata.
func (s *Reader) MetaBlock(blk int) ([]Meta, error) {
	sec := &s.sec[secMeta-1]
	e, err := sec.bytes(s.metaAt+12*blk, 12)
	if err != nil {
		return nil, err
	}
	off, length := binary.LittleEndian.Uint64(e), uint64(binary.LittleEndian.Uint32(e[8:]))
	if off > uint64(s.metaAt) || length > uint64(s.metaAt)-off {
		return nil, corruptf(s.name, sec.off+int64(s.metaAt+12*blk), "metadata block %d out of its section", blk)
	}
	z, err := sec.bytes(int(off), int(length))
	if err != nil {
		return nil, err
	}
	bp := rawPool.Get().(*[]byte)
	defer rawPool.Put(bp)
	raw, err := zdec.DecodeAll(z, (*bp)[:0])
	if err != nil {
		return nil, corruptf(s.name, sec.off+int64(off), "metadata block %d: %v", blk, err)
	}
	*bp = raw
	out := make([]Meta, min(BlockDocs, s.n-blk*BlockDocs))
	// One string holds the block; the fields are slices of it.
	all := string(raw)
	pos := 0
	for i := range out {
		var f [3]string
		for j := range f {
			l, k := binary.Uvarint(raw[pos:])
			if k <= 0 || l > uint64(len(raw)-pos-k) {
				return nil, corruptf(s.name, sec.off+int64(off), "metadata block %d, document %d", blk, i)
			}
			pos += k
			f[j] = all[pos : pos+int(l)]
			pos += int(l)
		}
		out[i] = Meta{f[0], f[1], f[2]}
	}
	raw = raw[pos:]
	if len(raw) != 0 {
		return nil, corruptf(s.name, sec.off+int64(off), "metadata block %d has %d stray bytes", blk, len(raw))
	}
	return out, nil
}

// verify checks every chunk of every section and the consistency of the
// band tables and metadata.
func (s *Reader) Verify() error {
	for i := range s.sec {
		if err := s.sec[i].ensure(0, len(s.sec[i].data)); err != nil {
			return err
		}
	}
	seen := make([]uint64, (s.n+63)/64)
	for b := range s.bands {
		t := &s.bands[b]
		clear(seen)
		var prev uint64
		first, bad := true, false
		ok := t.each(func(fp, idx uint32) {
			e := uint64(fp)<<32 | uint64(idx)
			// A band names a document once; the passage table once
			// per key, sorted.
			once := b != s.pb && seen[idx/64]&(1<<(idx%64)) != 0
			if int(idx) >= s.n || once || (!first && e < prev) {
				bad = true
				return
			}
			seen[idx/64] |= 1 << (idx % 64)
			prev, first = e, false
		})
		if !ok || bad || t.validate() != nil {
			return corruptf(s.name, t.sec.off+int64(t.base), "band %d is not a sorted table of distinct entries", b)
		}
	}
	// The ids: the hashes of the metadata's ids, sorted (ties in document
	// order), each document named once. pos maps a document to its entry,
	// so that the metadata is read once, in order, and the check costs 4
	// bytes a document (a map of the hashes cost 120 and took 15 s at ten
	// million documents).
	ids := &s.sec[secIDs-1]
	var pos []uint32
	if ids.data != nil {
		pos = make([]uint32, s.n)
		for i := range pos {
			pos[i] = ^uint32(0)
		}
		var prev uint64
		var prevIdx uint32
		for i := range s.n {
			h := binary.LittleEndian.Uint64(ids.data[8*i:])
			idx := binary.LittleEndian.Uint32(ids.data[8*s.n+4*i:])
			if int(idx) >= s.n || pos[idx] != ^uint32(0) || i > 0 && (h < prev || h == prev && idx < prevIdx) {
				return corruptf(s.name, ids.off+int64(8*i), "id entry %d of %d does not match the metadata", i, s.n)
			}
			pos[idx], prev, prevIdx = uint32(i), h, idx
		}
	}
	for blk := range s.MetaBlocks() {
		ms, err := s.MetaBlock(blk)
		if err != nil {
			return err
		}
		if pos == nil {
			continue
		}
		for j, m := range ms {
			if blk*BlockDocs+j >= s.n {
				return corruptf(s.name, ids.off, "metadata of more than %d documents", s.n)
			}
			i := int(pos[blk*BlockDocs+j])
			if binary.LittleEndian.Uint64(ids.data[8*i:]) != IDHash(m.ID) {
				return corruptf(s.name, ids.off+int64(8*i), "id entry %d of %d does not match the metadata", i, s.n)
			}
		}
	}
	if sec := &s.sec[secSets-1]; sec.data != nil {
		// The sets tile the section before their offsets: each begins
		// where the one before ends, the first at 0, the last ends at the
		// offsets.
		e, err := sec.bytes(s.setsAt, 8*(s.n+1))
		if err != nil {
			return err
		}
		for i := range s.n + 1 {
			want := uint64(0)
			if i == s.n {
				want = uint64(s.setsAt)
			}
			at := binary.LittleEndian.Uint64(e[8*i:])
			if i > 0 && i < s.n {
				want = max(at, binary.LittleEndian.Uint64(e[8*(i-1):]))
			}
			if at != want {
				return corruptf(s.name, sec.off+int64(s.setsAt)+8*int64(i), "set offset %d of %d: %d", i, s.n, at)
			}
		}
	}
	for idx := range uint32(s.n) {
		set, err := s.Set(idx)
		if err == nil && set != nil {
			if rd, e := NewSetReader(set); e != nil {
				err = e
			} else {
				err = rd.Each(func(uint64) {})
			}
			if err != nil && !errors.Is(err, ErrCorrupt) {
				err = corruptf(s.name, s.sec[secSets-1].off, "document %d: %v", idx, err)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Close unmaps the segment, if OpenFile mapped it.
func (s *Reader) Close() error {
	if s.unmap == nil {
		return nil
	}
	err := s.unmap()
	s.unmap = nil
	return err
}

// Name returns the name the segment was opened under.
func (s *Reader) Name() string { return s.name }

// Len returns the number of documents.
func (s *Reader) Len() int { return s.n }

// First returns the number of the first document: the index numbers its
// documents in the order they were added, and a segment holds a run of
// them, document idx being number First()+idx.
func (s *Reader) First() uint64 { return s.first }

// Version returns the file's format version.
func (s *Reader) Version() uint32 { return s.version }

// HasSets reports whether the segment keeps shingle sets: not one of
// version 1, nor one written without them.
func (s *Reader) HasSets() bool { return s.sec[secSets-1].data != nil }

// Sizes are the bytes of a segment file, in all and by what they hold.
type Sizes struct {
	File, Signatures, Cards, Bands, Metadata, Sets, IDs, Checksums int64
}

// Sizes returns the bytes of the file.
func (s *Reader) Sizes() Sizes {
	z := Sizes{
		File:       int64(len(s.data)),
		Signatures: int64(len(s.sec[secSigs-1].data)),
		Cards:      int64(len(s.sec[secCards-1].data)),
		Bands:      int64(len(s.sec[secBands-1].data)),
		Metadata:   int64(len(s.sec[secMeta-1].data)),
		Sets:       int64(len(s.sec[secSets-1].data)),
		IDs:        int64(len(s.sec[secIDs-1].data)),
	}
	for i := range s.sec {
		z.Checksums += int64(len(s.sec[i].sums))
	}
	return z
}

// EachBandEntry calls fn with each entry of band table b — a key
// fingerprint and a document — in the table's order (fingerprint, then
// document), after checking the whole band section: for a merge, which
// carries the tables over without the keys.
func (s *Reader) EachBandEntry(b int, fn func(fp, idx uint32)) error {
	sec := &s.sec[secBands-1]
	if err := sec.ensure(0, len(sec.data)); err != nil {
		return err
	}
	if b < 0 || b >= s.nb {
		return fmt.Errorf("segment: band %d of %d", b, s.nb)
	}
	var bad error
	ok := s.bands[b].each(func(fp, idx uint32) {
		if int(idx) >= s.n {
			bad = corruptf(s.name, sec.off+int64(s.bands[b].base), "band %d names document %d of %d", b, idx, s.n)
		}
		if bad == nil {
			fn(fp, idx)
		}
	})
	if bad != nil {
		return bad
	}
	if !ok {
		return corruptf(s.name, sec.off+int64(s.bands[b].base), "band %d is inconsistent", b)
	}
	return nil
}

// Section is where one section of a segment file lies.
type Section struct {
	Kind   int    // 1 to 6, in file order
	Name   string // what it holds
	Offset int64  // of its first byte in the file
	Length int64  // its bytes, not counting the chunk checksums after them
}

var sectionNames = [numSections]string{"signatures", "cardinalities", "bands", "metadata", "sets", "ids"}

// Sections returns the layout of the file's sections, in file order, for
// tools that inspect or repair files.
func (s *Reader) Sections() []Section {
	out := make([]Section, sectionsOf(s.version))
	for i := range out {
		out[i] = Section{Kind: i + 1, Name: sectionNames[i], Offset: s.sec[i].off, Length: int64(len(s.sec[i].data))}
	}
	return out
}
