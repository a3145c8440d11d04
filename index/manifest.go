package index

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/mimeo-dedup/mimeo/shingle"
)

const (
	manifestMagic = "MIMEOIDX"
	// manifestV1: recipe, matching options, segments, deletions.
	manifestV1   = 1
	manifestName = "MANIFEST"
)

// ErrRecipe reports an index opened with other settings than it was
// built with.
var ErrRecipe = errors.New("index: the index was built with another recipe")

type segInfo struct {
	number, docs, first uint64
}

// tombstone deletes the documents whose id hashes to id and whose number
// is below below: those added before the Delete.
type tombstone struct{ id, below uint64 }

type manifest struct {
	opt     DedupOptions // defaults filled in
	nextSeg uint64       // number of the next segment file
	nextDoc uint64       // number of the next document
	segs    []segInfo
	tombs   []tombstone // sorted by id
}

func (m *manifest) encode() []byte {
	o := m.opt
	var b []byte
	u := func(x uint64) { b = binary.AppendUvarint(b, x) }
	flag := func(v bool) {
		if v {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	u(uint64(o.Recipe.Shingle.Kind))
	u(uint64(o.Recipe.Shingle.N))
	b = binary.LittleEndian.AppendUint64(b, o.Recipe.Shingle.Seed)
	flag(o.Recipe.Shingle.FoldDigits)
	flag(o.Recipe.Shingle.StripDiacritics)
	u(uint64(o.Recipe.K))
	b = binary.LittleEndian.AppendUint64(b, o.Recipe.Seed)
	lb := o.LeadBanding()
	for _, x := range []int{
		int(math.Round(o.Jaccard * 1e6)), int(math.Round(o.Containment*1e6)) + 1e6, o.MinContained, o.Bits,
		o.Banding.Bands, o.Banding.Rows, o.LeadShingles + 1, o.LeadK, lb.Bands, lb.Rows, o.MinLineWords + 1, o.MinContentWords, o.KeyCap,
	} {
		u(uint64(x))
	}
	u(m.nextSeg)
	u(m.nextDoc)
	u(uint64(len(m.segs)))
	for _, s := range m.segs {
		u(s.number)
		u(s.docs)
		u(s.first)
	}
	u(uint64(len(m.tombs)))
	for _, t := range m.tombs {
		b = binary.LittleEndian.AppendUint64(b, t.id)
		u(t.below)
	}
	out := make([]byte, 16, 16+len(b)+4)
	copy(out, manifestMagic)
	binary.LittleEndian.PutUint32(out[8:], manifestV1)
	binary.LittleEndian.PutUint32(out[12:], uint32(len(b)))
	out = append(out, b...)
	return binary.LittleEndian.AppendUint32(out, crc(out))
}

func decodeManifest(name string, data []byte) (*manifest, error) {
	le := binary.LittleEndian
	if len(data) < 8 || string(data[:8]) != manifestMagic {
		return nil, fmt.Errorf("%w: %s", ErrBadMagic, name)
	}
	if len(data) < 20 {
		return nil, corruptf(name, 0, "truncated")
	}
	l := int(le.Uint32(data[12:]))
	if l != len(data)-20 {
		return nil, corruptf(name, 12, "body length %d in a file of %d bytes", l, len(data))
	}
	if crc(data[:16+l]) != le.Uint32(data[16+l:]) {
		return nil, corruptf(name, int64(16+l), "checksum mismatch")
	}
	if v := le.Uint32(data[8:]); v != manifestV1 {
		return nil, fmt.Errorf("%w: %s: version %d", ErrVersion, name, v)
	}
	b := data[16 : 16+l]
	bad := false
	u := func() uint64 {
		x, n := binary.Uvarint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return x
	}
	u64 := func() uint64 {
		if len(b) < 8 {
			bad = true
			return 0
		}
		x := le.Uint64(b)
		b = b[8:]
		return x
	}
	flag := func() bool {
		if len(b) < 1 {
			bad = true
			return false
		}
		x := b[0]
		b = b[1:]
		return x == 1
	}
	m := &manifest{}
	o := &m.opt
	o.Recipe.Shingle.Kind = shingle.Kind(u())
	o.Recipe.Shingle.N = int(u())
	o.Recipe.Shingle.Seed = u64()
	o.Recipe.Shingle.FoldDigits = flag()
	o.Recipe.Shingle.StripDiacritics = flag()
	o.Recipe.K = int(u())
	o.Recipe.Seed = u64()
	vals := make([]int, 13)
	for i := range vals {
		vals[i] = int(u())
	}
	o.Jaccard, o.Containment = float64(vals[0])/1e6, float64(vals[1]-1e6)/1e6
	o.MinContained, o.Bits = vals[2], vals[3]
	o.Banding = Banding{vals[4], vals[5]}
	o.LeadShingles, o.LeadK = vals[6]-1, vals[7]
	o.MinLineWords, o.MinContentWords = vals[10]-1, vals[11]
	o.KeyCap = vals[12]
	m.nextSeg = u()
	m.nextDoc = u()
	ns := u()
	if ns > uint64(len(b)) {
		return nil, corruptf(name, 16, "%d segments", ns)
	}
	for range ns {
		m.segs = append(m.segs, segInfo{number: u(), docs: u(), first: u()})
	}
	nt := u()
	if nt > uint64(len(b))/9 {
		return nil, corruptf(name, 16, "%d deletions", nt)
	}
	for range nt {
		m.tombs = append(m.tombs, tombstone{id: u64(), below: u()})
	}
	if bad || len(b) != 0 {
		return nil, corruptf(name, 16, "malformed body")
	}
	// Segments hold increasing, disjoint ranges of document numbers
	// below nextDoc, in files numbered below nextSeg.
	var end uint64
	numbers := make(map[uint64]bool, len(m.segs))
	for _, s := range m.segs {
		if s.first < end || s.docs > maxSegmentDocs || s.number >= m.nextSeg || numbers[s.number] {
			return nil, corruptf(name, 16, "segment %d is out of order", s.number)
		}
		numbers[s.number] = true
		end = s.first + s.docs
	}
	if end > m.nextDoc || !slices.IsSortedFunc(m.tombs, func(a, b tombstone) int { return cmp.Compare(a.id, b.id) }) {
		return nil, corruptf(name, 16, "inconsistent document numbers or deletions")
	}
	return m, nil
}

// writeFileSync writes data to dir/name through a temporary file, fsyncs
// it, renames it into place and fsyncs the directory.
func writeFileSync(dir, name string, data []byte) error {
	tmp := filepath.Join(dir, name+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func segmentName(number uint64) string { return fmt.Sprintf("seg-%06d.mms", number) }

func appendU64(b []byte, v uint64) []byte     { return binary.LittleEndian.AppendUint64(b, v) }
func appendU32(b []byte, v uint32) []byte     { return binary.LittleEndian.AppendUint32(b, v) }
func appendUvarint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }
