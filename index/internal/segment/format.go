// Package segment reads and writes the index's segment files: immutable,
// checksummed files that hold a run of documents' b-bit signatures and
// cardinalities, their LSH band tables (Elias–Fano coded key fingerprints),
// their metadata (zstd blocks), their shingle sets (Golomb–Rice coded
// fingerprints) and a table of their ids. index/FORMAT.md describes the
// layout byte by byte.
//
// A Writer takes the documents one section at a time, in the order of the
// file — every signature, then the band tables, then every document's
// metadata, then every set — and Finish writes the header and directory
// and syncs the file. A Reader opens a file held in memory (OpenFile maps
// it), checks its header and directory, and checks each 4 KiB chunk of a
// section the first time a read touches it; Verify checks everything. The
// package knows nothing of manifests, memtables or matching: that is the
// index's.
package segment

import (
	"errors"
	"fmt"
	"hash/crc32"

	"github.com/cespare/xxhash/v2"
)

// Errors of reading a segment. The index reports them as its own.
var (
	// ErrCorrupt reports a file whose checksum does not match or whose
	// structure is inconsistent.
	ErrCorrupt = errors.New("index: corrupt file")
	// ErrBadMagic reports a file that is not an index file.
	ErrBadMagic = errors.New("index: not an index file")
	// ErrVersion reports a file of a format version this package cannot read.
	ErrVersion = errors.New("index: unsupported format version")
)

// Format versions.
const (
	// V1: b-bit signatures, cardinalities, Elias–Fano band tables, zstd
	// metadata blocks; CRC-32C per 4 KiB chunk of every section.
	V1 = 1
	// V2 adds a fifth section: the documents' shingle sets.
	V2 = 2
	// V3 adds a sixth: the documents' id hashes, sorted, to find a
	// document by its id.
	V3 = 3
	// Current is the version a Writer writes unless told otherwise.
	Current = V3
)

const (
	// Magic begins every segment file, also one a crash left unfinished.
	Magic = "MIMEOSEG"
	// BlockDocs is the number of documents of a metadata block (the last
	// block may hold fewer).
	BlockDocs = 16
	// MaxDocs bounds a segment so that its band tables can hold every
	// document (see FPBits).
	MaxDocs = 1 << FPBits

	headerLen   = 64
	dirEntryLen = 24
	chunkShift  = 12
	chunkSize   = 1 << chunkShift
)

// Section kinds, in file order.
const (
	secSigs = 1 + iota
	secCards
	secBands
	secMeta
	secSets     // version 2
	secIDs      // version 3
	numSections = secIDs
)

// sectionsOf returns the number of sections of a segment version.
func sectionsOf(version uint32) int {
	switch version {
	case V1:
		return secMeta
	case V2:
		return secSets
	}
	return secIDs
}

// Params are what a segment's reader must know that the file does not
// say, and its writer what it writes: they come from the index's options.
type Params struct {
	Words int // signature words (uint64) per document
	Bands int // band tables, the passage table included
	// PassageBand is the band table of passage keys, which may name a
	// document up to MaxPassages times; -1 if none.
	PassageBand int
	MaxPassages int
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func crc(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }

// IDHash is the hash of a document id by which the ids section, and the
// index's deletions, find it.
func IDHash(id string) uint64 { return xxhash.Sum64String(id) }

func corruptf(name string, off int64, format string, args ...any) error {
	return fmt.Errorf("%w: %s: offset %d: %s", ErrCorrupt, name, off, fmt.Sprintf(format, args...))
}
