package index

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/mimeo-dedup/mimeo/index/internal/segment"
	"github.com/mimeo-dedup/mimeo/shingle"
)

const (
	manifestMagic = "MIMEOIDX"
	// manifestV1: recipe, matching options, segments, deletions.
	manifestV1 = 1
	// manifestV2 adds the ListRun and Passages options after the key cap
	// (a v1 index was built without the list filter and without passage
	// keys: both -1). With Passages, every segment's last band table holds
	// the passage keys.
	manifestV2 = 2
	// manifestV3 adds the SiteModel option after Passages, and after the
	// deletions the site model file: its number plus one (0: none yet). A
	// v1 or v2 index has no site model (SiteModel -1).
	manifestV3 = 3
	// manifestV4 adds the Sets option after SiteModel. An index of an
	// earlier version has no shingle sets (Sets -1: its segments are of
	// version 1).
	manifestV4   = 4
	manifestName = "MANIFEST"
	lockName     = "LOCK"
)

var (
	// ErrRecipe reports an index opened with other settings than it was
	// built with.
	ErrRecipe = errors.New("index: the index was built with another recipe")
	// ErrNotExist reports a directory that holds no index (or does not
	// exist). errors.Is(err, fs.ErrNotExist) holds for it too.
	ErrNotExist error = notExistError{}
	// ErrExist reports a Create in a directory that holds an index.
	// errors.Is(err, fs.ErrExist) holds for it too.
	ErrExist error = existError{}
)

type notExistError struct{}

func (notExistError) Error() string        { return "index: no index" }
func (notExistError) Is(target error) bool { return target == fs.ErrNotExist }

type existError struct{}

func (existError) Error() string        { return "index: an index exists already" }
func (existError) Is(target error) bool { return target == fs.ErrExist }

// fileKind is what ownFile recognises a directory entry as.
type fileKind uint8

const (
	fileUnknown  fileKind = iota // not a file the index makes: never removed
	fileManifest                 // MANIFEST or its temporary file
	fileLock
	fileSegment // seg-NNNNNN.mms or its temporary file
	fileModel   // sites-NNNNNN.msm or its temporary file
)

// ownFile tells whether the entry e of dir is a file the index makes: by
// its exact name, its type (a regular file) and its first bytes (the
// magic of its kind; a temporary file may also be empty).
func ownFile(dir string, e fs.DirEntry) fileKind {
	if !e.Type().IsRegular() {
		return fileUnknown
	}
	name := e.Name()
	var kind fileKind
	var magic string
	tmp := false
	switch {
	case name == lockName:
		// The index's lock file is empty: one with content is someone's.
		if fi, err := e.Info(); err != nil || fi.Size() != 0 {
			return fileUnknown
		}
		return fileLock
	case name == manifestName:
		kind, magic = fileManifest, manifestMagic
	case name == manifestName+".tmp":
		kind, magic, tmp = fileManifest, manifestMagic, true
	default:
		base, isTmp := strings.CutSuffix(name, ".tmp")
		n, ok := numbered(base, "seg-", ".mms")
		switch {
		case ok && segmentName(n) == base:
			kind, magic, tmp = fileSegment, segment.Magic, isTmp
		default:
			if n, ok = numbered(base, "sites-", ".msm"); !ok || modelName(n) != base {
				return fileUnknown
			}
			kind, magic, tmp = fileModel, modelMagic, isTmp
		}
	}
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return fileUnknown
	}
	defer f.Close()
	head := make([]byte, len(magic))
	n, _ := io.ReadFull(f, head)
	if string(head[:n]) == magic || tmp && n == 0 {
		return kind
	}
	return fileUnknown
}

// numbered returns the number of a file named prefix, six to twenty
// digits, suffix.
func numbered(name, prefix, suffix string) (uint64, bool) {
	digits, ok := strings.CutPrefix(name, prefix)
	digits, ok2 := strings.CutSuffix(digits, suffix)
	if !ok || !ok2 || len(digits) < 6 || len(digits) > 20 {
		return 0, false
	}
	n, err := strconv.ParseUint(digits, 10, 64)
	return n, err == nil
}

type segInfo struct {
	number, docs, first uint64
}

// tombstone deletes the documents whose id hashes to id and whose number
// is below below: those added before the Delete.
type tombstone struct{ id, below uint64 }

type manifest struct {
	opt     Options // defaults filled in
	nextSeg uint64  // number of the next segment file
	nextDoc uint64  // number of the next document
	segs    []segInfo
	tombs   []tombstone // sorted by id
	model   uint64      // the site model file's number plus one; 0: none
}

// The manifest's body is a sequence of fields; each has a name here, so
// that encode and decode list them once, in order.

