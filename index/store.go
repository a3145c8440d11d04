package index

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/mimeo-dedup/mimeo/index/internal/segment"
	htmltext "github.com/mimeo-dedup/mimeo/internal/extract"
	"github.com/mimeo-dedup/mimeo/minhash"
)

var (
	// ErrLocked reports an index directory that another writer has open.
	ErrLocked = errors.New("index: locked by another writer")
	// ErrClosed reports a call on a closed Index.
	ErrClosed = errors.New("index: closed")
	// ErrReadOnly reports a change to an Index opened with OpenReadOnly.
	ErrReadOnly = errors.New("index: opened read-only")
)

// Doc is a document to add to an Index.
type Doc struct {
	// ID names the document; Delete removes documents by it. URL and Date
	// are kept and returned with matches.
	ID, URL, Date string
	Text          []byte
	// HTML is the document as an HTML page (UTF-8), for a Doc without
	// Text: the index reduces it to its main text as mimeo scan does
	// (--extract auto). Its site is its URL's host, else what the page's
	// markup names (its canonical link or og:url, og:site_name,
	// stylesheets and icons), and the site model learns the lines of the
	// page's whole visible text with those of its main text, as a scan's
	// does: a crawler that adds pages one at a time gets the answers a
	// scan of its crawl gives (a scan decodes a page's declared charset
	// first; the index takes the bytes as UTF-8).
	HTML []byte
}

// page is a Doc as the index reads it: its text, its site and, for an
// HTML page, its whole visible text.
type page struct {
	text, whole []byte
	site        string
	html        bool
}

// read reduces d to its text and site.
func (x *Index) read(d Doc) page {
	if d.Text != nil || d.HTML == nil {
		return page{text: d.Text, site: Site(d.URL)}
	}
	e, _ := x.pages.Get().(*htmltext.Extractor)
	if e == nil {
		e = htmltext.New(htmltext.Options{})
	}
	p := page{text: e.AppendText(nil, d.HTML), site: Site(d.URL), html: true}
	if p.site == "" {
		p.site = e.Site()
	}
	if p.site != "" {
		p.whole = e.AppendPageText(nil)
	}
	x.pages.Put(e)
	return p
}

// Hit is an indexed document that matches a query.
type Hit struct {
	ID, URL, Date string
	// Similarity is the estimated Jaccard similarity of the query and the
	// document; Containment the estimated share of the query found in the
	// document, Contained the share of the document found in the query.
	Similarity, Containment, Contained float64
	// Verified tells that the three were measured on the documents'
	// shingle sets, not estimated from their signatures: a query whose
	// estimate lies within 2 standard errors of a threshold is decided so
	// when the index keeps the document's set and the query has its
	// shingles (Features.Hashes, as Query, QueryDoc and SeenDoc have).
	// The shared shingles are counted; only the fingerprints' false
	// matches, a known small rate, are estimated (see setmatch.go).
	Verified bool
	// Sig is the document's b-bit signature, with its estimated number
	// of distinct shingles, for callers that compare further.
	Sig minhash.BBit
	// outside: the query's opening is not in the document, so its
	// Containment does not make it a copy (Dedup.ResolveOpenings);
	// opening: the share of the query's opening inside the document
	// (negative: not weighed); containmentHi: Containment raised by one
	// standard error of its measure or estimate, which tells a
	// compilation's small quotes (isCompilation); docOpen: the share of
	// the document's opening inside the query (negative: not weighed).
	outside       bool
	opening       float64
	docOpen       float64
	containmentHi float64
}

// Score is the strongest evidence of the match: the largest of Similarity,
// Containment and Contained.
func (h Hit) Score() float64 { return max(h.Similarity, h.Containment, h.Contained) }

// Index is a persistent near-duplicate index in a directory. Added
// documents are held in memory, where queries see them at once, until Flush
// writes them to an immutable segment file; from then on they survive a
// crash. A query finds candidates in every segment's band tables, which are
// memory-mapped and searched in place, not loaded, and verifies them as
// Dedup does: a hit is a near-duplicate by estimated Jaccard similarity or
// containment.
//
// Concurrency: every method may be called from many goroutines at once,
// except Close, which must not overlap the others. Queries run in parallel
// with each other and with the writing of segments by Flush and Compact;
// Add and Delete briefly exclude queries; a Flush or Compact waits for
// the one in progress. Flush merges small segments as they accumulate
// (each merge writes at most twice the data the merged segments hold), so a
// crawler that flushes often keeps few segments; Compact merges them all and
// drops deleted documents.
//
// One process at a time may open an index for writing (Open; another gets
// ErrLocked). Any number may open it with OpenReadOnly, and see it as it
// was when they opened it.
type Index struct {
	dir      string
	opt      Options
	wpd      int
	nBands   int // band tables of a segment: full and lead bands, then the passage table
	nKeys    int // of them, the tables of Features.Keys
	pb       int // the passage table, -1 without passages
	readOnly bool
	unlock   func() error
	ext      sync.Pool // *Featurizer
	pages    sync.Pool // *htmltext.Extractor, for Doc.HTML
	cache    metaCache

	mu     sync.RWMutex
	closed bool
	mem    *memtable   // receives Adds
	frozen []*memtable // awaiting a segment, oldest first
	segs   []*segFile  // in order of document numbers
	// committed is how many of segs the manifest names; the others were
	// written by Spill and wait for the next Flush.
	committed int
	nextSeg   uint64   // number of the next segment file
	man       manifest // as last written
	tombs     map[uint64]uint64
	deletions bool   // Delete was called since the last commit
	next      uint64 // number of the next document added

	// writing serialises Flush, Spill, Rollback, Compact and Close (a
	// semaphore of one, which a caller's context may give up waiting
	// for); writeCtx is the context of the one in progress.
	writing  chan struct{}
	writeCtx context.Context
	// checking serialises CheckAndAdd's queries and adds (a semaphore of
	// one, which a caller's context may give up waiting for).
	checking chan struct{}

	// The site model (nil without one): what the documents added taught
	// of each site's furniture. Adds change it under modelMu; the next
	// Flush writes it (modelDirty) when it has changed.
	modelMu    sync.RWMutex
	model      *Boilerplate
	modelDirty bool
	modelGen   uint64 // counts the model's changes
	modelBytes int64  // of the model's file as last written

	segVersion uint32 // of the segments written; 0: the current (tests write older ones)
	madeDir    bool   // Create made the directory: Destroy removes it if empty
	// afterWrite, in tests, runs in a Flush once its memtables are
	// written and before it records them: where other calls overlap it.
	afterWrite func()
}

// memtable holds documents added since the last Flush: document i has
// number first+i. Adds append each band's key to a log; queries look keys
// up in hash tables that take in the logs' new entries when a query finds
// some (under the write lock), so that a bulk load of documents that no
// one queries costs no hashing.
type memtable struct {
	first  uint64
	words  chunked[uint64] // wpd per document
	cards  chunked[uint32]
	meta   chunked[docMeta]
	sets   chunked[[]byte]   // encoded shingle sets (nil: none)
	logs   []chunked[uint64] // per band: fold32(key)<<32 | document index
	tables []bandTable
	done   []int // per band: log entries in the table
	// ids finds the documents by the hashes of their ids.
	ids idTable
	// replaced records the deletions the memtable's documents made of
	// their ids' earlier documents, in order, with the bound each
	// replaced: a manifest records them only with the documents (commit),
	// so that a crash never keeps the deletion without the replacement.
	replaced []replaceRec
}

// replaceRec is a replacement's deletion (see memtable.replaced): the id's
// hash, and the bound of its deletion before (had: it had one).
type replaceRec struct {
	h    uint64
	prev uint64
	had  bool
}

func (x *Index) newMemtable(first uint64) *memtable {
	m := &memtable{
		first: first, words: newChunked[uint64](x.wpd), cards: newChunked[uint32](1), meta: newChunked[docMeta](1),
		sets: newChunked[[]byte](1),
		logs: make([]chunked[uint64], x.nBands), tables: make([]bandTable, x.nBands), done: make([]int, x.nBands),
	}
	for b := range m.logs {
		m.logs[b] = newChunked[uint64](1)
	}
	return m
}

// pending reports whether some log entries are not in the tables yet.
func (m *memtable) pending() bool {
	for b := range m.logs {
		if m.done[b] < m.logs[b].len() {
			return true
		}
	}
	return false
}

// catchUp puts the logs' new entries in the tables, keeping at most keyCap
// documents under a key, the first ones, as Dedup does. The caller holds
// the write lock.
func (m *memtable) catchUp(keyCap func(b int) int) {
	for b := range m.logs {
		log, t := &m.logs[b], &m.tables[b]
		limit := keyCap(b)
		for i := m.done[b]; i < log.len(); i++ {
			e := log.at(i)
			t.insertFolded(e>>32, uint32(e), limit)
		}
		m.done[b] = log.len()
	}
}

// keyCap returns how many documents band table b keeps under one key, as
// Dedup keeps them: the options' KeyCap.
func (x *Index) keyCap(int) int { return x.opt.KeyCap }

func (m *memtable) len() int { return m.cards.len() }

// addID records that document i has an id of hash h.
func (m *memtable) addID(h uint64, i uint32) { m.ids.add(h, i) }

// lookupID returns the documents whose id may hash to h, newest first
// (the caller compares the ids).
func (m *memtable) lookupID(h uint64) []uint32 { return m.ids.lookup(h, nil) }

