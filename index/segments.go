package index

import (
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"

	"github.com/mimeo-dedup/mimeo/index/internal/segment"
)

// Errors of reading an index's files.
var (
	// ErrCorrupt reports a file whose checksum does not match or whose
	// structure is inconsistent.
	ErrCorrupt = segment.ErrCorrupt
	// ErrBadMagic reports a file that is not an index file.
	ErrBadMagic = segment.ErrBadMagic
	// ErrVersion reports a file of a format version this package cannot read.
	ErrVersion = segment.ErrVersion
)

// docMeta is what a segment keeps of a document besides its signature.
type docMeta = segment.Meta

const (
	metaBlock      = segment.BlockDocs
	fpBits         = segment.FPBits
	maxSegmentDocs = segment.MaxDocs
)

// fingerprint reduces a 64-bit band key to the fpBits a segment's band
// tables keep.
func fingerprint(key uint64) uint32 { return segment.Fingerprint(key) }

// idHash is the hash of a document id kept by deletions and the ids
// tables.
func idHash(id string) uint64 { return segment.IDHash(id) }

// segFile is an open segment of the index: its file's reader and its
// number in the manifest.
type segFile struct {
	*segment.Reader
	number uint64
}

// segParams are the segments' parameters under the index's options.
func (x *Index) segParams() segment.Params {
	return segment.Params{Words: x.wpd, Bands: x.nBands, PassageBand: x.pb, MaxPassages: maxPassages}
}

