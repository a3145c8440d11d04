package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/index/internal/segment"
	"github.com/mimeo-dedup/mimeo/shingle"
)

// dirNames lists dir's entries.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestOpenNeverCreates: Open and OpenReadOnly of a directory without an
// index fail and change nothing in it; Create is the explicit way.
func TestOpenNeverCreates(t *testing.T) {
	root := t.TempDir()
	empty := filepath.Join(root, "empty")
	os.Mkdir(empty, 0o755)
	someone := filepath.Join(root, "someone")
	os.Mkdir(someone, 0o755)
	os.WriteFile(filepath.Join(someone, "thesis.tex"), []byte("years of work"), 0o644)
	orphans := filepath.Join(root, "orphans")
	os.Mkdir(orphans, 0o755)
	os.WriteFile(filepath.Join(orphans, "seg-000001.mms"), []byte(segment.Magic+"data"), 0o644)

	for _, tc := range []struct {
		name, dir string
		want      error
		msg       string
	}{
		{"missing", filepath.Join(root, "missing"), ErrNotExist, "no such directory"},
		{"empty", empty, ErrNotExist, "directory is empty"},
		{"someone's files", someone, ErrNotExist, "not an index"},
		{"segments without a manifest", orphans, ErrCorrupt, "no MANIFEST"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := os.ReadDir(tc.dir)
			for _, open := range []func() error{
				func() error { _, err := Open(tc.dir, Options{}); return err },
				func() error { _, err := OpenReadOnly(tc.dir); return err },
				func() error { _, err := ReadOptions(tc.dir); return err },
			} {
				err := open()
				if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
					t.Errorf("error %v, want %v saying %q", err, tc.want, tc.msg)
				}
				if tc.want == ErrNotExist && !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("error %v is not fs.ErrNotExist", err)
				}
			}
			after, _ := os.ReadDir(tc.dir)
			if len(after) != len(before) {
				t.Errorf("the directory changed: %d entries, then %d", len(before), len(after))
			}
		})
	}
	// Create and OpenOrCreate refuse a directory holding other files,
	// and the one with orphaned segments.
	for _, dir := range []string{someone, orphans} {
		if _, err := Create(dir, Options{}); err == nil || !strings.Contains(err.Error(), "not empty") {
			t.Errorf("Create(%s): %v", filepath.Base(dir), err)
		}
		if _, err := OpenOrCreate(dir, Options{}); err == nil {
			t.Errorf("OpenOrCreate(%s) succeeded", filepath.Base(dir))
		}
	}
	if names := dirNames(t, someone); !slices.Equal(names, []string{"thesis.tex"}) {
		t.Errorf("someone's directory holds %v", names)
	}
	if names := dirNames(t, orphans); !slices.Equal(names, []string{"seg-000001.mms"}) {
		t.Errorf("the damaged index holds %v", names)
	}
	// Create makes a new index in the empty directory (and in a missing
	// one); a second Create is ErrExist.
	x, err := Create(empty, Options{})
	if err != nil {
		t.Fatal(err)
	}
	x.Close()
	if _, err := Create(empty, Options{}); !errors.Is(err, ErrExist) || !errors.Is(err, fs.ErrExist) {
		t.Errorf("second Create: %v, want ErrExist", err)
	}
	x, err = OpenOrCreate(filepath.Join(root, "new", "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	x.Close()
}

// TestCreateAfterInterruptedCreate: a Create killed before its manifest
// leaves a LOCK file (and maybe a temporary manifest), which the next
// Create accepts.
func TestCreateAfterInterruptedCreate(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "LOCK"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "MANIFEST.tmp"), []byte(manifestMagic), 0o644)
	x, err := Create(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	x.Close()
	if names := dirNames(t, dir); !slices.Equal(names, []string{"LOCK", "MANIFEST"}) {
		t.Errorf("files %v", names)
	}
}