// Create makes a new index in dir, which must not exist or be empty (the
// LOCK file of a Create that was interrupted is allowed), and opens it
// for reading and writing with options o, whose zero value means the
// defaults, as for NewDedup. A directory holding an index is ErrExist; one
// holding anything else is an error too.
func Create(dir string, o Options) (*Index, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := checkEmpty(dir); err != nil {
		return nil, err
	}
	_, statErr := os.Lstat(dir)
	madeDir := errors.Is(statErr, fs.ErrNotExist)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, lockErr(dir, err)
	}
	// Again under the lock: another process may have created one.
	if err := checkEmpty(dir); err != nil {
		unlock()
		return nil, err
	}
	m := &manifest{opt: o, nextSeg: 1}
	if err := writeFileSync(dir, manifestName, m.encode()); err != nil {
		unlock()
		return nil, fmt.Errorf("index: %s: %w", dir, err)
	}
	x, err := openLocked(dir, o, unlock)
	if x != nil {
		x.madeDir = madeDir
	}
	return x, err
}

// checkEmpty reports whether dir may receive a new index: it does not
// exist, or holds nothing but what an interrupted Create left (LOCK, a
// temporary manifest of ours, which it removes).
func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	var tmp []string
	for _, e := range entries {
		switch n := e.Name(); {
		case n == manifestName:
			return fmt.Errorf("%w: %s", ErrExist, dir)
		case n == lockName && ownFile(dir, e) == fileLock:
		case n == manifestName+".tmp" && ownFile(dir, e) != fileUnknown:
			tmp = append(tmp, n)
		default:
			return fmt.Errorf("index: %s is not empty (it holds %s): an index needs a directory of its own", dir, n)
		}
	}
	for _, n := range tmp {
		os.Remove(filepath.Join(dir, n))
	}
	return nil
}

// Open opens the existing index in dir for reading and writing. o must be
// the options it was built with (ErrRecipe otherwise), its zero value
// meaning the defaults; ReadOptions returns an index's options. A
// directory without an index is ErrNotExist, one with segment files but
// no manifest ErrCorrupt: Open never creates an index (Create and
// OpenOrCreate do) and never removes a file it did not make.
func Open(dir string, o Options) (*Index, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	if _, err := readManifest(dir); err != nil {
		return nil, err
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, lockErr(dir, err)
	}
	return openLocked(dir, o, unlock)
}

// OpenOrCreate opens the index in dir, or creates it with options o if dir
// does not exist or is empty (see Create).
func OpenOrCreate(dir string, o Options) (*Index, error) {
	x, err := Open(dir, o)
	if errors.Is(err, ErrNotExist) {
		x, err = Create(dir, o)
		if errors.Is(err, ErrExist) { // created meanwhile by another
			x, err = Open(dir, o)
		}
	}
	return x, err
}

func lockErr(dir string, err error) error {
	if errors.Is(err, ErrLocked) {
		return fmt.Errorf("%w: %s", err, dir)
	}
	return fmt.Errorf("index: %s: %w", dir, err)
}

// openLocked loads the index in dir, whose writer's lock the caller took.
func openLocked(dir string, o Options, unlock func() error) (*Index, error) {
	x := newIndex(dir, o)
	x.unlock = unlock
	if err := x.load(true); err != nil {
		x.closeSegments()
		unlock()
		return nil, err
	}
	return x, nil
}

// OpenReadOnly opens the index in dir for queries, with the options it was
// built with, without taking the writer's lock. It sees the index as of
// its last Flush or Compact before the call.
func OpenReadOnly(dir string) (*Index, error) {
	o, err := ReadOptions(dir)
	if err != nil {
		return nil, err
	}
	x := newIndex(dir, o)
	x.readOnly = true
	x.unlock = func() error { return nil }
	// A writer may compact away the segments of the manifest just read:
	// read it again.
	for attempt := 0; ; attempt++ {
		err = x.load(false)
		if err == nil || !errors.Is(err, os.ErrNotExist) || attempt == 5 {
			break
		}
		x.closeSegments()
	}
	if err != nil {
		x.closeSegments()
		return nil, err
	}
	return x, nil
}

// ReadOptions returns the options of the index in dir.
func ReadOptions(dir string) (Options, error) {
	m, err := readManifest(dir)
	if err != nil {
		return Options{}, err
	}
	return m.opt, nil
}

// readManifest reads and checks dir's manifest. Without one it says why:
// ErrNotExist for a missing directory or one that holds no index,
// ErrCorrupt for one that holds segments.
func readManifest(dir string) (*manifest, error) {
	path := filepath.Join(dir, manifestName)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, missingManifest(dir)
	}
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	m, err := decodeManifest(path, data)
	if errors.Is(err, ErrBadMagic) {
		// Short, or nearly our magic: a damaged manifest, not another
		// kind of file.
		diff := 0
		for i := range min(len(data), len(manifestMagic)) {
			if data[i] != manifestMagic[i] {
				diff++
			}
		}
		if len(data) < len(manifestMagic) || diff <= 2 {
			err = fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
	}
	return m, err
}

// missingManifest describes a directory without a manifest.
func missingManifest(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%w in %s (no such directory)", ErrNotExist, dir)
	case err != nil:
		return fmt.Errorf("index: %w", err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "seg-") {
			return fmt.Errorf("%w: %s holds segment files (%s) but no %s: the index is damaged; nothing was changed",
				ErrCorrupt, dir, e.Name(), manifestName)
		}
	}
	if len(entries) == 0 {
		return fmt.Errorf("%w in %s (the directory is empty)", ErrNotExist, dir)
	}
	return fmt.Errorf("%w in %s (it holds no %s: not an index)", ErrNotExist, dir, manifestName)
}

func newIndex(dir string, o Options) *Index {
	x := &Index{
		dir: dir, opt: o,
		wpd:      (o.Recipe.K + 64/o.Bits - 1) / (64 / o.Bits),
		nKeys:    o.Banding.Bands + o.LeadBanding().Bands,
		pb:       -1,
		tombs:    make(map[uint64]uint64),
		checking: make(chan struct{}, 1),
		writing:  make(chan struct{}, 1),
	}
	x.nBands = x.nKeys
	if o.Passages > 0 {
		x.pb = x.nKeys
		x.nBands++
	}
	x.ext.New = func() any {
		e, _ := NewFeaturizer(o) // o is valid
		e.KeepHashes(o.Sets > 0) // for the sets: see Hit.Verified
		return e
	}
	x.cache.init(1024)
	return x
}

// load reads the manifest and opens the segments it names. A writer
// removes the files of its own kinds that the manifest does not name.
func (x *Index) load(writable bool) error {
	m, err := readManifest(x.dir)
	switch {
	case err != nil:
		return err
	case !sameOptions(m.opt, x.opt):
		return fmt.Errorf("%w: %s was built with %s, not %s", ErrRecipe, x.dir, describe(m.opt), describe(x.opt))
	}
	x.man = *m
	x.next = m.nextDoc
	clear(x.tombs)
	for _, t := range m.tombs {
		x.tombs[t.id] = t.below
	}
	x.mem = x.newMemtable(x.next)
	named := map[string]bool{}
	x.segs = x.segs[:0]
	for _, si := range m.segs {
		name := segmentName(si.number)
		named[name] = true
		s, err := x.openSegmentFile(si.number)
		if err != nil {
			return err
		}
		x.segs = append(x.segs, s)
		if uint64(s.Len()) != si.docs || s.First() != si.first {
			return corruptf(s.Name(), 16, "holds documents %d to %d, the manifest says %d to %d", s.First(), s.First()+uint64(s.Len()), si.first, si.first+si.docs)
		}
	}
	x.committed = len(x.segs)
	x.nextSeg = m.nextSeg
	if m.model > 0 {
		named[modelName(m.model-1)] = true
	}
	if err := x.loadModel(); err != nil {
		return err
	}
	if !writable {
		return nil
	}
	// Files of ours that the manifest does not name are left over from a
	// crash, a failed Flush or a compaction: remove them, and nothing else.
	entries, err := os.ReadDir(x.dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if n := e.Name(); !named[n] && ownFile(x.dir, e) != fileUnknown && n != lockName && n != manifestName {
			os.Remove(filepath.Join(x.dir, n))
		}
	}
	return nil
}

// loadModel reads the site model the manifest names (or makes an empty
// one if the index has a model but has written none yet).
func (x *Index) loadModel() error {
	x.modelMu.Lock()
	defer x.modelMu.Unlock()
	x.model, x.modelDirty, x.modelBytes = nil, false, 0
	switch {
	case x.opt.SiteModel < 0:
		return nil
	case x.man.model == 0:
		x.model = NewBoilerplate(x.opt.SiteModel, 0)
		return nil
	}
	name := filepath.Join(x.dir, modelName(x.man.model-1))
	data, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	bp, err := decodeModel(name, data)
	if err != nil {
		return err
	}
	x.modelBytes = int64(len(data))
	if bp.minDocs != x.opt.SiteModel {
		return corruptf(name, 12, "a model of %d documents for an index of %d", bp.minDocs, x.opt.SiteModel)
	}
	x.model = bp
	return nil
}

// sameOptions compares options with their defaults filled in (by
// withDefaults, which also rounds the thresholds as the manifest stores
// them): as values, so that no field is left out.
func sameOptions(a, b Options) bool { return a == b }