func (x *Index) openSegmentFile(number uint64) (*segFile, error) {
	r, err := segment.OpenFile(filepath.Join(x.dir, segmentName(number)), x.segParams())
	if err != nil {
		if errors.Is(err, ErrBadMagic) {
			// The manifest names this file as a segment.
			err = fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		return nil, err
	}
	return &segFile{Reader: r, number: number}, nil
}

// segmentVersion is the format of the segments the index writes.
func (x *Index) segmentVersion() uint32 {
	if x.segVersion != 0 {
		return x.segVersion
	}
	return segment.Current
}

// segSource supplies the content of a segment to writeSegment, a section
// at a time.
type segSource struct {
	n     int
	first uint64
	// sigs calls add with the documents' signature words and
	// cardinalities, in document order, as many at a time as it likes.
	sigs func(add func(words []uint64, cards []uint32)) error
	// band appends band b's entries (fingerprint<<32 | index) to
	// entries[:0].
	band func(b int, entries []uint64) ([]uint64, error)
	// byIndex: band returns the entries in increasing index order, so
	// that sorting them by fingerprint alone orders them fully.
	byIndex bool
	meta    func(fn func(docMeta) error) error // calls fn with each document's metadata
	sets    func(fn func(set []byte)) error    // calls fn with each document's encoded set (nil: none)
}

// writeMemtable writes mt to segment file number and opens it.
func (x *Index) writeMemtable(mt *memtable, number uint64) (*segFile, error) {
	src := segSource{
		n: mt.len(), first: mt.first, byIndex: true,
		sigs: func(add func([]uint64, []uint32)) error {
			// The two sequences' blocks hold the same documents.
			for i, cards := range mt.cards.blocks {
				add(mt.words.blocks[i], cards)
			}
			return nil
		},
		band: func(b int, entries []uint64) ([]uint64, error) {
			// A log entry is fold32(key)<<32 | index.
			entries = slices.Grow(entries, mt.logs[b].len())
			mt.logs[b].values(func(log []uint64) {
				for _, e := range log {
					entries = append(entries, e>>(64-fpBits)<<32|e&0xFFFFFFFF)
				}
			})
			return entries, nil
		},
		meta: func(fn func(docMeta) error) error {
			var err error
			mt.meta.values(func(metas []docMeta) {
				for _, d := range metas {
					if err == nil {
						err = fn(d)
					}
				}
			})
			return err
		},
		sets: func(fn func([]byte)) error {
			mt.sets.values(func(sets [][]byte) {
				for _, set := range sets {
					fn(set)
				}
			})
			return nil
		},
	}
	return x.writeSegment(number, src)
}

// writeSegment writes segment file number from src, through a temporary
// file, and opens it. It gives up with the error of x.cancelled when the
// flush or compaction is cancelled.
func (x *Index) writeSegment(number uint64, src segSource) (*segFile, error) {
	// A name taken by something the index did not make (a link, someone's
	// file) is passed over for the next number: it is never replaced.
	for range 1000 {
		if err := checkReplace(x.dir, segmentName(number)); !errors.Is(err, errForeign) {
			break
		}
		number = x.takeSegment()
	}
	name := segmentName(number)
	tmp := filepath.Join(x.dir, name+".tmp")
	removeOwnTemp(tmp)
	version := x.segmentVersion()
	w, err := segment.Create(tmp, segment.WriterOptions{
		Params:  x.segParams(),
		Version: version,
		NoSets:  x.opt.Sets < 0 && version >= segment.V3,
		KeyCap:  x.keyCap,
		Docs:    src.n,
	})
	if err != nil {
		return nil, err
	}
	if err := x.fillSegment(w, src); err != nil {
		w.Abort()
		return nil, err
	}
	if err := w.Finish(src.first); err != nil {
		return nil, err
	}
	if err := checkReplace(x.dir, name); err != nil {
		os.Remove(tmp)
		return nil, err
	}
	if err := os.Rename(tmp, filepath.Join(x.dir, name)); err != nil {
		os.Remove(tmp)
		return nil, err
	}
	if err := syncDir(x.dir); err != nil {
		return nil, err
	}
	return x.openSegmentFile(number)
}

// fillSegment gives w the content of src, section by section.
func (x *Index) fillSegment(w *segment.Writer, src segSource) error {
	if err := src.sigs(w.AddSignatures); err != nil {
		return err
	}
	w.AddBands(src.band, src.byIndex)
	count := 0
	err := src.meta(func(d docMeta) error {
		if count%4096 == 0 {
			if err := x.cancelled(); err != nil {
				return err
			}
		}
		count++
		w.AddMeta(d)
		return nil
	})
	if err != nil {
		return err
	}
	if w.HoldsSets() {
		if err := src.sets(w.AddSet); err != nil {
			return err
		}
	}
	if w.Len() != src.n {
		return fmt.Errorf("index: internal error: %d documents written of %d", w.Len(), src.n)
	}
	return nil
}

// mergeSource returns the content of segs, without the documents deleted
// by tombs, as one segment whose first document has number segs[0].first;
// dropped lists the numbers of the documents left out.
func (x *Index) mergeSource(segs []*segFile, tombs map[uint64]uint64) (src segSource, dropped []uint64, err error) {
	// Which documents stay, and their new indexes.
	newIdx := make([][]int32, len(segs))
	n := 0
	for i, s := range segs {
		newIdx[i] = make([]int32, s.Len())
		for blk := range s.MetaBlocks() {
			metas, err := s.MetaBlock(blk)
			if err != nil {
				return src, nil, err
			}
			for j, d := range metas {
				idx := blk*metaBlock + j
				num := s.First() + uint64(idx)
				if below, ok := tombs[idHash(d.ID)]; ok && num < below {
					newIdx[i][idx] = -1
					dropped = append(dropped, num)
					continue
				}
				newIdx[i][idx] = int32(n)
				n++
			}
		}
	}
	src = segSource{
		n: n, first: segs[0].First(),
		sigs: func(add func([]uint64, []uint32)) error {
			var words []uint64
			var card [1]uint32
			for i, s := range segs {
				for idx, ni := range newIdx[i] {
					if ni < 0 {
						continue
					}
					var err error
					if words, card[0], err = s.Signature(uint32(idx), words); err != nil {
						return err
					}
					add(words, card[:])
				}
			}
			return nil
		},
		band: func(b int, entries []uint64) ([]uint64, error) {
			for i, s := range segs {
				err := s.EachBandEntry(b, func(fp, idx uint32) {
					if ni := newIdx[i][idx]; ni >= 0 {
						entries = append(entries, uint64(fp)<<32|uint64(ni))
					}
				})
				if err != nil {
					return nil, err
				}
			}
			return entries, nil
		},
		meta: func(fn func(docMeta) error) error {
			for i, s := range segs {
				for blk := range s.MetaBlocks() {
					metas, err := s.MetaBlock(blk)
					if err != nil {
						return err
					}
					for j, d := range metas {
						if newIdx[i][blk*metaBlock+j] >= 0 {
							if err := fn(d); err != nil {
								return err
							}
						}
					}
				}
			}
			return nil
		},
		sets: func(fn func([]byte)) error {
			for i, s := range segs {
				for idx, ni := range newIdx[i] {
					if ni < 0 {
						continue
					}
					set, err := s.Set(uint32(idx))
					if err != nil {
						return err
					}
					fn(set)
				}
			}
			return nil
		},
	}
	return src, dropped, nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// crc is the checksum of the index's own files (manifest, site model), as
// of the segments' chunks.
func crc(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }

func corruptf(name string, off int64, format string, args ...any) error {
	return fmt.Errorf("%w: %s: offset %d: %s", ErrCorrupt, name, off, fmt.Sprintf(format, args...))
}