// TestLockIsTheKernels: deleting the LOCK file does not let a second
// writer in, and a LOCK file left behind does not keep the next one out.
func TestLockIsTheKernels(t *testing.T) {
	dir := t.TempDir()
	x, err := Create(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "LOCK")); err != nil {
		t.Fatal(err)
	}
	if y, err := Open(dir, Options{}); !errors.Is(err, ErrLocked) {
		if y != nil {
			y.Close()
		}
		t.Fatalf("second writer after the LOCK file was deleted: %v, want ErrLocked", err)
	}
	x.Close()
	// The LOCK file stays (or is made again) and does not block.
	for range 2 {
		y, err := Open(dir, Options{})
		if err != nil {
			t.Fatalf("writer after the first closed: %v", err)
		}
		y.Close()
	}
	// Readers take no lock.
	x, _ = Open(dir, Options{})
	defer x.Close()
	r, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatalf("reader beside a writer: %v", err)
	}
	r.Close()
}

// TestCloseFailureNamesTheLoss: a Close whose flush fails still closes the
// index, and its error says how many documents were not made durable; the
// index on disk is as of the last Flush.
func TestCloseFailureNamesTheLoss(t *testing.T) {
	c := newStoryCorpus(23, 6, 1)
	base := t.TempDir()
	dir := filepath.Join(base, "idx")
	x, err := Create(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	x.Add(Doc{ID: "durable", Text: c.texts[0]})
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	for i, text := range c.texts[1:4] {
		x.Add(Doc{ID: string(rune('a' + i)), Text: text})
	}
	// The directory moves away and a file takes its name: the flush
	// cannot write its segment.
	moved := filepath.Join(base, "moved")
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, []byte("not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = x.Close()
	if err == nil || !strings.Contains(err.Error(), "without flushing 3 document(s)") {
		t.Fatalf("Close: %v, want an error naming the 3 documents lost", err)
	}
	if err := x.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := x.Query(c.texts[0]); !errors.Is(err, ErrClosed) {
		t.Errorf("Query after the failed Close: %v, want ErrClosed", err)
	}
	os.Remove(dir)
	if err := os.Rename(moved, dir); err != nil {
		t.Fatal(err)
	}
	y, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open after the failed Close: %v", err)
	}
	defer y.Close()
	if st := y.Stats(); st.Documents != 1 {
		t.Errorf("after the failed Close: %+v, want the 1 document flushed", st)
	}
}

// TestCloseFlushes: Close makes what was added durable; Rollback before
// Close discards it.
func TestCloseFlushes(t *testing.T) {
	c := newStoryCorpus(21, 6, 1)
	dir := t.TempDir()
	x, err := Create(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, text := range c.texts[:4] {
		x.Add(Doc{ID: string(rune('a' + i)), Text: text})
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	x, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st := x.Stats(); st.Documents != 4 || st.Pending != 0 {
		t.Fatalf("after Close and Open: %+v, want the 4 documents added", st)
	}
	for _, text := range c.texts[4:] {
		x.Add(Doc{ID: "later", Text: text})
	}
	x.Delete("a")
	if st := x.Stats(); st.Pending != len(c.texts)-4 {
		t.Errorf("%d pending, want %d", st.Pending, len(c.texts)-4)
	}
	if err := x.Rollback(); err != nil {
		t.Fatal(err)
	}
	if st := x.Stats(); st.Documents != 4 || st.Pending != 0 || st.Deletions != 0 {
		t.Errorf("after Rollback: %+v", st)
	}
	x.Close()
	x, _ = Open(dir, Options{})
	defer x.Close()
	if st := x.Stats(); st.Documents != 4 || st.Deletions != 0 {
		t.Errorf("after Rollback, Close and Open: %+v", st)
	}
	if hits, _ := x.Query(c.texts[0]); len(hits) == 0 || hits[0].ID != "a" {
		t.Errorf("the rolled-back deletion of a took effect: %v", hits)
	}
}

// TestSpill: spilled documents are queryable at once, recorded only by the
// next Flush (all at once), and dropped by Rollback or a crash.
func TestSpill(t *testing.T) {
	c := newStoryCorpus(22, 30, 1)
	dir := t.TempDir()
	x, err := Create(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	add := func(from, to int) {
		for i := from; i < to; i++ {
			if err := x.Add(Doc{ID: c.ids[i], Text: c.texts[i]}); err != nil {
				t.Fatal(err)
			}
		}
	}
	durable := func() int {
		r, err := OpenReadOnly(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		return r.Stats().Documents
	}
	add(0, 10)
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	add(10, 20)
	if err := x.Spill(); err != nil {
		t.Fatal(err)
	}
	add(20, 25)
	if err := x.Spill(); err != nil {
		t.Fatal(err)
	}
	if got := durable(); got != 10 {
		t.Errorf("%d durable after spilling, want 10", got)
	}
	if st := x.Stats(); st.InMemory != 0 || st.Pending != 15 || st.Documents != 25 {
		t.Errorf("after spilling: %+v", st)
	}
	if hits, _ := x.Query(c.texts[22]); !slices.Contains(hitIDs(hits), c.ids[22]) {
		t.Errorf("a spilled document is not found: %v", hitIDs(hits))
	}
	if err := x.Rollback(); err != nil {
		t.Fatal(err)
	}
	if st := x.Stats(); st.Documents != 10 || st.Segments != 1 {
		t.Errorf("after Rollback: %+v", st)
	}
	if names := dirNames(t, dir); len(names) != 3 {
		t.Errorf("spilled files left after Rollback: %v", names)
	}
	add(10, 30)
	if err := x.Spill(); err != nil {
		t.Fatal(err)
	}
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	if got := durable(); got != 30 {
		t.Errorf("%d durable after Flush, want 30", got)
	}
	// A writer that spilled and was killed leaves files the manifest
	// does not name: the next writer removes them.
	add(0, 5)
	if err := x.Spill(); err != nil {
		t.Fatal(err)
	}
	x.mu.Lock()
	spilled := x.segs[x.committed].Name()
	x.mu.Unlock()
	data, _ := os.ReadFile(spilled)
	x.Rollback()
	x.Close()
	os.WriteFile(spilled, data, 0o644) // as if the process had died
	y, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	if _, err := os.Stat(spilled); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a spilled segment of a dead writer was kept: %v", err)
	}
}

// TestFlushAllOrNothing: when the tail merge that a Flush does would read
// a damaged segment, the Flush records nothing; the documents stay in
// memory, queryable, and a retry after the repair records them once.
func TestFlushAllOrNothing(t *testing.T) {
	c := newStoryCorpus(23, 20, 1)
	dir := t.TempDir()
	x, err := Create(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 8 {
		x.Add(Doc{ID: c.ids[i], Text: c.texts[i]})
	}
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	sigs := x.segs[0].Sections()[0].Offset
	x.Close()
	seg := filepath.Join(dir, segmentName(1))
	orig, _ := os.ReadFile(seg)
	bad := slices.Clone(orig)
	bad[sigs+16] ^= 0xFF // a signature: read by queries and merges, not by Open
	os.WriteFile(seg, bad, 0o644)
	manifestBefore, _ := os.ReadFile(filepath.Join(dir, manifestName))

	x, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for i := 8; i < 20; i++ { // more than the damaged segment: they merge
		x.Add(Doc{ID: c.ids[i], Text: c.texts[i]})
	}
	for attempt := range 2 {
		if err := x.Flush(); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("attempt %d: Flush over a damaged segment: %v, want ErrCorrupt", attempt, err)
		}
		if now, _ := os.ReadFile(filepath.Join(dir, manifestName)); string(now) != string(manifestBefore) {
			t.Fatal("a failed Flush changed the manifest")
		}
	}
	if hits, _ := x.Query(c.texts[15]); !slices.Contains(hitIDs(hits), c.ids[15]) {
		t.Errorf("a document of the failed Flush is not found: %v", hitIDs(hits))
	}
	os.WriteFile(seg, orig, 0o644) // repaired (the mapping sees the file)
	if err := x.Flush(); err != nil {
		t.Fatalf("Flush after the repair: %v", err)
	}
	if st := x.Stats(); st.Documents != 20 || st.Pending != 0 {
		t.Errorf("after the retry: %+v, want 20 documents, each once", st)
	}
	if err := x.Verify(); err != nil {
		t.Error(err)
	}
}

// TestDestroy removes the index's files and nothing else.
func TestDestroy(t *testing.T) {
	c := newStoryCorpus(24, 4, 1)
	dir := t.TempDir()
	x, _ := Create(dir, Options{})
	for i := range 4 {
		x.Add(Doc{ID: c.ids[i], Text: c.texts[i]})
	}
	x.Flush()
	os.WriteFile(filepath.Join(dir, "README"), []byte("mine"), 0o644)
	if err := x.Destroy(); err != nil {
		t.Fatal(err)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"README"}) {
		t.Errorf("left %v, want only README", names)
	}
}

func TestWalk(t *testing.T) {
	c := newStoryCorpus(25, 40, 1)
	x, _ := Create(t.TempDir(), Options{})
	defer x.Close()
	for i := range 40 {
		x.Add(Doc{ID: c.ids[i], URL: "u" + c.ids[i], Text: c.texts[i]})
		if i == 20 {
			x.Flush()
		}
	}
	x.Delete(c.ids[3])
	var got []string
	if err := x.Walk(func(d Doc) error {
		if d.URL != "u"+d.ID {
			t.Errorf("document %s has URL %s", d.ID, d.URL)
		}
		got = append(got, d.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := slices.Delete(slices.Clone(c.ids[:40]), 3, 4)
	if !slices.Equal(got, want) {
		t.Errorf("walked %v, want %v", got, want)
	}
	stop := errors.New("stop")
	n := 0
	if err := x.Walk(func(Doc) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("Walk returned %v after %d documents, want stop after 1", err, n)
	}
}

// craftManifest returns a manifest of the default options changed by
// edit, with a valid checksum.
func craftManifest(t *testing.T, edit func(*manifest)) []byte {
	t.Helper()
	o, err := Options{}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	m := &manifest{opt: o, nextSeg: 1}
	edit(m)
	return m.encode()
}

// TestManifestValidated: a manifest with a valid checksum but impossible
// contents is ErrCorrupt, never a panic later.
func TestManifestValidated(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edit    func(*manifest)
		mention string // the error names what is wrong
	}{
		{"bits 0", func(m *manifest) { m.opt.Bits = 0 }, ""},
		{"bits 40", func(m *manifest) { m.opt.Bits = 40 }, ""},
		{"k 0", func(m *manifest) { m.opt.Recipe.K = 0 }, "Recipe.K is 0"},
		{"kind 99", func(m *manifest) { m.opt.Recipe.Shingle.Kind = shingle.Kind(99) }, ""},
		{"shingle size 0", func(m *manifest) { m.opt.Recipe.Shingle.N = 0 }, ""},
		{"bands 0", func(m *manifest) { m.opt.Banding.Bands = 0 }, ""},
		{"bands beyond k", func(m *manifest) { m.opt.Banding = Banding{100, 100} }, ""},
		{"jaccard 0", func(m *manifest) { m.opt.Jaccard = 0 }, ""},
		{"site model 0", func(m *manifest) { m.opt.SiteModel = 0 }, ""},
		{"site model file beyond the files", func(m *manifest) { m.model = m.nextSeg + 1 }, ""},
		{"site model file without a model", func(m *manifest) { m.opt.SiteModel = -1; m.model = 1; m.nextSeg = 5 }, ""},
		{"site model file a segment's", func(m *manifest) {
			m.nextSeg, m.nextDoc = 5, 10
			m.segs = []segInfo{{number: 2, docs: 10}}
			m.model = 3
		}, ""},
		{"jaccard 2", func(m *manifest) { m.opt.Jaccard = 2 }, ""},
		{"containment 3", func(m *manifest) { m.opt.Containment = 3 }, ""},
		{"lead k 0", func(m *manifest) { m.opt.LeadK = 0 }, "LeadK is 0"},
		{"lead k huge", func(m *manifest) { m.opt.LeadK = 1 << 29 }, ""},
		{"key cap 0", func(m *manifest) { m.opt.KeyCap = 0 }, "KeyCap is 0"},
		{"min contained 0", func(m *manifest) { m.opt.MinContained = 0 }, "MinContained is 0"},
		{"segment past nextSeg", func(m *manifest) { m.segs = []segInfo{{number: 5, docs: 1}}; m.nextDoc = 1 }, ""},
		{"empty segment", func(m *manifest) { m.segs = []segInfo{{number: 0, docs: 0}} }, ""},
		{"documents past nextDoc", func(m *manifest) { m.segs = []segInfo{{number: 0, docs: 9}}; m.nextDoc = 3 }, ""},
		{"deletion twice", func(m *manifest) { m.tombs = []tombstone{{1, 0}, {1, 0}} }, ""},
		{"next segment huge", func(m *manifest) { m.nextSeg = math.MaxUint64 }, "next segment"},
		{"next document huge", func(m *manifest) { m.nextDoc = math.MaxUint64 - 1 }, "next document"},
		{"deletion beyond the documents", func(m *manifest) { m.tombs = []tombstone{{1, 5}} }, "beyond"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := craftManifest(t, tc.edit)
			if _, err := decodeManifest("MANIFEST", data); !errors.Is(err, ErrCorrupt) || !strings.Contains(fmt.Sprint(err), tc.mention) {
				t.Errorf("decode: %v, want ErrCorrupt naming %q", err, tc.mention)
			}
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, manifestName), data, 0o644)
			if _, err := OpenReadOnly(dir); !errors.Is(err, ErrCorrupt) {
				t.Errorf("OpenReadOnly: %v, want ErrCorrupt", err)
			}
			if _, err := Open(dir, Options{}); !errors.Is(err, ErrCorrupt) {
				t.Errorf("Open: %v, want ErrCorrupt", err)
			}
		})
	}
	// The version is read before the checksum: a later version may lay
	// the rest out otherwise.
	data := craftManifest(t, func(*manifest) {})
	binary.LittleEndian.PutUint32(data[8:], manifestV4+1)
	if _, err := decodeManifest("MANIFEST", data); !errors.Is(err, ErrVersion) {
		t.Errorf("version %d: %v, want ErrVersion", manifestV4+1, err)
	}
	// And the unchanged manifest decodes.
	if _, err := decodeManifest("MANIFEST", craftManifest(t, func(*manifest) {})); err != nil {
		t.Errorf("a valid manifest: %v", err)
	}
}

// FuzzManifest: decoding never panics, and what decodes is a manifest an
// index can be opened with, encoded back to the same bytes.
func FuzzManifest(f *testing.F) {
	o, _ := Options{}.withDefaults()
	seeds := []*manifest{
		{opt: o, nextSeg: 1},
		{opt: o, nextSeg: 4, nextDoc: 30, segs: []segInfo{{1, 10, 0}, {3, 20, 10}}, tombs: []tombstone{{7, 12}, {9, 30}}},
	}
	c := CompactOptions()
	c, _ = c.withDefaults()
	seeds = append(seeds, &manifest{opt: c, nextSeg: 2, nextDoc: 5, segs: []segInfo{{1, 5, 0}}})
	for _, m := range seeds {
		f.Add(m.encode())
	}
	f.Add([]byte(manifestMagic))
	f.Fuzz(fuzzManifest)
}

// fuzzManifest checks data as a manifest file, and as a body under a valid
// header and checksum, which lets the fuzzer reach the fields.
func fuzzManifest(t *testing.T, data []byte) {
	checkManifestBytes(t, data)
	body := data
	if len(data) >= 20 && string(data[:8]) == manifestMagic {
		body = data[16 : len(data)-4]
	}
	framed := make([]byte, 16, 20+len(body))
	copy(framed, manifestMagic)
	binary.LittleEndian.PutUint32(framed[8:], manifestV1)
	binary.LittleEndian.PutUint32(framed[12:], uint32(len(body)))
	framed = append(framed, body...)
	checkManifestBytes(t, binary.LittleEndian.AppendUint32(framed, crc(framed)))
}

func checkManifestBytes(t *testing.T, data []byte) {
	m, err := decodeManifest("MANIFEST", data)
	if err != nil {
		return
	}
	if _, err := NewDedup(m.opt); err != nil {
		t.Fatalf("decoded options are unusable: %v", err)
	}
	if _, err := NewFeaturizer(m.opt); err != nil {
		t.Fatalf("decoded options are unusable: %v", err)
	}
	again := m.encode()
	m2, err := decodeManifest("MANIFEST", again)
	if err != nil || !sameOptions(m.opt, m2.opt) || len(m2.segs) != len(m.segs) || len(m2.tombs) != len(m.tombs) {
		t.Fatalf("round trip: %v", err)
	}
}

// TestManifestOldVersions reads manifests of versions 1 and 2: a v1 index
// was built without the list filter and passage keys, a v2 one without a
// site model and shingle sets, and their options say so.
func TestManifestOldVersions(t *testing.T) {
	// v3 with ListRun, Passages, SiteModel and Sets −1 stores them as four
	// zero bytes, and no site model file as a last zero byte; v1 lacks all
	// five, v2 the last three.
	off := func(m *manifest) {
		m.opt.ListRun, m.opt.Passages, m.opt.SiteModel, m.opt.Sets = -1, -1, -1, -1
		m.nextSeg = 9
		m.nextDoc = 7
	}
	v4 := craftManifest(t, off)
	other := craftManifest(t, func(m *manifest) { off(m); m.opt.ListRun, m.opt.Passages, m.opt.SiteModel, m.opt.Sets = 3, 1, 3, 1 })
	at := 16
	for v4[at] == other[at] {
		at++
	}
	if !bytes.Equal(v4[at:at+4], []byte{0, 0, 0, 0}) || other[at+2] == 0 || other[at+3] == 0 || v4[len(v4)-5] != 0 {
		t.Fatalf("unexpected layout at %d: % x / % x", at, v4[at:at+4], other[at:at+4])
	}
	frame := func(version uint32, body []byte) []byte {
		out := make([]byte, 16, 20+len(body))
		copy(out, manifestMagic)
		binary.LittleEndian.PutUint32(out[8:], version)
		binary.LittleEndian.PutUint32(out[12:], uint32(len(body)))
		out = append(out, body...)
		return binary.LittleEndian.AppendUint32(out, crc(out))
	}
	rest := v4[at+4 : len(v4)-5] // the state, without the model file
	for _, tc := range []struct {
		version               uint32
		body                  []byte
		list, passages, model int
	}{
		{manifestV1, slices.Concat(v4[16:at], rest), -1, -1, -1},
		{manifestV2, slices.Concat(v4[16:at], []byte{4, 2}, rest), 3, 1, -1},
		// Version 3, as the index of the revision before the sets wrote it.
		{manifestV3, slices.Concat(v4[16:at], []byte{4, 2, 4}, rest, []byte{0}), 3, 1, 3},
	} {
		m, err := decodeManifest("MANIFEST", frame(tc.version, tc.body))
		if err != nil {
			t.Fatalf("v%d: %v", tc.version, err)
		}
		def, _ := Options{}.withDefaults()
		def.ListRun, def.Passages, def.SiteModel, def.Sets = tc.list, tc.passages, tc.model, -1
		if !sameOptions(m.opt, def) || m.nextSeg != 9 || m.nextDoc != 7 || m.model != 0 {
			t.Errorf("v%d options %s, next %d/%d, want %s", tc.version, describe(m.opt), m.nextSeg, m.nextDoc, describe(def))
		}
		// Written again, it is version 4 with the same options.
		again, err := decodeManifest("MANIFEST", m.encode())
		if err != nil || binary.LittleEndian.Uint32(m.encode()[8:]) != manifestV4 || !sameOptions(again.opt, m.opt) {
			t.Errorf("v%d rewritten: %v", tc.version, err)
		}
	}
}

// TestDestroyRemovesTheDirectoryItMade checks that Destroy removes the
// directory Create made, and not one that existed before or that holds a
// file the index did not make.
func TestDestroyRemovesTheDirectoryItMade(t *testing.T) {
	root := t.TempDir()
	made := filepath.Join(root, "made")
	existing := filepath.Join(root, "existing")
	crowded := filepath.Join(root, "crowded")
	for _, d := range []string{existing} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		dir  string
		gone bool
	}{{made, true}, {existing, false}, {crowded, false}} {
		x, err := Create(tc.dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := x.Add(Doc{ID: "a", Text: []byte("a few words of a page that is indexed and then destroyed")}); err != nil {
			t.Fatal(err)
		}
		if tc.dir == crowded {
			if err := os.WriteFile(filepath.Join(crowded, "notes.txt"), []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := x.Destroy(); err != nil {
			t.Fatal(err)
		}
		_, err = os.Stat(tc.dir)
		if gone := errors.Is(err, fs.ErrNotExist); gone != tc.gone {
			t.Errorf("%s: removed %v, want %v", filepath.Base(tc.dir), gone, tc.gone)
		}
	}
	if data, err := os.ReadFile(filepath.Join(crowded, "notes.txt")); err != nil || string(data) != "mine" {
		t.Errorf("someone's file: %q, %v", data, err)
	}
}

// TestForeignFileAtSegmentName: a link (or someone's file) in the index
// directory under the name of the next segment file is never replaced: the
// flush passes the number over, and the index holds everything.
func TestForeignFileAtSegmentName(t *testing.T) {
	c := newStoryCorpus(29, 6, 1)
	base := t.TempDir()
	dir := filepath.Join(base, "idx")
	x, err := Create(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	precious := filepath.Join(base, "precious.txt")
	if err := os.WriteFile(precious, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	var planted []string
	for i, text := range c.texts[:6] {
		name := filepath.Join(dir, segmentName(x.nextSeg))
		planted = append(planted, name)
		if i%2 == 0 {
			if err := os.Symlink(precious, name); err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(name, []byte("someone's"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := x.Add(Doc{ID: fmt.Sprint(i), Text: text}); err != nil {
			t.Fatal(err)
		}
		if err := x.Flush(); err != nil {
			t.Fatalf("flush %d: %v", i, err)
		}
		if fi, err := os.Lstat(name); err != nil || (i%2 == 0) != (fi.Mode()&os.ModeSymlink != 0) {
			t.Fatalf("flush %d replaced %s: %v", i, name, err)
		}
	}
	if err := x.Compact(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(precious); string(b) != "precious" {
		t.Errorf("the link's target now holds %q", b)
	}
	for _, name := range planted {
		if _, err := os.Lstat(name); err != nil {
			t.Errorf("compaction removed %s: %v", name, err)
		}
	}
	if st := x.Stats(); st.Documents != 6 {
		t.Errorf("%d documents, want 6", st.Documents)
	}
	if err := x.Verify(); err != nil {
		t.Error(err)
	}
}

// TestSomeonesLockFile: a directory whose only file is someone's LOCK
// (with content; the index's own is empty) is not an empty directory to
// create an index in, and the file is left alone; the index's own empty
// LOCK, left by an interrupted Create, is.
func TestSomeonesLockFile(t *testing.T) {
	dir := t.TempDir()
	lock := filepath.Join(dir, lockName)
	if err := os.WriteFile(lock, []byte("my precious data"), 0o644); err != nil {
		t.Fatal(err)
	}
	if x, err := Create(dir, Options{}); err == nil {
		x.Close()
		t.Fatal("Create in a directory holding someone's LOCK succeeded")
	}
	if b, _ := os.ReadFile(lock); string(b) != "my precious data" {
		t.Errorf("the LOCK file now holds %q", b)
	}
	if err := os.WriteFile(lock, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	x, err := Create(dir, Options{})
	if err != nil {
		t.Fatalf("Create beside an empty LOCK: %v", err)
	}
	x.Close()
}