func describe(o Options) string {
	return fmt.Sprintf("%s, %d bits, bands %s, lead %d/%d, thresholds %g/%g, min contained %d, lines %d/%d/%d, key cap %d",
		o.Recipe, o.Bits, o.Banding, o.LeadShingles, o.LeadK, o.Jaccard, o.Containment, o.MinContained,
		o.MinLineWords, o.MinContentWords, o.ListRun, o.KeyCap) + map[bool]string{true: ", passages", false: ""}[o.Passages > 0] +
		map[bool]string{true: fmt.Sprintf(", site model %d", o.SiteModel), false: ""}[o.SiteModel > 0] +
		map[bool]string{true: ", shingle sets", false: ""}[o.Sets > 0]
}

// Options returns the index's options.
func (x *Index) Options() Options { return x.opt }

// Features computes what the index stores of a text. AddFeatures and
// QueryFeatures take it, so that a caller can compute it once for a query
// and an add.
func (x *Index) Features(text []byte) *Features {
	e := x.ext.Get().(*Featurizer)
	f := new(Features)
	e.Extract(text, "", f)
	x.ext.Put(e)
	return f
}

// SignatureFeatures returns the features of a document known by its
// MinHash signature alone, made under the index's recipe
// (x.Options().Recipe, e.g. with its NewSigner): the b-bit signature and the
// keys of the full-signature bands. The lead signature needs the text, so
// such a document finds and is found by others through the full bands only:
// copies that share little more than their beginning (truncated ones) are
// missed. Add and Query also ignore the short lines of pages with
// paragraphs (StripShortLines) before signing; a signature of the raw
// text of such a page differs a little.
func (x *Index) SignatureFeatures(sig minhash.Signature) (*Features, error) {
	if sig.K() != x.opt.Recipe.K {
		return nil, fmt.Errorf("index: a signature of %d slots for an index of %d", sig.K(), x.opt.Recipe.K)
	}
	f := &Features{Sig: sig}
	f.Bits = sig.AppendBBit(nil, x.opt.Bits)
	if sig.Card > 0 {
		f.Keys = appendBandKeys(nil, sig.Slots, x.opt.Banding, 0)
	}
	return f, nil
}

// AddSignature adds a document by its signature (see SignatureFeatures).
func (x *Index) AddSignature(id, url, date string, sig minhash.Signature) error {
	f, err := x.SignatureFeatures(sig)
	if err != nil {
		return err
	}
	return x.AddFeatures(id, url, date, f)
}

// QuerySignature is Query for a document known by its signature (see
// SignatureFeatures).
func (x *Index) QuerySignature(sig minhash.Signature) ([]Hit, error) {
	f, err := x.SignatureFeatures(sig)
	if err != nil {
		return nil, err
	}
	return x.QueryFeatures(f)
}

// DocFeatures is Features for a document with its site (see Doc): with a site model,
// the lines it knows as the furniture of the document's site (see Site)
// are left out, the document counting as one more of its site if the
// model has not seen it — the features Add gives it, before it is added.
func (x *Index) DocFeatures(d Doc) *Features { return x.pageFeatures(x.read(d)) }

func (x *Index) pageFeatures(p page) *Features {
	e := x.ext.Get().(*Featurizer)
	f := new(Features)
	x.modelMu.RLock()
	e.SetBoilerplate(x.model)
	e.ExtractNew(p.text, p.site, f)
	x.modelMu.RUnlock()
	e.SetBoilerplate(nil)
	x.ext.Put(e)
	return f
}

// Add adds a document: queries see it when Add returns, and it is durable
// after the next Flush. Adding an id the index holds replaces its
// document: queries, Get and Walk see only the new one (as if Delete had
// removed the old one first, in the same step; the index records the
// deletion with the new document, at the Flush that makes it durable),
// and Compact drops the old one from the files. (A deletion is kept by the
// id's 64-bit hash: another id of the same hash goes with it — among n
// ids, a chance of about n²/2^65 that any two share one.) With a
// site model, Add signs the document without the furniture the model
// knows of its site (see DocFeatures), and the model learns its lines.
//
// A line becomes furniture once SiteModel documents of a site have it:
// the site's first documents are signed with it, since nothing marked it
// yet, and stay so (the index keeps no text to sign them again). A later
// copy of their story is still found in them by containment; two of them
// may match each other through their shared furniture, as in a scan
// without a model.
func (x *Index) Add(d Doc) error {
	p := x.read(d)
	if err := x.AddFeatures(d.ID, d.URL, d.Date, x.pageFeatures(p)); err != nil {
		return err
	}
	x.observe(p)
	return nil
}

// Observe teaches the site model a document's lines without adding it;
// nothing without a model or a site (a URL, or an HTML page's markup). Add observes what it adds: Observe is
// for pipelines that compute features elsewhere (see DocFeatures) and add
// them with AddFeatures.
func (x *Index) Observe(d Doc) {
	x.modelMu.RLock()
	none := x.model == nil
	x.modelMu.RUnlock()
	if none || x.readOnly {
		return // nothing to learn: the page need not be read
	}
	x.observe(x.read(d))
}

func (x *Index) observe(p page) {
	if p.site == "" || x.readOnly {
		return
	}
	x.modelMu.Lock()
	if x.model != nil && !x.model.Observed(p.site, p.text) {
		whole := p.whole
		if !x.model.PageKeys() {
			whole = nil // a model of version 1 learns main texts, as a scan with it does
		}
		x.model.ObservePage(p.site, p.text, whole)
		x.modelDirty = true
		x.modelGen++
	}
	x.modelMu.Unlock()
}

// SiteModel returns a copy of the index's site model, nil if it has
// none: to clean documents as the index does, or to learn a batch of
// documents before adding them (see SetSiteModel).
func (x *Index) SiteModel() *Boilerplate {
	x.modelMu.RLock()
	defer x.modelMu.RUnlock()
	if x.model == nil {
		return nil
	}
	return x.model.Clone()
}

// SetSiteModel replaces the index's site model with bp (which the index
// then owns), to be written by the next Flush: a pipeline that learns a
// batch of documents first (from SiteModel) and adds their features
// afterwards sets the model it learned.
func (x *Index) SetSiteModel(bp *Boilerplate) error {
	x.mu.RLock()
	err := x.writable()
	x.mu.RUnlock()
	if err != nil {
		return err
	}
	if x.opt.SiteModel < 0 {
		return errors.New("index: the index has no site model")
	}
	if bp == nil {
		return errors.New("index: no site model")
	}
	if bp.minDocs != x.opt.SiteModel {
		return fmt.Errorf("index: a site model of %d documents for an index of %d", bp.minDocs, x.opt.SiteModel)
	}
	x.modelMu.Lock()
	x.model, x.modelDirty = bp, true
	x.modelGen++
	x.modelMu.Unlock()
	return nil
}

// AddFeatures adds a document given its features (see Features),
// replacing the document of an id the index holds, as Add does.
func (x *Index) AddFeatures(id, url, date string, f *Features) error {
	return x.addFeatures(id, url, date, f, true)
}

// AddFeaturesKeeping is AddFeatures that keeps the documents of an id the
// index holds: for documents whose id is not theirs to keep — a position
// in an input ("FILE:LINE", "-:LINE"), which another input reuses.
func (x *Index) AddFeaturesKeeping(id, url, date string, f *Features) error {
	return x.addFeatures(id, url, date, f, false)
}

