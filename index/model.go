package index

import (
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"slices"
)

// The site model file (index/FORMAT.md): an index's Boilerplate, written
// whole by the Flush that changed it and named by the manifest.
const (
	modelMagic = "MIMEOSBM"
	// modelV1's line keys are hashed as passageKey hashes; modelV2's as
	// lineKey does, in two lanes. The layout is the same. A model read
	// from a version 1 file keeps hashing as it did (Boilerplate.legacy),
	// and is written again as version 1.
	modelV1 = 1
	modelV2 = 2
)

func modelName(number uint64) string { return fmt.Sprintf("sites-%06d.msm", number) }

// encodeModel returns the file of model b.
func encodeModel(b *Boilerplate) []byte {
	le := binary.LittleEndian
	size := 32 + 8*len(b.seenDocs) + 12*len(b.counts) + 8
	for _, fl := range b.bloom.filters {
		size += 8 + 8*len(fl)
	}
	out := make([]byte, 0, size+4)
	out = append(out, modelMagic...)
	version := uint32(modelV2)
	if b.legacy {
		version = modelV1
	}
	out = le.AppendUint32(out, version)
	out = le.AppendUint32(out, uint32(b.minDocs))

	docs := slices.Sorted(maps.Keys(b.seenDocs))
	out = le.AppendUint64(out, uint64(len(docs)))
	for _, k := range docs {
		out = le.AppendUint64(out, k)
	}
	keys := slices.Sorted(maps.Keys(b.counts))
	out = le.AppendUint64(out, uint64(len(keys)))
	for _, k := range keys {
		out = le.AppendUint64(out, k)
		out = le.AppendUint32(out, b.counts[k])
	}
	out = le.AppendUint64(out, uint64(b.bloom.n))
	out = le.AppendUint64(out, uint64(b.bloom.cap))
	out = le.AppendUint32(out, uint32(len(b.bloom.filters)))
	for _, fl := range b.bloom.filters {
		out = le.AppendUint64(out, uint64(len(fl)))
		for _, w := range fl {
			out = le.AppendUint64(out, w)
		}
	}
	return le.AppendUint32(out, crc(out))
}

// decodeModel reads a site model file, every field checked: the checksum
// first, then the counts (each at least 2, as Observe makes them), the
// keys (sorted, distinct) and the Bloom filters (their sizes consistent).
func decodeModel(name string, data []byte) (*Boilerplate, error) {
	le := binary.LittleEndian
	if len(data) < 8 || string(data[:8]) != modelMagic {
		return nil, fmt.Errorf("%w: %s", ErrBadMagic, name)
	}
	if len(data) < 12 {
		return nil, corruptf(name, 0, "truncated")
	}
	version := le.Uint32(data[8:])
	if version != modelV1 && version != modelV2 {
		return nil, fmt.Errorf("%w: %s: version %d (this program reads versions %d and %d)", ErrVersion, name, version, modelV1, modelV2)
	}
	if len(data) < 16+4 {
		return nil, corruptf(name, 0, "truncated")
	}
	body := len(data) - 4
	if crc(data[:body]) != le.Uint32(data[body:]) {
		return nil, corruptf(name, int64(body), "checksum mismatch")
	}
	b := data[12:body]
	off := func() int64 { return int64(body - len(b)) }
	u32 := func() (uint32, bool) {
		if len(b) < 4 {
			return 0, false
		}
		x := le.Uint32(b)
		b = b[4:]
		return x, true
	}
	u64 := func() (uint64, bool) {
		if len(b) < 8 {
			return 0, false
		}
		x := le.Uint64(b)
		b = b[8:]
		return x, true
	}
	// count reads a number of items of size bytes each that must fit in
	// what is left.
	count := func(size int) (int, bool) {
		n, ok := u64()
		if !ok || n > uint64(len(b)/size) {
			return 0, false
		}
		return int(n), true
	}
	truncated := func() error { return corruptf(name, off(), "truncated or malformed") }

	minDocs, ok := u32()
	if !ok || minDocs < 1 || minDocs > maxOption {
		return nil, corruptf(name, 12, "minimum of documents %d", minDocs)
	}
	m := &Boilerplate{minDocs: int(minDocs), legacy: version == modelV1}
	n, ok := count(8)
	if !ok {
		return nil, truncated()
	}
	m.seenDocs = make(map[uint64]struct{}, n)
	var prev uint64
	for i := range n {
		k, _ := u64()
		if i > 0 && k <= prev {
			return nil, corruptf(name, off()-8, "documents out of order")
		}
		m.seenDocs[k], prev = struct{}{}, k
	}
	if n, ok = count(12); !ok {
		return nil, truncated()
	}
	m.counts = make(map[uint64]uint32, n)
	for i := range n {
		k, _ := u64()
		c, _ := u32()
		if i > 0 && k <= prev {
			return nil, corruptf(name, off()-12, "lines out of order")
		}
		if c < 2 || c > uint32(len(m.seenDocs))+1 { // +1: a Bloom false positive
			return nil, corruptf(name, off()-4, "a line counted in %d documents of %d", c, len(m.seenDocs))
		}
		m.counts[k], prev = c, k
	}
	bn, ok1 := u64()
	bcap, ok2 := u64()
	nf, ok3 := u32()
	if !ok1 || !ok2 || !ok3 || bcap == 0 || bcap > math.MaxInt32 || bn > bcap || nf == 0 || uint64(nf) > uint64(len(b)/8) {
		return nil, corruptf(name, off(), "malformed Bloom filter")
	}
	m.bloom.n, m.bloom.cap = int(bn), int(bcap)
	for i := range int(nf) {
		words, ok := count(8)
		if !ok || words == 0 || i == int(nf)-1 && words != (10*int(bcap)+63)/64 {
			return nil, corruptf(name, off(), "malformed Bloom filter")
		}
		fl := make([]uint64, words)
		for j := range fl {
			fl[j], _ = u64()
		}
		m.bloom.filters = append(m.bloom.filters, fl)
	}
	if len(b) != 0 {
		return nil, corruptf(name, off(), "%d bytes after the model", len(b))
	}
	m.rebuildCounted()
	return m, nil
}