func (m *manifest) encode() []byte {
	o := m.opt
	var b []byte
	u := func(x uint64) { b = binary.AppendUvarint(b, x) }
	i := func(x int) { u(uint64(x)) }
	u64 := func(x uint64) { b = binary.LittleEndian.AppendUint64(b, x) }
	flag := func(v bool) {
		if v {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	// Recipe.
	i(int(o.Recipe.Shingle.Kind))
	i(o.Recipe.Shingle.N)
	u64(o.Recipe.Shingle.Seed)
	flag(o.Recipe.Shingle.FoldDigits)
	flag(o.Recipe.Shingle.StripDiacritics)
	i(o.Recipe.K)
	u64(o.Recipe.Seed)
	// Matching options; a field that may be negative (-1: disabled) is
	// stored plus one, thresholds in millionths (containment plus 10^6).
	lb := o.LeadBanding()
	i(int(math.Round(o.Jaccard * 1e6)))
	i(int(math.Round(o.Containment*1e6)) + 1e6)
	i(o.MinContained)
	i(o.Bits)
	i(o.Banding.Bands)
	i(o.Banding.Rows)
	i(o.LeadShingles + 1)
	i(o.LeadK)
	i(lb.Bands)
	i(lb.Rows)
	i(o.MinLineWords + 1)
	i(o.MinContentWords)
	i(o.KeyCap)
	i(o.ListRun + 1)   // v2
	i(o.Passages + 1)  // v2
	i(o.SiteModel + 1) // v3
	i(o.Sets + 1)      // v4
	// State.
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
		u64(t.id)
		u(t.below)
	}
	u(m.model) // v3
	out := make([]byte, 16, 16+len(b)+4)
	copy(out, manifestMagic)
	binary.LittleEndian.PutUint32(out[8:], manifestV4)
	binary.LittleEndian.PutUint32(out[12:], uint32(len(b)))
	out = append(out, b...)
	return binary.LittleEndian.AppendUint32(out, crc(out))
}

// maxOption bounds the integer options a manifest may hold, far above any
// sensible value, so that no crafted one overflows an int or sizes an
// allocation.
const maxOption = 1 << 30

// decodeManifest reads a manifest: the magic, then the version (a later
// version may lay out the rest differently), the length and the checksum,
// then the fields, every one of them checked: the options must be valid
// and complete (as the index wrote them, defaults filled in), the
// segments and deletions consistent.
// Bounds on a manifest's next numbers.
const (
	maxSegNumber = 1 << 40
	maxDocNumber = 1 << 56
)

func decodeManifest(name string, data []byte) (*manifest, error) {
	le := binary.LittleEndian
	if len(data) < 8 || string(data[:8]) != manifestMagic {
		return nil, fmt.Errorf("%w: %s", ErrBadMagic, name)
	}
	if len(data) < 12 {
		return nil, corruptf(name, 0, "truncated")
	}
	version := le.Uint32(data[8:])
	if version < manifestV1 || version > manifestV4 {
		return nil, fmt.Errorf("%w: %s: version %d (this program reads versions %d to %d)", ErrVersion, name, version, manifestV1, manifestV4)
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
	// i reads a non-negative int option, less off.
	i := func(off int) int {
		x := u()
		if x > maxOption {
			bad = true
			return 0
		}
		return int(x) - off
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
		if len(b) < 1 || b[0] > 1 {
			bad = true
			return false
		}
		x := b[0]
		b = b[1:]
		return x == 1
	}
	m := &manifest{}
	o := &m.opt
	o.Recipe.Shingle.Kind = shingle.Kind(i(0))
	o.Recipe.Shingle.N = i(0)
	o.Recipe.Shingle.Seed = u64()
	o.Recipe.Shingle.FoldDigits = flag()
	o.Recipe.Shingle.StripDiacritics = flag()
	o.Recipe.K = i(0)
	o.Recipe.Seed = u64()
	o.Jaccard = float64(i(0)) / 1e6
	o.Containment = float64(i(1e6)) / 1e6
	o.MinContained = i(0)
	o.Bits = i(0)
	o.Banding.Bands = i(0)
	o.Banding.Rows = i(0)
	o.LeadShingles = i(1)
	o.LeadK = i(0)
	leadBands, leadRows := i(0), i(0)
	o.MinLineWords = i(1)
	o.MinContentWords = i(0)
	o.KeyCap = i(0)
	o.ListRun, o.Passages = -1, -1 // v1: no list filter, no passages
	if version >= manifestV2 {
		o.ListRun = i(1)
		o.Passages = i(1)
	}
	o.SiteModel, o.Sets = -1, -1 // v1, v2: no site model; before v4 no sets
	if version >= manifestV3 {
		o.SiteModel = i(1)
	}
	if version >= manifestV4 {
		o.Sets = i(1)
	}
	if bad {
		return nil, corruptf(name, 16, "malformed options")
	}
	if o.Banding.Bands < 1 || o.Banding.Rows < 1 {
		// Zero would choose a banding, slowly for a crafted k.
		return nil, corruptf(name, 16, "banding %s", o.Banding)
	}
	// The options as the index wrote them: valid, with the defaults
	// filled in, so that normalising them changes nothing.
	if n, err := o.withDefaults(); err != nil {
		return nil, fmt.Errorf("%w: %s: invalid options: %v", ErrCorrupt, name, err)
	} else if !sameOptions(n, *o) || (Banding{leadBands, leadRows}) != o.LeadBanding() {
		return nil, corruptf(name, 16, "incomplete or inconsistent options: %s", optionsDiff(*o, n, Banding{leadBands, leadRows}))
	}

	m.nextSeg = u()
	m.nextDoc = u()
	if m.nextSeg > maxSegNumber || m.nextDoc > maxDocNumber {
		// Far beyond what an index reaches (a flush a second for 30,000
		// years; 2^56 documents): a crafted number that would wrap.
		return nil, corruptf(name, 16, "next segment %d, next document %d", m.nextSeg, m.nextDoc)
	}
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
	if version >= manifestV3 {
		m.model = u()
	}
	if bad || len(b) != 0 {
		return nil, corruptf(name, 16, "malformed body")
	}
	// Segments hold increasing, disjoint ranges of document numbers
	// below nextDoc, in files numbered below nextSeg.
	var end uint64
	numbers := make(map[uint64]bool, len(m.segs))
	for _, s := range m.segs {
		if s.first < end || s.docs == 0 || s.docs > maxSegmentDocs || s.first > math.MaxUint64-s.docs ||
			s.number >= m.nextSeg || numbers[s.number] {
			return nil, corruptf(name, 16, "segment %d is out of order", s.number)
		}
		numbers[s.number] = true
		end = s.first + s.docs
	}
	if m.model > 0 && (m.opt.SiteModel < 0 || m.model > m.nextSeg || numbers[m.model-1]) {
		return nil, corruptf(name, 16, "site model file %d", m.model-1)
	}
	if end > m.nextDoc || !slices.IsSortedFunc(m.tombs, func(a, b tombstone) int { return cmp.Compare(a.id, b.id) }) {
		return nil, corruptf(name, 16, "inconsistent document numbers or deletions")
	}
	for i := range m.tombs {
		if m.tombs[i].below > m.nextDoc {
			return nil, corruptf(name, 16, "a deletion beyond the documents")
		}
		if i > 0 && m.tombs[i].id == m.tombs[i-1].id {
			return nil, corruptf(name, 16, "a deletion recorded twice")
		}
	}
	return m, nil
}

// writeFileSync writes data to dir/name through a temporary file, fsyncs
// it, renames it into place and fsyncs the directory.
func writeFileSync(dir, name string, data []byte) error {
	tmp := filepath.Join(dir, name+".tmp")
	removeOwnTemp(tmp)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
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
	if err := checkReplace(dir, name); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(dir)
}

// checkReplace refuses to rename a file over dir/name when something that
// is not one of the index's files has that name (a link, a directory,
// someone's file): only a file the index made (by name and first bytes) is
// ever replaced.
func checkReplace(dir, name string) error {
	fi, err := os.Lstat(filepath.Join(dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if ownFile(dir, fs.FileInfoToDirEntry(fi)) == fileUnknown {
		return fmt.Errorf("index: %s: %w", filepath.Join(dir, name), errForeign)
	}
	return nil
}

// errForeign reports a file of the index's naming that the index did not
// make.
var errForeign = errors.New("a file the index did not make has the name it needs; move it away")

// removeOwnTemp removes the temporary file path if it is one of ours, left
// by a crash; the caller then creates it exclusively, so that a file of
// another kind (or a link) in its place is an error, never overwritten.
func removeOwnTemp(path string) {
	fi, err := os.Lstat(path)
	if err != nil {
		return
	}
	if ownFile(filepath.Dir(path), fs.FileInfoToDirEntry(fi)) != fileUnknown {
		os.Remove(path)
	}
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

func appendU32(b []byte, v uint32) []byte { return binary.LittleEndian.AppendUint32(b, v) }

// optionsDiff names the fields in which the options a manifest holds
// differ from what they normalise to (n), and a lead banding that is not
// the one they imply: what a crafted or damaged manifest got wrong.
func optionsDiff(o, n Options, lead Banding) string {
	var diffs []string
	var walk func(path string, a, b reflect.Value)
	walk = func(path string, a, b reflect.Value) {
		if a.Kind() == reflect.Struct {
			for i := range a.NumField() {
				if f := a.Type().Field(i); f.IsExported() {
					walk(strings.TrimPrefix(path+"."+f.Name, "."), a.Field(i), b.Field(i))
				}
			}
			return
		}
		if a.CanInterface() && a.Interface() != b.Interface() {
			diffs = append(diffs, fmt.Sprintf("%s is %v, which stands for %v", path, a.Interface(), b.Interface()))
		}
	}
	walk("", reflect.ValueOf(o), reflect.ValueOf(n))
	if want := o.LeadBanding(); lead != want {
		diffs = append(diffs, fmt.Sprintf("lead banding is %s, want %s", lead, want))
	}
	if len(diffs) == 0 {
		return describe(o)
	}
	return strings.Join(diffs, "; ")
}