func (x *Index) addFeatures(id, url, date string, f *Features, replace bool) error {
	if err := x.checkFeatures(f); err != nil {
		return err
	}
	var set []byte
	switch {
	case x.opt.Sets < 0:
	case f.Set != nil:
		set = slices.Clone(f.Set) // the caller may reuse f
	default:
		set, _ = segment.AppendSet(nil, f.Hashes, f.Lead, int(f.Sig.Card), nil)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if err := x.writable(); err != nil {
		return err
	}
	mt := x.mem
	if mt.len() >= maxSegmentDocs {
		return ErrFull
	}
	// An id added again replaces its documents (see Add). Most ids are
	// new: a hash no memtable and no segment knows needs no metadata read.
	// A segment that cannot be read here is left to Verify: the document
	// is added, and nothing is replaced in that segment.
	h := idHash(id)
	if replace && x.mayHoldID(h) {
		if _, found, _ := x.findLocked(id, true); found {
			prev, had := x.tombs[h]
			mt.replaced = append(mt.replaced, replaceRec{h: h, prev: prev, had: had})
			x.tombs[h] = x.next
			x.deletions = true
		}
	}
	i := uint32(mt.len())
	mt.words.add(f.Bits.Words)
	mt.cards.push(f.Sig.Card)
	mt.meta.push(docMeta{ID: id, URL: url, Date: date})
	mt.sets.push(set)
	mt.addID(h, i)
	for b, key := range f.Keys {
		mt.logs[b].push(fold32(key)<<32 | uint64(i))
	}
	if x.pb >= 0 {
		for _, key := range f.Passages[:min(len(f.Passages), maxPassages)] {
			mt.logs[x.pb].push(fold32(key)<<32 | uint64(i))
		}
	}
	x.next++
	return nil
}

func (x *Index) checkFeatures(f *Features) error {
	if len(f.Bits.Words) != x.wpd || int(f.Bits.B) != x.opt.Bits || f.Bits.K != x.opt.Recipe.K ||
		len(f.Keys) != x.nKeys && len(f.Keys) != x.opt.Banding.Bands && len(f.Keys) != 0 {
		return errors.New("index: features of another configuration")
	}
	return nil
}

func (x *Index) writable() error {
	if x.closed {
		return ErrClosed
	}
	if x.readOnly {
		return ErrReadOnly
	}
	return nil
}

// Query returns the indexed documents that are near-duplicates of text,
// strongest match first: by Score (the largest of the similarity and the
// two containments), then by ID, then by URL. Every query method orders
// its hits so.
func (x *Index) Query(text []byte) ([]Hit, error) { return x.QueryFeatures(x.Features(text)) }

// AddPolicy tells CheckAndAdd when to add the page it checks.
type AddPolicy int

const (
	// AddIfNew adds the page only if the index has not seen it before
	// (CheckResult.Seen is empty): a crawler's "store it if it is new".
	AddIfNew AddPolicy = iota
	// AddAlways adds the page whatever it matches, and reports what it
	// matched before it was added.
	AddAlways
	// CheckOnly adds nothing: SeenDoc with a context.
	CheckOnly
)

// CheckOptions are CheckAndAdd's options.
type CheckOptions struct {
	Add AddPolicy
	// Limit keeps at most the first this many of each list of the result
	// in its order (Hits strongest first; Seen its copies strongest
	// first, then the fuller versions of a copy); 0 keeps them all. The
	// page's decision is made on all of them.
	Limit int
}

// CheckResult is CheckAndAdd's answer on a page.
type CheckResult struct {
	SeenResult      // what the index held of the page before it was added
	Added      bool // the page was added
}

// CheckAndAdd answers a crawler's "have I already seen this story?" for d
// (as SeenDoc does, cleaned of its site's furniture as Add cleans it) and
// adds it as o.Add says, in one step: no other CheckAndAdd runs between
// its check and its add, so of goroutines that check and add the same new
// story at once exactly one is told it is new and adds it — the others
// see it. (Add, AddFeatures and the queries do not take part: a page added
// by Add meanwhile is seen by the checks that begin after it returns.)
// Queries and Flush go on meanwhile. The page is cleaned with the site
// model as it is when the call begins. ctx bounds the wait for the other
// CheckAndAdd calls and is checked before the add: a cancelled call adds
// nothing and returns ctx's error.
func (x *Index) CheckAndAdd(ctx context.Context, d Doc, o CheckOptions) (CheckResult, error) {
	if o.Add < AddIfNew || o.Add > CheckOnly || o.Limit < 0 {
		return CheckResult{}, fmt.Errorf("index: CheckAndAdd: policy %d, limit %d", o.Add, o.Limit)
	}
	p := x.read(d)
	f := x.pageFeatures(p) // outside the lock: the costly part
	if o.Add != CheckOnly {
		select {
		case x.checking <- struct{}{}:
			defer func() { <-x.checking }()
		case <-ctx.Done():
			return CheckResult{}, ctx.Err()
		}
	}
	if err := ctx.Err(); err != nil {
		return CheckResult{}, err
	}
	r, err := x.Seen(f)
	if err != nil {
		return CheckResult{}, err
	}
	res := CheckResult{SeenResult: r}
	if o.Add == AddAlways || o.Add == AddIfNew && len(r.Seen) == 0 {
		if err := ctx.Err(); err != nil {
			return CheckResult{}, err
		}
		if err := x.AddFeatures(d.ID, d.URL, d.Date, f); err != nil {
			return CheckResult{}, err
		}
		x.observe(p)
		res.Added = true
	}
	if o.Limit > 0 {
		res.Seen = res.Seen[:min(len(res.Seen), o.Limit)]
		res.Hits = res.Hits[:min(len(res.Hits), o.Limit)]
	}
	return res, nil
}

// QueryDoc is Query for a document with its URL, cleaned of its site's
// furniture as Add would clean it (see DocFeatures): what a crawler asks
// of a page before it adds it.
func (x *Index) QueryDoc(d Doc) ([]Hit, error) { return x.QueryFeatures(x.DocFeatures(d)) }

// verdict is what verifying a candidate found.
type verdict struct {
	sig      minhash.BBit
	m        Match
	ok       bool    // a match
	verified bool    // m measured on the sets
	outside  bool    // the query's opening is not in the document
	opening  float64 // the share of the query's opening in the document; negative: not weighed
	docOpen  float64 // the share of the document's opening in the query; negative: not weighed
	hi       float64 // m.Containment raised by one standard error
}

// docRef names an indexed document: its number in a memtable or a
// segment.
type docRef struct {
	mem *memtable // or
	seg *segFile
	idx uint32
}

// set returns the document's encoded shingle set (nil if it has none).
func (r docRef) set() ([]byte, error) {
	if r.mem != nil {
		return r.mem.sets.at(int(r.idx)), nil
	}
	return r.seg.Set(r.idx)
}

// candidate is a verified match before its metadata is read.
type candidate struct {
	docRef
	verdict
}

// QueryFeatures is Query for features computed by Features.
func (x *Index) QueryFeatures(f *Features) ([]Hit, error) {
	hits, _, err := x.query(context.Background(), f, false)
	return hits, err
}

// QueryContext is QueryFeatures under a context, which it checks before
// it searches each segment's band tables (a query of a large index faults
// pages of its files in), keeping at most limit hits, the strongest (0:
// all).
func (x *Index) QueryContext(ctx context.Context, f *Features, limit int) ([]Hit, error) {
	if limit < 0 {
		return nil, fmt.Errorf("index: QueryContext: limit %d", limit)
	}
	hits, _, err := x.query(ctx, f, false)
	if err != nil {
		return nil, err
	}
	if limit > 0 {
		hits = hits[:min(len(hits), limit)]
	}
	return hits, nil
}

// SeenDoc answers a crawler's "have I already seen this story?" for a
// page as scan --index does: it returns the indexed documents that make d
// a copy of what the index holds (see SeenFeatures), none if d is news.
func (x *Index) SeenDoc(d Doc) ([]Hit, error) {
	seen, _, err := x.SeenFeatures(x.DocFeatures(d))
	return seen, err
}

// SeenFeatures returns, of the hits of a query (all of them, as
// QueryFeatures returns them), those that make the document seen before:
// the hits it is a near-duplicate of by similarity or is contained in — not
// those it merely contains (a digest quoting a story is news), but for a
// version of one: a page holding half or more of it, each one's opening
// inside the other (Dedup.Covers takes it so), or a fuller version holding
// nearly all of it that begins as it does. A page
// inside an indexed one that opens with none of it (measured on the sets)
// is seen only if another indexed page of that one's story holds it too:
// a copy of another story that carries its first paragraphs, or a digest
// that quotes it after another story, does not make it seen (its story
// would be lost), nor does the one copy the index holds of a story it is
// an excerpt from the middle of (kept twice rather than lost). A
// compilation — a document whose hits and the documents it shares a
// passage with fall into unrelated groups, none holding most of it, as a
// digest quoting several stories does — is seen only in a hit that holds
// most of it, as Dedup's clusters take it. A hit measured on the
// documents' shingle sets (Hit.Verified) counts as measured; one only
// estimated — the document's set is not kept, or the query has no hashes
// — counts when its estimate clears the rule by one standard error: a
// page is rather kept twice than lost.
func (x *Index) SeenFeatures(f *Features) (seen, hits []Hit, err error) {
	r, err := x.Seen(f)
	return r.Seen, r.Hits, err
}

// SeenResult is the index's answer on a page (see Seen).
type SeenResult struct {
	// Seen are the hits that make the page seen before (SeenFeatures),
	// Hits all of them, strongest first.
	Seen, Hits []Hit
	// Compilation tells that the page quotes stories of the index that
	// have nothing to do with each other, none most of it (a digest):
	// it is seen only in a hit that holds most of it, and a scan that
	// clusters it with pages outside the index takes it for a
	// compilation too (Dedup.MarkCompilation).
	Compilation bool
}

// Seen is SeenFeatures that also tells whether the page is a compilation
// of the index's stories.
func (x *Index) Seen(f *Features) (SeenResult, error) {
	hits, quotes, err := x.query(context.Background(), f, true)
	if err != nil {
		return SeenResult{}, err
	}
	var seen []Hit
	o := x.opt
	card := f.Sig.Card
	// A hit only estimated counts only if its estimate, lowered by its
	// uncertainty (as Dedup's exact pass bounds it), still makes the
	// document its copy.
	low := func(h Hit) Match {
		m := Match{Similarity: h.Similarity, Containment: h.Containment, Contained: h.Contained}
		if h.Verified {
			return m // measured, not estimated
		}
		lo, _ := estimateBoundsSigma(m, card, h.Sig.Card, o.Recipe.K, seenSigmas)
		return lo
	}
	var parts []Hit
	contains := func(h Hit) bool {
		m := low(h)
		return m.Similarity < o.Jaccard && !h.outside && o.Containment >= 0 && m.Containment >= o.Containment && card >= uint32(o.MinContained)
	}
	for i, h := range hits {
		m := low(h)
		// As Dedup.Covers decides a member: a similar page is a copy
		// unless it adds its own; a contained one is, its opening inside
		// — and, inside a page that opens with none of it, only if it is
		// inside another page of that one's story too (an excerpt of a
		// story the index holds twice; not a paragraph that a copy of
		// another story carries).
		similar := m.Similarity >= o.Jaccard
		switch {
		case similar && !addsOwn(h.Containment, h.opening) || contains(h) && (!otherOpening(h) || corroborated(hits, i, contains)):
			seen = append(seen, h)
		case h.Contained >= partShare && h.Containment < 0.5 && h.opening >= leadShare ||
			o.Containment >= 0 && m.Contained >= o.Containment && versionOf(m.Contained, h.opening, h.docOpen) && h.Sig.Card >= uint32(o.MinContained):
			// A fuller version of the indexed copy, beginning as it does
			// (Dedup's KeepOriginal takes the fuller as the original), or
			// a version holding half of it or more, each beginning inside
			// the other (Dedup.Covers): after the hits it is a copy of.
			parts = append(parts, h)
		}
	}
	seen = append(seen, parts...)
	r := SeenResult{Seen: seen, Hits: hits, Compilation: isCompilation(hits, quotes)}
	if r.Compilation {
		r.Seen = slices.DeleteFunc(seen, func(h Hit) bool {
			return h.outside || low(h).Containment < mostlyShare || card < uint32(o.MinContained)
		})
	}
	return r, nil
}

// otherOpening reports whether a hit that contains the query begins with
// none of it: the query is inside a page that opens with another story —
// a copy of that story carrying a paragraph of the query's, or a digest
// whose first item is another story — and taking it for seen would lose
// its story when the index holds nothing else of it. (A truncated copy's
// story begins as the copy does.) Unknown, it is not.
func otherOpening(h Hit) bool { return h.docOpen >= 0 && h.docOpen < openedShare }

// linked reports whether two hits are of one story: much of one inside the
// other (linkShare) by their signatures' estimate lowered by one standard
// error, as Dedup's compilations link partners — a false link hides a
// digest.
func linked(a, b Hit) bool {
	sim, ab, ba := a.Sig.Compare(b.Sig)
	lo, _ := estimateBoundsSigma(Match{Similarity: sim, Containment: ab, Contained: ba}, a.Sig.Card, b.Sig.Card, a.Sig.K, 1)
	return max(lo.Containment, lo.Contained) >= linkShare
}

// corroborated reports whether another hit that contains the query (by
// contains) is of hit i's story (linked).
func corroborated(hits []Hit, i int, contains func(Hit) bool) bool {
	a := hits[i]
	for j, b := range hits {
		if j == i || !contains(b) {
			continue
		}
		if linked(a, b) {
			return true
		}
	}
	return false
}

// isCompilation tells whether a document whose matches are hits and whose
// other passage-sharing documents are quotes is a compilation, by the rule
// of Dedup's clusters (see compilations): its partners fall into groups —
// two are in one when much of one is inside the other (linkShare) — that
// each hold a real share of it, none most of it.
func isCompilation(hits, quotes []Hit) bool {
	// Only the partners with a real share are grouped (as Dedup's
	// compilations do): pages sharing a line of furniture with the query
	// and one another would join its stories into one group.
	partners := slices.DeleteFunc(slices.Concat(hits, quotes), func(h Hit) bool {
		return max(h.containmentHi, h.Containment) < quotedShare
	})
	if len(partners) > 2*maxGroupNeighbours {
		partners = partners[:2*maxGroupNeighbours]
	}
	if len(partners) < 2 {
		return false
	}
	parent := make([]int, len(partners))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range partners {
		for j := i + 1; j < len(partners); j++ {
			if find(i) == find(j) {
				continue
			}
			if linked(partners[i], partners[j]) {
				parent[find(i)] = find(j)
			}
		}
	}
	// A group's share is its partners' largest; whether it is a real
	// share is told by the share raised by its uncertainty (a short quote
	// of a long story is a few shingles of the query, which the sets'
	// fingerprints measure only roughly): a page is rather kept as news
	// than lost.
	share, shareHi := make(map[int]float64), make(map[int]float64)
	for i, h := range partners {
		r := find(i)
		share[r] = max(share[r], h.Containment)
		shareHi[r] = max(shareHi[r], h.containmentHi, h.Containment)
	}
	return compiled(groupShares(share, shareHi))
}

// query finds the hits of a query and, with quotes, the documents that
// share one of its passage keys without matching it (at most
// 2·maxGroupNeighbours, with their estimates and signatures).
func (x *Index) query(ctx context.Context, f *Features, withQuotes bool) (hits, quotes []Hit, err error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if err := x.checkFeatures(f); err != nil {
		return nil, nil, err
	}
	if len(f.Keys) == 0 {
		return nil, nil, nil
	}
	x.mu.RLock()
	if x.memPending() {
		// Bring the memtables' tables up to date, then query: documents
		// added meanwhile are concurrent with the query.
		x.mu.RUnlock()
		x.mu.Lock()
		for _, mt := range x.frozen {
			mt.catchUp(x.keyCap)
		}
		x.mem.catchUp(x.keyCap)
		x.mu.Unlock()
		x.mu.RLock()
	}
	defer x.mu.RUnlock()
	if x.closed {
		return nil, nil, ErrClosed
	}
	q := f.Bits
	q.Card = f.Sig.Card
	var cands []candidate
	var qset setQuery // the query's shingles, once needed
	var scratch []uint64
	var setErr error
	verify := func(words []uint64, card uint32, set func() ([]byte, error), measure bool) verdict {
		o := minhash.BBit{B: uint8(x.opt.Bits), K: x.opt.Recipe.K, Card: card, Words: words}
		j, ab, ba := q.Compare(o)
		m := Match{Similarity: j, Containment: ab, Contained: ba}
		v := verdict{sig: o, m: m, ok: x.opt.near(m, q.Card, card), opening: -1, docOpen: -1}
		_, up := estimateBoundsSigma(m, q.Card, card, x.opt.Recipe.K, 1)
		v.hi = up.Containment
		if len(f.Hashes) == 0 {
			return v
		}
		// A close call is decided on the document's set, if it has one;
		// a match by the query's containment alone counts only if the
		// query's opening is mostly in the document (as a scan decides:
		// Dedup.ResolveOpenings). With measure (a document that shares a
		// passage with the query: its share of the query tells a
		// compilation, and is too small to estimate well) the set
		// decides whatever the estimate, as a scan's exact pass does.
		closeCall := x.opt.uncertain(m, q.Card, card)
		if !closeCall && !x.opt.byContainment(m, q.Card, card) && !measure {
			return v
		}
		enc, err := set()
		if err != nil || enc == nil {
			setErr = cmp.Or(setErr, err)
			return v
		}
		if qset.prods == nil {
			qset = newSetQuery(f.Hashes, f.Lead)
		}
		sm, sigma, opening, docOpening, out, err := setMatch(qset, enc, card, scratch)
		scratch = out
		if err != nil {
			return v // a damaged set: the estimate stands (Verify reports it)
		}
		// Decided on the set, as a scan's exact pass decides the pairs it
		// sets aside.
		v.m, v.verified = sm, true
		v.hi = min(sm.Containment+sigma/float64(max(len(qset.prods), 1)), 1)
		v.opening, v.docOpen = opening, docOpening
		v.outside = x.opt.openingOutside(v.m, opening) // the query is not inside the document
		v.ok = x.opt.near(x.opt.countOpenings(v.m, opening, docOpening), q.Card, card)
		return v
	}
	var seen []uint32 // candidates of the current table, usually few
	visit := func(i uint32) bool {
		if slices.Contains(seen, i) {
			return false
		}
		seen = append(seen, i)
		return true
	}
	var passages []uint64
	if x.pb >= 0 {
		passages = f.Passages[:min(len(f.Passages), maxPassages)]
	}
	for _, mt := range append(slices.Clip(x.frozen), x.mem) {
		seen = seen[:0]
		found := func(i uint32) {
			if !visit(i) {
				return
			}
			w := mt.words.item(int(i))
			r := docRef{mem: mt, idx: i}
			if v := verify(w, mt.cards.at(int(i)), r.set, false); v.ok {
				v.sig.Words = slices.Clone(w)
				cands = append(cands, candidate{r, v})
			}
		}
		for b, key := range f.Keys {
			mt.tables[b].find(key, found)
		}
	}
	var words []uint64
	var fpBuf [32]uint32
	fps := fpBuf[:0]
	for _, key := range f.Keys {
		fps = append(fps, fingerprint(key))
	}
	for _, s := range x.segs {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		seen = seen[:0]
		var err error
		found := func(i uint32) {
			if err != nil || !visit(i) {
				return
			}
			var card uint32
			if words, card, err = s.Signature(i, words); err != nil {
				return
			}
			r := docRef{seg: s, idx: i}
			if v := verify(words, card, r.set, false); v.ok {
				v.sig.Words = slices.Clone(words)
				cands = append(cands, candidate{r, v})
			}
		}
		if err = cmp.Or(s.FindAll(fps, found), err); err != nil {
			return nil, nil, err
		}
	}
	// Passage keys, as Dedup takes them: a key that KeyCap documents or
	// more already hold is furniture, or a story the bands find.
	var quoted *[]candidate
	var qc []candidate
	if withQuotes {
		quoted = &qc
	}
	if len(passages) > 0 {
		var err error
		if cands, err = x.passageCandidates(passages, cands, verify, quoted); err != nil {
			return nil, nil, err
		}
	}
	if setErr != nil {
		return nil, nil, setErr
	}
	toHits := func(cands []candidate) ([]Hit, error) {
		hits := make([]Hit, 0, len(cands))
		for _, c := range cands {
			var meta docMeta
			var num uint64
			if c.seg != nil {
				var err error
				if meta, err = x.cache.get(c.seg, c.idx); err != nil {
					return nil, err
				}
				num = c.seg.First() + uint64(c.idx)
			} else {
				meta, num = c.mem.meta.at(int(c.idx)), c.mem.first+uint64(c.idx)
			}
			if x.deleted(meta.ID, num) {
				continue
			}
			hits = append(hits, Hit{ID: meta.ID, URL: meta.URL, Date: meta.Date,
				Similarity: c.m.Similarity, Containment: c.m.Containment, Contained: c.m.Contained, Verified: c.verified, Sig: c.sig, outside: c.outside, opening: c.opening, docOpen: c.docOpen, containmentHi: c.hi})
		}
		slices.SortFunc(hits, func(a, b Hit) int {
			return cmp.Or(-cmp.Compare(a.Score(), b.Score()), cmp.Compare(a.ID, b.ID), cmp.Compare(a.URL, b.URL))
		})
		return hits, nil
	}
	if hits, err = toHits(cands); err == nil && len(qc) > 0 {
		quotes, err = toHits(qc)
	}
	return hits, quotes, err
}

// passageCandidates adds to cands the verified documents that share one of
// the passage keys with the query and are not candidates already, and to
// quoted (if not nil, up to 2·maxGroupNeighbours) those that do not
// verify; with quoted, each is measured on its shingle set where it has
// one. The caller holds mu (read).
func (x *Index) passageCandidates(passages []uint64, cands []candidate, verify func([]uint64, uint32, func() ([]byte, error), bool) verdict, quoted *[]candidate) ([]candidate, error) {
	done := make(map[docRef]bool, len(cands))
	for _, c := range cands {
		done[c.docRef] = true
	}
	var under []docRef
	var words []uint64
	for _, key := range passages {
		under = under[:0]
		for _, mt := range append(slices.Clip(x.frozen), x.mem) {
			mt.tables[x.pb].find(key, func(i uint32) { under = append(under, docRef{mem: mt, idx: i}) })
		}
		fp := fingerprint(key)
		for _, s := range x.segs {
			if err := s.Find(x.pb, fp, func(i uint32) { under = append(under, docRef{seg: s, idx: i}) }); err != nil {
				return cands, err
			}
		}
		if len(under) >= x.opt.KeyCap {
			continue
		}
		for _, r := range under {
			if done[r] {
				continue
			}
			done[r] = true
			var card uint32
			w := words
			if r.mem != nil {
				w, card = r.mem.words.item(int(r.idx)), r.mem.cards.at(int(r.idx))
			} else {
				var err error
				if words, card, err = r.seg.Signature(r.idx, words); err != nil {
					return cands, err
				}
				w = words
			}
			c := candidate{r, verify(w, card, r.set, quoted != nil)}
			if c.ok {
				c.sig.Words = slices.Clone(w)
				cands = append(cands, c)
			} else if quoted != nil && len(*quoted) < 2*maxGroupNeighbours {
				c.sig.Words = slices.Clone(w)
				*quoted = append(*quoted, c)
			}
		}
	}
	return cands, nil
}

// memPending reports whether a memtable has entries to catch up on. The
// caller holds mu.
func (x *Index) memPending() bool {
	if x.mem.pending() {
		return true
	}
	for _, mt := range x.frozen {
		if mt.pending() {
			return true
		}
	}
	return false
}

// deleted reports whether a Delete removed document num with id.
func (x *Index) deleted(id string, num uint64) bool {
	if len(x.tombs) == 0 {
		return false
	}
	below, ok := x.tombs[idHash(id)]
	return ok && num < below
}

// Get returns the metadata of the document with id (its Text is nil), and
// whether the index holds one. It may read the index's files.
func (x *Index) Get(id string) (Doc, bool, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.closed {
		return Doc{}, false, ErrClosed
	}
	return x.getLocked(id)
}

// Contains reports whether the index holds a document with id.
func (x *Index) Contains(id string) (bool, error) {
	_, ok, err := x.Get(id)
	return ok, err
}

// mayHoldID reports whether a document of the index may have an id of
// hash h: a memtable or a segment knows the hash. The caller holds mu.
func (x *Index) mayHoldID(h uint64) bool {
	if x.mem.ids.has(h) {
		return true
	}
	for _, mt := range x.frozen {
		if mt.ids.has(h) {
			return true
		}
	}
	for _, s := range x.segs {
		if idxs, err := s.LookupID(h); err == nil && len(idxs) > 0 {
			return true
		}
	}
	return false
}

// getLocked is Get; the caller holds mu.
func (x *Index) getLocked(id string) (Doc, bool, error) { return x.findLocked(id, false) }

// findLocked is getLocked that, with skip, passes over a segment it cannot
// read (Verify reports it) instead of failing.
func (x *Index) findLocked(id string, skip bool) (Doc, bool, error) {
	h := idHash(id)
	// The newest first: memtables, then segments from the last.
	mts := append(slices.Clip(x.frozen), x.mem)
	for k := len(mts) - 1; k >= 0; k-- {
		mt := mts[k]
		for _, i := range mt.lookupID(h) {
			d := mt.meta.at(int(i))
			if d.ID == id && !x.deleted(id, mt.first+uint64(i)) {
				return Doc{ID: d.ID, URL: d.URL, Date: d.Date}, true, nil
			}
		}
	}
	for k := len(x.segs) - 1; k >= 0; k-- {
		s := x.segs[k]
		idxs, err := s.LookupID(h)
		if err != nil {
			if skip {
				continue
			}
			return Doc{}, false, err
		}
		for j := len(idxs) - 1; j >= 0; j-- {
			d, err := x.cache.get(s, idxs[j])
			if err != nil {
				if skip {
					continue
				}
				return Doc{}, false, err
			}
			if d.ID == id && !x.deleted(id, s.First()+uint64(idxs[j])) {
				return Doc{ID: d.ID, URL: d.URL, Date: d.Date}, true, nil
			}
		}
	}
	return Doc{}, false, nil
}

// Delete removes the documents with id added so far: queries stop
// returning them at once, the deletion is durable after the next Flush, and
// Compact removes them from the files. Documents added with the id later
// are not affected.
func (x *Index) Delete(id string) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if err := x.writable(); err != nil {
		return err
	}
	h := idHash(id)
	x.tombs[h] = x.next
	x.deletions = true
	// The deletion covers the documents an earlier replacement deleted
	// and the replacing one: nothing of it waits for that document any
	// more (see memtable.replaced).
	for _, mt := range append(slices.Clip(x.frozen), x.mem) {
		mt.replaced = slices.DeleteFunc(mt.replaced, func(r replaceRec) bool { return r.h == h })
	}
	return nil
}

