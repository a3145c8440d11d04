package scan

import (
	"encoding/binary"
	"fmt"
	"os"
	"slices"
	"sort"
)

// setStore keeps every document's shingle set and opening for the exact
// pass, in the order the documents are numbered: in memory up to a
// budget, the rest in a temporary file. The exact pass then reads no
// input again and holds no document's set longer than its pairs need.
//
// A set is kept as 32-bit fingerprints — the top half of each shingle
// hash — sorted and distinct, followed by the opening's fingerprints in
// the opening's order (repeats kept, as OpeningInside counts them). Each
// document's record is its set's length, its set, its opening, as
// little-endian uint32s. Two distinct shingles share a fingerprint with
// probability 2⁻³², so a pair of 5,000-shingle documents gains a shingle
// in common that they do not share once in 170 pairs: the exact values
// are exact but for that (4 bytes a shingle instead of 8).
type setStore struct {
	limit int64  // bytes of records kept in memory
	dir   string // where the spill file goes ("" for the system's)
	mem   int64
	// start[doc] is the position (in uint32s) of doc's record; records
	// are contiguous, so doc's ends at start[doc+1].
	start  []uint64
	chunks []setChunk
	cur    []uint32 // the chunk being filled, at position next-len(cur)
	next   uint64
	grown  int // the largest chunk made so far, up to setChunkLen
	// The spill file, unlinked once created where the system allows it.
	f      *os.File
	name   string
	linked bool
	size   int64
	buf    []byte // scratch of get
}

// setChunk is a run of records from position base: in memory (data), or
// at off in the spill file (n uint32s).
type setChunk struct {
	base uint64
	data []uint32
	off  int64
	n    int
}

// A chunk holds setChunkLen uint32s, or one record if longer; the first
// ones are smaller (setMinChunk and doubling), for small scans.
const (
	setChunkLen = 1 << 20
	setMinChunk = 1 << 14
)

func newSetStore(limit int64, dir string) *setStore {
	return &setStore{limit: limit, dir: dir, start: []uint64{0}}
}

// docs is the number of documents added.
func (s *setStore) docs() int { return len(s.start) - 1 }

// appendSetRecord appends the record of a document's set (see setStore) to
// dst; scratch is reused and returned. The scan's workers make the records
// (sorting is most of the cost), the collector only copies them.
func appendSetRecord(dst []uint32, sorter *hashSorter, scratch, hashes, lead []uint64) ([]uint32, []uint64) {
	scratch = append(scratch[:0], hashes...)
	sorter.sort(scratch) // by the top half first: the fingerprints' order
	at := len(dst)
	dst = append(dst, 0)
	for i, h := range scratch {
		if fp := uint32(h >> 32); i == 0 || fp != dst[len(dst)-1] {
			dst = append(dst, fp)
		}
	}
	dst[at] = uint32(len(dst) - at - 1)
	for _, h := range lead {
		dst = append(dst, uint32(h>>32))
	}
	return dst, scratch
}

// addRecord keeps doc's set record (appendSetRecord). Documents are added
// in their order, from 0; a document skipped has an empty set.
func (s *setStore) addRecord(doc uint32, rec []uint32) error {
	for uint32(s.docs()) < doc {
		s.start = append(s.start, s.next)
	}
	if uint32(s.docs()) != doc {
		return fmt.Errorf("exact pass: document %d added after %d", doc, s.docs()-1)
	}
	n := len(rec)
	if len(s.cur)+n > cap(s.cur) {
		if err := s.seal(); err != nil {
			return err
		}
		if c := min(max(2*cap(s.cur), 2*s.grown, setMinChunk), setChunkLen); c < n || cap(s.cur) < c {
			s.cur = make([]uint32, 0, max(c, n))
			s.grown = max(s.grown, c)
		}
	}
	s.cur = append(s.cur, rec...)
	s.next += uint64(n)
	s.start = append(s.start, s.next)
	return nil
}

// seal ends the chunk being filled: kept in memory if the budget allows,
// else written to the spill file (and its buffer reused).
func (s *setStore) seal() error {
	if len(s.cur) == 0 {
		return nil
	}
	c := setChunk{base: s.next - uint64(len(s.cur)), n: len(s.cur), off: -1}
	if bytes := 4 * int64(cap(s.cur)); s.f == nil && s.mem+bytes <= s.limit {
		s.mem += bytes
		c.data = s.cur
		s.chunks = append(s.chunks, c)
		s.cur = nil
		return nil
	}
	if s.f == nil {
		f, err := os.CreateTemp(s.dir, "mimeo-sets-*")
		if err != nil {
			return fmt.Errorf("exact pass: %w", err)
		}
		s.f, s.name = f, f.Name()
		s.linked = os.Remove(s.name) != nil // kept only where it cannot go now
	}
	s.buf = slices.Grow(s.buf[:0], 4*len(s.cur))
	for _, v := range s.cur {
		s.buf = binary.LittleEndian.AppendUint32(s.buf, v)
	}
	if _, err := s.f.WriteAt(s.buf, s.size); err != nil {
		return fmt.Errorf("exact pass: %w", err)
	}
	c.off = s.size
	s.size += int64(len(s.buf))
	s.chunks = append(s.chunks, c)
	s.cur = s.cur[:0]
	return nil
}

// finish seals the last chunk and lets the buffer go: get may be called
// once it has.
func (s *setStore) finish() error {
	err := s.seal()
	s.cur = nil
	return err
}

// get returns doc's set and opening as ResolveSets takes them (the
// fingerprints widened to 64 bits), in set and lead's storage.
func (s *setStore) get(doc uint32, set, lead []uint64) ([]uint64, []uint64, error) {
	return s.getBuf(doc, set, lead, &s.buf)
}

// getBuf is get with its own scratch for the spill file's bytes: callers
// with their own buffers may call it concurrently once finish has run.
func (s *setStore) getBuf(doc uint32, set, lead []uint64, buf *[]byte) ([]uint64, []uint64, error) {
	set, lead = set[:0], lead[:0]
	if int(doc) >= s.docs() {
		return set, lead, nil
	}
	from, to := s.start[doc], s.start[doc+1]
	if from == to {
		return set, lead, nil
	}
	k := sort.Search(len(s.chunks), func(i int) bool { return s.chunks[i].base > from }) - 1
	c := s.chunks[k]
	i, n := int(from-c.base), int(to-from)
	var rec []uint32
	if c.data != nil {
		rec = c.data[i : i+n]
	} else {
		b := slices.Grow((*buf)[:0], 4*n)[:4*n]
		*buf = b
		if _, err := s.f.ReadAt(b, c.off+4*int64(i)); err != nil {
			return set, lead, fmt.Errorf("exact pass: reading %s: %w", s.name, err)
		}
		for j := range n {
			set = append(set, uint64(binary.LittleEndian.Uint32(b[4*j:])))
		}
		m := int(set[0])
		lead = append(lead, set[1+m:]...)
		return append(set[:0], set[1:1+m]...), lead, nil
	}
	m := int(rec[0])
	for _, v := range rec[1 : 1+m] {
		set = append(set, uint64(v))
	}
	for _, v := range rec[1+m:] {
		lead = append(lead, uint64(v))
	}
	return set, lead, nil
}

// inMemory and onDisk are the bytes the records take in each.
func (s *setStore) inMemory() int64 { return s.mem }
func (s *setStore) onDisk() int64   { return s.size }

// close releases the spill file.
func (s *setStore) close() {
	if s.f != nil {
		s.f.Close()
		if s.linked {
			os.Remove(s.name)
		}
		s.f = nil
	}
	s.chunks, s.cur = nil, nil
}