// Flush makes the documents added and the deletions made since the last
// Flush durable: it writes the documents still in memory to a segment
// file, merges the newest segments if they have grown to the size of the
// one before them (each merge writes at most twice the data the merged
// segments hold), and records the result in the manifest in one step.
// When Flush returns nil, all of it survives a crash; when it returns an
// error, nothing of it was recorded (a damaged segment that the merge
// would read is found before the commit), the documents stay queryable in
// memory, and a later Flush tries again.
func (x *Index) Flush() error { return x.FlushContext(context.Background()) }

// FlushContext is Flush under a context: a Flush cancelled while it waits
// for another writer, or while it writes, records nothing (as a failed
// Flush) and returns ctx's error; the documents stay in memory for the
// next one.
func (x *Index) FlushContext(ctx context.Context) error {
	if err := x.lockWrite(ctx); err != nil {
		return err
	}
	defer x.unlockWrite()
	return x.flushLocked()
}

// lockWrite takes the writer's turn, unless ctx ends first.
func (x *Index) lockWrite(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err // not a turn taken at random when both are ready
	}
	select {
	case x.writing <- struct{}{}:
		x.writeCtx = ctx
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (x *Index) unlockWrite() {
	x.writeCtx = nil
	<-x.writing
}

// cancelled returns the error of the writer's context, if it has ended.
// The caller holds the writer's turn.
func (x *Index) cancelled() error {
	if x.writeCtx == nil {
		return nil
	}
	return x.writeCtx.Err()
}

// Spill writes the documents added since the last Flush or Spill to
// segment files without recording them in the manifest: they stop taking
// memory and queries go on finding them, but they are durable only after
// the next Flush, which records them all at once, and Rollback discards
// them. A bulk load that must be all or nothing spills every so many
// documents and flushes at the end.
func (x *Index) Spill() error {
	x.lockWrite(context.Background())
	defer x.unlockWrite()
	written, n, err := x.writeFrozen()
	if err != nil {
		return err
	}
	x.mu.Lock()
	x.segs = append(x.segs, written...)
	x.frozen = x.frozen[n:]
	x.mu.Unlock()
	return nil
}

// Rollback discards everything since the last successful Flush: the
// documents added (in memory or spilled) and the deletions made. The
// index is then as it was after that Flush.
func (x *Index) Rollback() error {
	x.lockWrite(context.Background())
	defer x.unlockWrite()
	x.mu.Lock()
	defer x.mu.Unlock()
	if err := x.writable(); err != nil {
		return err
	}
	spilled := x.segs[x.committed:]
	x.segs = slices.Clip(x.segs[:x.committed])
	x.cache.drop(spilled)
	closeAll(spilled)
	x.frozen = nil
	x.deletions = false
	x.next = x.man.nextDoc
	x.tombs = make(map[uint64]uint64, len(x.man.tombs))
	for _, t := range x.man.tombs {
		x.tombs[t.id] = t.below
	}
	x.mem = x.newMemtable(x.next)
	return x.loadModel() // as the last Flush wrote it
}

// writeFrozen freezes the memtable and writes the frozen memtables (more
// than one if an earlier Flush failed) to new segment files, which it
// returns with how many memtables they hold; queries go on meanwhile. The
// caller holds the writer's turn (writing).
func (x *Index) writeFrozen() (written []*segFile, n int, err error) {
	x.mu.Lock()
	if err := x.writable(); err != nil {
		x.mu.Unlock()
		return nil, 0, err
	}
	if x.mem.len() > 0 {
		x.frozen = append(x.frozen, x.mem)
		x.mem = x.newMemtable(x.next)
	}
	frozen := slices.Clone(x.frozen)
	x.mu.Unlock()
	for _, mt := range frozen {
		s, err := x.writeMemtable(mt, x.takeSegment())
		if err != nil {
			closeAll(written)
			return nil, 0, err
		}
		written = append(written, s)
	}
	return written, len(frozen), nil
}

// takeSegment returns the number of a new segment file. The caller holds
// the writer's turn (writing).
func (x *Index) takeSegment() uint64 {
	n := x.nextSeg
	x.nextSeg++
	return n
}

// flushLocked is Flush; the caller holds the writer's turn (writing).
func (x *Index) flushLocked() error {
	written, nFrozen, err := x.writeFrozen()
	if err != nil {
		return err
	}
	if x.afterWrite != nil {
		x.afterWrite()
	}
	x.mu.RLock()
	all := append(slices.Clone(x.segs), written...)
	fresh := len(all) - x.committed // spilled and written: not yet recorded
	unchanged := fresh == 0 && !x.deletions
	x.mu.RUnlock()
	x.modelMu.RLock()
	var model []byte
	gen := x.modelGen
	if x.modelDirty {
		model = encodeModel(x.model)
	}
	x.modelMu.RUnlock()
	if unchanged && model == nil {
		return nil // nothing to record
	}
	// The site model, in a file of its own that the manifest will name.
	var modelFile string
	var modelNum uint64
	if model != nil {
		modelNum = x.takeSegment()
		modelFile = filepath.Join(x.dir, modelName(modelNum))
		if err := writeFileSync(x.dir, modelName(modelNum), model); err != nil {
			closeAll(written)
			return err
		}
	}
	dropModel := func() {
		if modelFile != "" {
			os.Remove(modelFile)
		}
	}

	// Merge the tail now, so that the manifest records the merged
	// segment: a merge that fails (a damaged segment) commits nothing.
	var merged *segFile
	k := tailMerge(all)
	if fresh > 0 && k >= 2 {
		src, _, err := x.mergeSource(all[len(all)-k:], nil)
		if err == nil {
			merged, err = x.writeSegment(x.takeSegment(), src)
		}
		if err != nil {
			closeAll(written)
			dropModel()
			return err
		}
	}
	final, replaced := all, []*segFile(nil)
	if merged != nil {
		final = append(slices.Clip(all[:len(all)-k]), merged)
		replaced = all[len(all)-k:]
	}

	if err := x.cancelled(); err != nil {
		closeAll(append(written, merged))
		dropModel()
		return err // the memtables stay frozen, and queryable
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closed {
		closeAll(append(written, merged))
		dropModel()
		return ErrClosed
	}
	snap := x.snapshotOf(final)
	oldModel := x.man.model
	if model != nil {
		snap.model = modelNum + 1
	}
	if err := x.commit(snap); err != nil {
		closeAll(append(written, merged))
		dropModel()
		return err // the memtables stay frozen, and queryable
	}
	if model != nil {
		if oldModel > 0 {
			os.Remove(filepath.Join(x.dir, modelName(oldModel-1)))
		}
		x.modelMu.Lock()
		x.modelDirty = x.modelGen != gen // changed while it was written
		x.modelBytes = int64(len(model))
		x.modelMu.Unlock()
	}
	x.segs, x.committed = final, len(final)
	x.frozen = x.frozen[nFrozen:]
	x.deletions = false
	x.cache.drop(replaced)
	// No query holds the replaced segments: queries hold mu.RLock
	// throughout.
	closeAll(replaced)
	return nil
}

// snapshotOf returns the manifest for the present state with segments
// segs: the deletions, the next numbers. The caller holds mu.
func (x *Index) snapshotOf(segs []*segFile) manifest {
	m := manifest{opt: x.opt, nextSeg: x.nextSeg, nextDoc: x.next, model: x.man.model}
	for _, s := range segs {
		m.segs = append(m.segs, segInfo{number: s.number, docs: uint64(s.Len()), first: s.First()})
	}
	for id, below := range x.tombs {
		m.tombs = append(m.tombs, tombstone{id, below})
	}
	slices.SortFunc(m.tombs, func(a, b tombstone) int { return cmp.Compare(a.id, b.id) })
	return m
}

// commit writes m as the manifest. The caller holds mu.
//
// Documents still in memtables are not in m: its next document number is
// the first of them, and its deletions do not reach beyond it, so that a
// crash leaves the numbers dense (merges rely on it) and a deletion never
// covers documents added after the crash.
func (x *Index) commit(m manifest) error {
	mts := append(slices.Clip(x.frozen), x.mem)
	var pending []*memtable // not in the manifest's segments
	for _, mt := range mts {
		covered := func(s segInfo) bool { return s.first <= mt.first && mt.first < s.first+s.docs }
		if mt.len() > 0 && !slices.ContainsFunc(m.segs, covered) {
			m.nextDoc = min(m.nextDoc, mt.first)
			pending = append(pending, mt)
		}
	}
	// The deletions that the pending documents' replacements made wait
	// for those documents: undone newest first, back to what the
	// deletion was before them.
	undo := make(map[uint64]replaceRec)
	for k := len(pending) - 1; k >= 0; k-- {
		for j := len(pending[k].replaced) - 1; j >= 0; j-- {
			r := pending[k].replaced[j]
			undo[r.h] = r
		}
	}
	if len(undo) > 0 {
		m.tombs = slices.DeleteFunc(m.tombs, func(t tombstone) bool {
			r, ok := undo[t.id]
			return ok && !r.had
		})
		for i := range m.tombs {
			if r, ok := undo[m.tombs[i].id]; ok {
				m.tombs[i].below = r.prev
			}
		}
	}
	for i := range m.tombs {
		m.tombs[i].below = min(m.tombs[i].below, m.nextDoc)
	}
	if err := writeFileSync(x.dir, manifestName, m.encode()); err != nil {
		return err
	}
	x.man = m
	return nil
}

// closeAll closes the segments and removes their files; nil entries are
// skipped.
func closeAll(segs []*segFile) {
	for _, s := range segs {
		if s != nil {
			s.Close()
			os.Remove(s.Name())
		}
	}
}

// tailMerge returns how many of the newest segments to merge (0 or 1:
// none): those that have grown to half the size of the one before them,
// so that each segment holds at least twice the documents of the next. A
// crawler that flushes often keeps a logarithmic number of segments, and
// each document is rewritten a logarithmic number of times.
func tailMerge(segs []*segFile) int {
	k, total := 1, 0
	if len(segs) == 0 {
		return 0
	}
	total = segs[len(segs)-1].Len()
	for k < len(segs) {
		prev, next := segs[len(segs)-k-1], segs[len(segs)-k]
		if 2*total < prev.Len() || prev.First()+uint64(prev.Len()) != next.First() {
			break
		}
		total += prev.Len()
		k++
	}
	return k
}

// Compact flushes, then merges all segments into one without the deleted
// documents. Queries go on while it runs.
func (x *Index) Compact() error { return x.CompactContext(context.Background()) }

// CompactContext is Compact under a context: a Compact cancelled while it
// waits or writes leaves the index as it was (a Flush that completed
// before the merge stays) and returns ctx's error.
func (x *Index) CompactContext(ctx context.Context) error {
	if err := x.lockWrite(ctx); err != nil {
		return err
	}
	defer x.unlockWrite()
	if err := x.flushLocked(); err != nil {
		return err
	}
	return x.compactLocked()
}

// compactLocked replaces every segment by one without the deleted
// documents, and forgets the deletions applied. The caller holds the
// writer's turn (writing), after a flush: every segment is recorded in the
// manifest.
func (x *Index) compactLocked() error {
	if err := x.cancelled(); err != nil {
		return err
	}
	x.mu.RLock()
	if x.closed {
		x.mu.RUnlock()
		return ErrClosed
	}
	segs := slices.Clone(x.segs)
	// The deletions to apply: not those of replacements whose documents
	// are still in memory (a crash would lose both).
	tombs := make(map[uint64]uint64, len(x.tombs))
	for id, below := range x.tombs {
		tombs[id] = below
	}
	mts := append(slices.Clip(x.frozen), x.mem)
	for k := len(mts) - 1; k >= 0; k-- {
		for j := len(mts[k].replaced) - 1; j >= 0; j-- {
			if r := mts[k].replaced[j]; r.had {
				tombs[r.h] = r.prev
			} else {
				delete(tombs, r.h)
			}
		}
	}
	x.mu.RUnlock()
	k := len(segs)
	if k == 0 || k == 1 && len(tombs) == 0 {
		return nil
	}

	src, dropped, err := x.mergeSource(segs, tombs)
	if err != nil {
		return err
	}
	last := segs[len(segs)-1]
	end := last.First() + uint64(last.Len()) // documents from end on are newer
	var merged *segFile
	reuse := k == 1 && len(dropped) == 0 // only deletions to forget
	if src.n > 0 && !reuse {
		if merged, err = x.writeSegment(x.takeSegment(), src); err != nil {
			return err
		}
	}
	// The merged documents are renumbered densely from segs[0].first:
	// numbers from end on shift down by delta, and a deletion bound
	// within the merged range becomes the count of documents below it
	// that stayed.
	delta := end - (src.first + uint64(src.n))
	renumber := func(num uint64) uint64 {
		if num >= end {
			return num - delta
		}
		if num <= src.first {
			return num
		}
		gone, _ := slices.BinarySearch(dropped, num)
		return num - uint64(gone)
	}

	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closed {
		closeAll([]*segFile{merged})
		return ErrClosed
	}
	oldTombs, oldNext := x.tombs, x.next
	oldFirst := make([]uint64, len(x.frozen)+1)
	newTombs := make(map[uint64]uint64, len(x.tombs))
	for id, below := range x.tombs {
		if tombs[id] == below && below <= end {
			continue // applied to every document it covers
		}
		newTombs[id] = renumber(below)
	}
	x.tombs, x.next = newTombs, renumber(x.next)
	oldReplaced := make([][]replaceRec, len(oldFirst))
	for i, mt := range append(slices.Clip(x.frozen), x.mem) {
		oldFirst[i] = mt.first
		mt.first = renumber(mt.first)
		// The deletions the memtable's replacements undo to, as the
		// tombstones themselves: applied ones gone, the rest renumbered.
		oldReplaced[i] = mt.replaced
		rs := slices.Clone(mt.replaced)
		for j := range rs {
			if !rs[j].had {
				continue
			}
			if tombs[rs[j].h] == rs[j].prev && rs[j].prev <= end {
				rs[j] = replaceRec{h: rs[j].h}
			} else {
				rs[j].prev = renumber(rs[j].prev)
			}
		}
		mt.replaced = rs
	}
	final := x.segs
	if !reuse {
		final = nil
		if merged != nil {
			final = []*segFile{merged}
		}
	}
	if err := x.commit(x.snapshotOf(final)); err != nil {
		x.tombs, x.next = oldTombs, oldNext
		for i, mt := range append(slices.Clip(x.frozen), x.mem) {
			mt.first, mt.replaced = oldFirst[i], oldReplaced[i]
		}
		closeAll([]*segFile{merged})
		return err
	}
	if reuse {
		return nil
	}
	old := x.segs
	x.segs, x.committed = final, len(final)
	x.cache.drop(old)
	// No query holds the old segments: queries hold mu.RLock throughout.
	closeAll(old)
	return nil
}

// Stats describes an index.
type Stats struct {
	Documents int // documents held, deleted ones included until Compact
	InMemory  int // documents in memory, not yet written to a segment
	Pending   int // documents not yet durable: in memory or spilled
	Segments  int
	Deletions int // ids deleted since the last Compact
	// Bytes of the segment files, by kind of content: SetBytes are the
	// documents' shingle sets (see Hit.Verified), IDBytes the table that
	// finds a document by its id (Get).
	SignatureBytes, BandBytes, MetadataBytes, SetBytes, IDBytes, ChecksumBytes, FileBytes int64
	// The site model: the (site, line) pairs it holds as furniture, and
	// the bytes of its file as last written (not in FileBytes).
	SiteLines  int
	ModelBytes int64
	Options    Options
}

// Stats returns figures of the index.
func (x *Index) Stats() Stats {
	x.mu.RLock()
	defer x.mu.RUnlock()
	st := Stats{Segments: len(x.segs), Deletions: len(x.tombs), Options: x.opt}
	x.modelMu.RLock()
	if x.model != nil {
		st.SiteLines, st.ModelBytes = x.model.Lines(), x.modelBytes
	}
	x.modelMu.RUnlock()
	for _, mt := range append(slices.Clip(x.frozen), x.mem) {
		st.InMemory += mt.len()
	}
	st.Documents = st.InMemory
	st.Pending = x.pendingDocs()
	for _, s := range x.segs {
		st.Documents += s.Len()
		z := s.Sizes()
		st.FileBytes += z.File
		st.SignatureBytes += z.Signatures + z.Cards
		st.BandBytes += z.Bands
		st.MetadataBytes += z.Metadata
		st.SetBytes += z.Sets
		st.IDBytes += z.IDs
		st.ChecksumBytes += z.Checksums
	}
	return st
}

// Verify checks every checksum and the structure of every file of the
// index: the manifest on disk and every segment.
func (x *Index) Verify() error {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.closed {
		return ErrClosed
	}
	if _, err := readManifest(x.dir); err != nil {
		return err
	}
	for _, s := range x.segs {
		if err := s.Verify(); err != nil {
			return err
		}
	}
	return nil
}

// Close flushes the index (unless it was opened read-only) and closes it.
// If the Flush fails, the index is closed all the same and the error names
// the documents that were not made durable: they are lost, as are the
// deletions since the last Flush. Call Rollback first to close without
// flushing.
func (x *Index) Close() error {
	var ferr error
	if !x.readOnly {
		x.lockWrite(context.Background())
		defer x.unlockWrite()
		x.mu.RLock()
		closed := x.closed
		x.mu.RUnlock()
		if closed {
			return nil
		}
		if ferr = x.flushLocked(); ferr != nil {
			x.mu.RLock()
			lost := x.pendingDocs()
			x.mu.RUnlock()
			ferr = fmt.Errorf("index: %s closed without flushing %d document(s): %w", x.dir, lost, ferr)
		}
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closed {
		return nil
	}
	x.closed = true
	x.cache.drop(x.segs[x.committed:])
	for _, s := range x.segs[x.committed:] {
		s.Close()
		os.Remove(s.Name()) // spilled, never recorded
	}
	x.segs = x.segs[:x.committed]
	x.closeSegments()
	if err := x.unlock(); ferr == nil {
		ferr = err
	}
	return ferr
}

// pendingDocs counts the documents not yet durable: in memory or
// spilled. The caller holds mu.
func (x *Index) pendingDocs() int {
	n := 0
	for _, mt := range append(slices.Clip(x.frozen), x.mem) {
		n += mt.len()
	}
	for _, s := range x.segs[x.committed:] {
		n += s.Len()
	}
	return n
}

// Destroy discards what was not flushed, closes the index and removes
// its files: the manifest, the segments, the LOCK file and the temporary
// files it makes, each recognised by its exact name and first bytes. Other
// files are left, and so is the directory unless Create made it and it is
// empty.
func (x *Index) Destroy() error {
	if x.readOnly {
		return ErrReadOnly
	}
	if err := x.Rollback(); err != nil {
		return err
	}
	x.mu.Lock()
	x.closed = true
	x.closeSegments()
	x.mu.Unlock()
	// Remove the files while holding the lock, the manifest first: an
	// index without one is not opened again.
	var firstErr error
	remove := func(name string) {
		if err := os.Remove(filepath.Join(x.dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) && firstErr == nil {
			firstErr = err
		}
	}
	remove(manifestName)
	entries, err := os.ReadDir(x.dir)
	if err != nil {
		x.unlock()
		return err
	}
	for _, e := range entries {
		if k := ownFile(x.dir, e); k != fileUnknown && k != fileLock {
			remove(e.Name())
		}
	}
	remove(lockName)
	if err := x.unlock(); firstErr == nil {
		firstErr = err
	}
	if x.madeDir && firstErr == nil {
		os.Remove(x.dir) // fails, and leaves it, if someone put a file there
	}
	return firstErr
}

// Walk calls fn with the id, URL and date of every document of the index
// that is not deleted, in the order they were added, until fn returns an
// error, which Walk returns. It reads every segment's metadata and holds
// off Add, Delete and Flush meanwhile.
func (x *Index) Walk(fn func(d Doc) error) error {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.closed {
		return ErrClosed
	}
	for _, s := range x.segs {
		for blk := range s.MetaBlocks() {
			metas, err := s.MetaBlock(blk)
			if err != nil {
				return err
			}
			for j, d := range metas {
				if x.deleted(d.ID, s.First()+uint64(blk*metaBlock+j)) {
					continue
				}
				if err := fn(Doc{ID: d.ID, URL: d.URL, Date: d.Date}); err != nil {
					return err
				}
			}
		}
	}
	for _, mt := range append(slices.Clip(x.frozen), x.mem) {
		for i := range mt.len() {
			d := mt.meta.at(i)
			if x.deleted(d.ID, mt.first+uint64(i)) {
				continue
			}
			if err := fn(Doc{ID: d.ID, URL: d.URL, Date: d.Date}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (x *Index) closeSegments() {
	for _, s := range x.segs {
		s.Close()
	}
	x.segs = nil
}

// metaCache keeps recently decoded metadata blocks.
type metaCache struct {
	mu     sync.Mutex
	max    int
	blocks map[metaKey][]docMeta
}

type metaKey struct {
	seg *segFile
	blk int
}

func (c *metaCache) init(max int) {
	c.max, c.blocks = max, make(map[metaKey][]docMeta)
}

func (c *metaCache) get(s *segFile, idx uint32) (docMeta, error) {
	k := metaKey{s, int(idx) / metaBlock}
	c.mu.Lock()
	b, ok := c.blocks[k]
	c.mu.Unlock()
	if !ok {
		var err error
		if b, err = s.MetaBlock(k.blk); err != nil {
			return docMeta{}, err
		}
		c.mu.Lock()
		if len(c.blocks) >= c.max {
			for old := range c.blocks { // an arbitrary one
				delete(c.blocks, old)
				break
			}
		}
		c.blocks[k] = b
		c.mu.Unlock()
	}
	return b[int(idx)%metaBlock], nil
}

func (c *metaCache) drop(segs []*segFile) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.blocks {
		if slices.Contains(segs, k.seg) {
			delete(c.blocks, k)
		}
	}
}
