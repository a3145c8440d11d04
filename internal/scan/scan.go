// Package scan runs the scan pipeline: it reads records from the inputs,
// removes learned site boilerplate, computes signatures on a pool of
// workers and adds the documents, in input order, to an in-memory
// near-duplicate index. The result does not depend on the number of
// workers: documents are numbered and clustered in the order of the sorted
// inputs and of the records in each.
package scan

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/extract"
	"github.com/mimeo-dedup/mimeo/internal/input"
)

// Config configures a scan.
type Config struct {
	Inputs []input.Input
	// Walked is what the walks of directories among the arguments
	// passed over (input.ExpandSkipped), for the summary; Run does not
	// use it.
	Walked input.Skipped
	Input  input.Options
	Dedup  index.Options
	// Jobs is the number of signing workers: 0 means one per CPU, 1 runs
	// the whole pipeline in the calling goroutine.
	Jobs int
	// Strict makes the first bad record or unreadable file fatal.
	Strict bool
	// Boilerplate enables a first pass over the inputs that learns each
	// site's boilerplate lines (from the records' URLs), removed before
	// signing. BoilerplateDocs is the number of documents of a site a line
	// must appear in (0: index.DefaultBoilerplateDocs).
	Boilerplate     bool
	BoilerplateDocs int
	// Model, with Boilerplate, is the model the first pass starts from and
	// teaches instead of an empty one (its own minimum of documents
	// applies): an index's site model (index.Index.SiteModel), which then
	// learns the scan's documents. Result.Boilerplate is it.
	Model *index.Boilerplate
	// CacheBytes bounds the memory that keeps the documents read in the
	// boilerplate pass for the second pass, which then neither reads nor
	// decompresses the inputs again; larger inputs are read twice. With
	// Exact it bounds, apart, the memory that keeps the documents' shingle
	// sets (4 bytes a distinct shingle, see setStore) for the exact pass;
	// the sets beyond it go to a temporary file in TempDir: a scan may
	// hold up to twice CacheBytes. 0 means DefaultCacheBytes, negative
	// disables the caches (every set goes to the file).
	CacheBytes int64
	// TempDir is where a scan's temporary files go ("" for the system's,
	// os.TempDir). They are unlinked once created where the system
	// allows it, so that a killed scan leaves nothing behind.
	TempDir string
	// Progress, if set, is called from one goroutine after every batch.
	Progress func(Progress)
	// Warn, if set, receives every skipped record and unreadable file.
	Warn func(error)
	// Extract chooses what is taken of an HTML page (WARC responses,
	// .html files): its main text (ExtractAuto, the zero value), all its
	// visible text (ExtractAll) or the markup as it is (ExtractNone).
	Extract ExtractMode
	// Visit, if set, is called from one goroutine, in input order, with
	// each document added: its number, its description and its features,
	// which are only valid during the call. An error stops the scan.
	Visit func(num uint32, d *Doc, f *index.Features) error
	// Compilations, if set, is called once every document is added,
	// before they are clustered: the documents it returns (by number)
	// quote unrelated stories known elsewhere — an index's, as Visit
	// learns (index.SeenResult.Compilation) — and are clustered as
	// compilations (index.Dedup.MarkCompilation).
	Compilations func() []uint32
	// NoDedup skips the in-memory near-duplicate search and the list of
	// documents: Result.Dedup, Clusters and Docs stay empty. For scans
	// whose Visit does the work, such as building an index.
	NoDedup bool
	// Exact decides the candidate pairs whose MinHash estimate lies too
	// close to a threshold on their exact similarity and containments
	// (index.Dedup.DeferUncertain), on the documents' shingle sets the
	// second pass keeps (see CacheBytes).
	Exact bool
	// Oracle decides every pair of documents that share a shingle on its
	// exact values instead (implying Exact): what the near-duplicate rule
	// and the clustering give without the estimates' errors and without
	// candidates missed by LSH, for evaluations. It holds every document's
	// shingle set in memory; shingles found in more than oracleMaxDocs
	// documents do not make pairs.
	Oracle bool
	// ListSkipped makes Result.SkippedRecords list every skipped record
	// (for a per-record report: mimeo scan --assign).
	ListSkipped bool
	// Open, if set, is called each time an input that is standard input
	// or another non-regular file (Size < 0: a pipe, a device) is read, and
	// returns what to read instead of opening its path: once per pass, so
	// that the boilerplate pass and a later re-reading see the same data
	// (see Spool). A nil reader means the path is opened as usual.
	Open func(in input.Input) (io.Reader, error)
}

// oracleMaxDocs bounds the documents a shingle makes oracle pairs among.
const oracleMaxDocs = 2000

// Progress reports how far a scan is.
type Progress struct {
	Pass    int   // 1: learning boilerplate, 2: signing and clustering
	Records int64 // records read in this pass, skipped ones included
	Docs    int64 // documents added (pass 2)
	Bytes   int64 // bytes of input read in this pass (decompressed)
	Matched int64 // documents that matched an earlier one (pass 2)
}

// Doc describes one document of the scan, numbered as in the index.
type Doc struct {
	ID, URL, Date, Source string
	Input                 int   // index in Config.Inputs
	Line                  int64 // line of the record in its input (1 for text files)
	Offset                int64 // byte offset of the record in the (decompressed) input
	Len                   int   // bytes of text
	Shingles              int   // shingles after boilerplate removal
}

// Result is the outcome of a scan.
type Result struct {
	Docs        []Doc
	Dedup       *index.Dedup
	Clusters    [][]uint32         // clusters of two or more documents (see index.Dedup.Cluster)
	Boilerplate *index.Boilerplate // nil without the boilerplate pass
	Records     int64              // records read in pass 2, skipped ones included
	TextBytes   int64              // bytes of text of the documents
	InputBytes  int64              // bytes of (decompressed) input read in pass 2
	Skipped     map[string]int64   // skipped records by reason
	// SkippedRecords lists each skipped record, in input order, when
	// Config.ListSkipped is set.
	SkippedRecords []SkippedRecord
	NotPages       map[string]int64 // WARC or ARC records that are not pages, by reason
	Warnings       map[string]int64 // records read despite a problem, by reason
	FileErrors     []error          // inputs that could not be read to the end
	Empty          []string         // inputs that held no record at all (an empty file, blank lines)
	// NoText are the tables found in directories without the text
	// column (input.ErrNoTextColumn), passed over.
	NoText    []string
	Undecided int // candidate pairs decided on exact values (Config.Exact)
	// SetBytes and SetSpilled are the bytes of the documents' shingle
	// sets the exact pass kept in memory and in a temporary file.
	SetBytes, SetSpilled int64
	// Digests identify what was read of each input (by index in
	// Config.Inputs), for a later pass to check that it reads the same.
	Digests []input.Digest
	Elapsed time.Duration
}

// SkippedRecord is a record a scan skipped.
type SkippedRecord struct {
	Input  int    // index in Config.Inputs
	Source string // FILE:LINE, or FILE:OFFSET for WARC (input.RecordError.Source)
	Line   int64  // 0 for WARC
	Offset int64  // in the decompressed input
	Reason string // input.Reason's text
	Detail string // the error's detail, "" if none
}

// ErrChanged reports an input whose content changed while the scan read
// it more than once.
var ErrChanged = errors.New("scan: an input changed while it was read")

// ExtractMode is what a scan takes of an HTML page.
type ExtractMode uint8

const (
	ExtractAuto ExtractMode = iota // the main text (internal/extract)
	ExtractAll                     // all visible text
	ExtractNone                    // the markup as text
)

const (
	batchRecords = 256
	batchBytes   = 1 << 20
)

// DefaultCacheBytes is the default of Config.CacheBytes.
const DefaultCacheBytes = 1 << 30

type record struct {
	doc Doc
	// site: index.Site of the URL, else, for an HTML page, what its
	// markup says once it is extracted (extract.Extractor.Site).
	site string
	text []byte // aliases batch.buf, or batch.ext once extracted
	html bool   // text is HTML still to be reduced to its text
	// inExt: the text is extracted, batch.ext[ext[0]:ext[1]] (text
	// points there once the batch is complete, fixExt).
	inExt bool
	ext   [2]int
	// lines are the site model's keys of the lines of an HTML page
	// whose main text is text, its whole text's and text's (in
	// batch.lines; index.SitePageKeys), nil for other records: the first
	// pass learns from them (index.Boilerplate.ObserveKeys).
	lines []uint64
	// set is the record of the document's shingle set for the exact pass
	// (appendSetRecord), batch.sets[set[0]:set[1]], made by the worker
	// that signed it when the scan keeps the sets.
	set [2]int
	// tkeys are the site model's keys of text's lines in order (in
	// batch.tkeys; index.AppendLineKeys), computed in the first pass for
	// a record with a site: it counts them, and the second pass cleans
	// the text with them (index.Featurizer.ExtractLines).
	tkeys []uint64
}

type batch struct {
	seq   int
	recs  []record
	buf   []byte
	ext   []byte   // extracted text of the HTML records
	lines []uint64 // the records' lines
	tkeys []uint64 // the records' text lines' keys
	feats []index.Features
	sets  []uint32 // the records' set records (record.set)
	read  int64    // records read for this batch, skipped ones included
	bytes int64    // input bytes read for this batch
	raw   int      // bytes of the records' texts as read (HTML before extraction)
}

// hashSorter sorts shingle hashes — uniform 64-bit values — by their top
// bits into buckets of about two each, then by insertion, which moves each
// value within its bucket only: in linear time, half a comparison sort's.
// Values that crowd a bucket (repeats) are sorted by comparison.
type hashSorter struct {
	tmp    []uint64
	counts []int32
}

func (s *hashSorter) sort(h []uint64) {
	n := len(h)
	if n <= 48 {
		slices.Sort(h)
		return
	}
	shift := 64 - (bits.Len(uint(n)) - 1) // about two values a bucket
	buckets := 1 << (64 - shift)
	s.counts = slices.Grow(s.counts[:0], buckets+1)[:buckets+1]
	clear(s.counts)
	for _, v := range h {
		s.counts[v>>shift+1]++
	}
	most := int32(0)
	for i := 1; i <= buckets; i++ {
		most = max(most, s.counts[i])
		s.counts[i] += s.counts[i-1]
	}
	if most > 16 {
		slices.Sort(h) // repeats, or values that are not hashes
		return
	}
	s.tmp = slices.Grow(s.tmp[:0], n)[:n]
	for _, v := range h {
		b := v >> shift
		s.tmp[s.counts[b]] = v
		s.counts[b]++
	}
	// In bucket order, each value is at most a bucket from its place.
	for i := 1; i < n; i++ {
		v, j := s.tmp[i], i
		for ; j > 0 && s.tmp[j-1] > v; j-- {
			s.tmp[j] = s.tmp[j-1]
		}
		s.tmp[j] = v
	}
	copy(h, s.tmp)
}

// cacheLimit is the memory a scan's caches may hold (Config.CacheBytes).
func cacheLimit(cfg Config) int64 {
	switch {
	case cfg.CacheBytes == 0:
		return DefaultCacheBytes
	case cfg.CacheBytes < 0:
		return 0
	}
	return cfg.CacheBytes
}

// cacheCost lets go of what a batch kept for the second pass no longer
// needs — the HTML of pages already reduced to their texts, and the room
// its buffers have to spare (a batch of 256 short records fills a
// fraction of a buffer made for a megabyte) — and returns the bytes it
// holds.
func (b *batch) cacheCost() int64 {
	texts := 0 // bytes of the texts in buf
	for i := range b.recs {
		if r := &b.recs[i]; !r.inExt {
			texts += len(r.text)
		}
	}
	switch {
	case texts == 0:
		b.buf = nil
	case cap(b.buf) > texts+texts/8:
		buf := make([]byte, 0, texts)
		for i := range b.recs {
			if r := &b.recs[i]; !r.inExt {
				at := len(buf)
				buf = append(buf, r.text...)
				r.text = buf[at:len(buf):len(buf)]
			}
		}
		b.buf = buf
	}
	if cap(b.ext) > len(b.ext)+len(b.ext)/8 {
		b.ext = append(make([]byte, 0, len(b.ext)), b.ext...)
		fixExt(b)
	}
	return int64(cap(b.buf)) + int64(cap(b.ext)) + 8*int64(cap(b.tkeys)) + int64(len(b.recs))*128
}

func (b *batch) reset() {
	b.recs, b.buf, b.ext, b.lines, b.sets, b.read, b.bytes, b.raw = b.recs[:0], b.buf[:0], b.ext[:0], b.lines[:0], b.sets[:0], 0, 0, 0
	b.tkeys = nil
}

// worker holds the per-goroutine state of extracting and signing.
type worker struct {
	ex *index.Featurizer
	// sets makes sign compute each record's set record (record.set);
	// sorter and hashes are its scratch.
	sets   bool
	sorter hashSorter
	hashes []uint64

	page *extract.Extractor
	mode ExtractMode
	// pages gives each HTML page the keys of its whole text's lines
	// (record.lines), for the site model; page2 and keys are scratch.
	pages bool
	page2 []byte
	keys  []uint64
	// tkeys and tat gather a batch's text line keys (record.tkeys) before
	// they are copied into an array of their size.
	tkeys []uint64
	tat   []int
}

// prepare reduces the batch's HTML records to their text.
func (w *worker) prepare(b *batch) {
	html := false
	for i := range b.recs {
		if r := &b.recs[i]; r.html {
			w.extract(b, r, r.text)
			html = true
		}
	}
	if html {
		fixExt(b)
	}
	if w.pages && b.tkeys == nil {
		w.lineKeys(b)
	}
}

// lineKeys computes the keys of the lines of the texts of b's records
// that have a site (record.tkeys), in the first pass.
func (w *worker) lineKeys(b *batch) {
	w.tkeys, w.tat = w.tkeys[:0], w.tat[:0]
	for i := range b.recs {
		w.tat = append(w.tat, len(w.tkeys))
		if r := &b.recs[i]; r.site != "" {
			w.tkeys = index.AppendLineKeys(w.tkeys, r.site, r.text)
		}
	}
	if len(w.tkeys) == 0 {
		return
	}
	b.tkeys = slices.Clone(w.tkeys)
	for i := range b.recs {
		if r := &b.recs[i]; r.site != "" {
			end := len(b.tkeys)
			if i+1 < len(b.recs) {
				end = w.tat[i+1]
			}
			r.tkeys = b.tkeys[w.tat[i]:end:end]
		}
	}
}

// extract reduces the HTML page src of record r, one of b's, to its text,
// appended to b.ext (the texts are a fraction of the HTML: ext grows as
// they come, and fixExt points the records into it once all are in).
func (w *worker) extract(b *batch, r *record, src []byte) {
	if w.mode == ExtractAuto && w.pages && b.lines == nil {
		if p, ok := linesPool.Get().(*[]uint64); ok {
			b.lines = *p
		}
	}
	start := len(b.ext)
	switch w.mode {
	case ExtractAuto:
		b.ext = w.page.AppendText(b.ext, src)
		if r.site == "" {
			r.site = w.page.Site() // a page without a URL: what its markup says
		}
		if w.pages && r.site != "" {
			w.page2 = w.page.AppendPageText(w.page2[:0])
			w.keys = index.SiteLineKeys(w.keys[:0], r.site, w.page2) // the text's: record.tkeys
			at := len(b.lines)
			b.lines = append(b.lines, w.keys...)
			r.lines = b.lines[at:len(b.lines):len(b.lines)] // an earlier array, if append moved, still holds its keys
		}
	case ExtractAll:
		b.ext = w.page.AppendAllText(b.ext, src)
		if r.site == "" {
			r.site = w.page.Site()
		}
	default:
		b.ext = append(b.ext, src...)
	}
	r.ext, r.inExt, r.html, r.text = [2]int{start, len(b.ext)}, true, false, nil
	r.doc.Len = len(b.ext) - start
}

// fixExt points each extracted record's text into b.ext.
func fixExt(b *batch) {
	for i := range b.recs {
		if r := &b.recs[i]; r.inExt {
			r.text = b.ext[r.ext[0]:r.ext[1]:r.ext[1]]
		}
	}
}

// linesPool holds the buffers of batches' line keys, used from a batch's
// extraction to its observation.
var linesPool sync.Pool

// featsPool holds the features of batches done with, for the next ones;
// setsPool their set records' buffers.
var featsPool, setsPool sync.Pool

func (w *worker) sign(b *batch) {
	w.prepare(b)
	if b.feats == nil {
		if p, ok := featsPool.Get().(*[]index.Features); ok {
			b.feats = *p
		}
	}
	if cap(b.feats) < len(b.recs) {
		b.feats = append(b.feats[:cap(b.feats)], make([]index.Features, len(b.recs)-cap(b.feats))...)
	}
	b.feats = b.feats[:len(b.recs)]
	for i := range b.recs {
		r := &b.recs[i]
		w.ex.ExtractLines(r.text, r.site, r.tkeys, &b.feats[i])
		r.doc.Shingles = b.feats[i].Shingles
		r.tkeys = nil
		if w.sets {
			if b.sets == nil {
				if p, ok := setsPool.Get().(*[]uint32); ok {
					b.sets = *p
				}
			}
			at := len(b.sets)
			b.sets, w.hashes = appendSetRecord(b.sets, &w.sorter, w.hashes, b.feats[i].Hashes, b.feats[i].Lead)
			r.set = [2]int{at, len(b.sets)}
		}
	}
	b.tkeys = nil // signed: the keys are done with
}

// Run scans the inputs. A per-record problem skips the record (it is
// counted in Result.Skipped and passed to Config.Warn) unless Strict; an
// input that cannot be read to the end is recorded in Result.FileErrors
// after the records read from it were kept, unless Strict.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	start := time.Now()
	if _, err := index.NewFeaturizer(cfg.Dedup); err != nil {
		return nil, err
	}
	dd, err := index.NewDedup(cfg.Dedup)
	if err != nil {
		return nil, err
	}
	res := &Result{Dedup: dd, Skipped: make(map[string]int64), NotPages: make(map[string]int64), Warnings: make(map[string]int64)}
	jobs := cfg.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	// Size the index for the inputs (about 3 KB per document of text;
	// compressed inputs hold about three times their size).
	var estimate int64
	for _, in := range cfg.Inputs {
		if in.Compressed {
			estimate += 3 * in.Size
		} else if in.Size > 0 {
			estimate += in.Size
		}
	}
	if cfg.NoDedup {
		res.Dedup = nil
	} else {
		dd.Reserve(int(min(estimate/3000, 1<<26)))
		dd.SetWorkers(jobs)
		dd.DeferUncertain(cfg.Exact || cfg.Oracle)
		dd.DeferAll(cfg.Oracle)
	}

	// source feeds pass 2: the inputs, or the batches pass 1 kept.
	source := func(get func() *batch, put func(*batch) error) error {
		return readBatches(ctx, cfg, res, nil, get, put)
	}
	keepCache := (cfg.Exact || cfg.Oracle) && !cfg.NoDedup // for the exact pass
	newWorker := func() *worker {
		ex, _ := index.NewFeaturizer(cfg.Dedup) // validated above
		if res.Boilerplate != nil {             // set after pass 1
			ex.SetBoilerplate(res.Boilerplate)
		}
		ex.KeepHashes(keepCache || cfg.Visit != nil) // an index keeps the sets
		// The first pass keeps the pages' whole texts for the site model.
		// (Not for a model of an old file, whose keys hash otherwise: it
		// learns from the main texts as it did.)
		return &worker{ex: ex, page: extract.New(extract.Options{}), mode: cfg.Extract, sets: keepCache,
			pages: cfg.Boilerplate && res.Boilerplate == nil && cfg.Model.PageKeys()}
	}
	cached := false
	var cache []*batch
	if cfg.Boilerplate {
		if res.Boilerplate, cache, err = learnBoilerplate(ctx, cfg, res, jobs, newWorker); err != nil {
			return nil, err
		}
		if cache != nil {
			cached = true
			source = func(_ func() *batch, put func(*batch) error) error {
				for i, b := range cache {
					cache[i] = nil // let the collector's batch go once used
					if err := put(b); err != nil {
						return err
					}
				}
				return nil
			}
		}
	}

	var prog Progress
	prog.Pass = 2
	// For the exact pass, every document's shingle set, in memory within
	// the cache's budget and on disk beyond it.
	var sets *setStore
	if keepCache {
		sets = newSetStore(cacheLimit(cfg), cfg.TempDir)
		defer sets.close()
	}
	collect := func(b *batch) error {
		for i := range b.recs {
			r := &b.recs[i]
			if !cfg.NoDedup {
				doc, matches, err := dd.Add(&b.feats[i])
				if err != nil {
					return err
				}
				if matches > 0 {
					prog.Matched++
				}
				res.Docs = append(res.Docs, r.doc)
				if keepCache {
					if err := sets.addRecord(doc, b.sets[r.set[0]:r.set[1]]); err != nil {
						return err
					}
				}
			}
			if cfg.Visit != nil {
				if err := cfg.Visit(uint32(prog.Docs), &r.doc, &b.feats[i]); err != nil {
					return err
				}
			}
			prog.Docs++
			res.TextBytes += int64(r.doc.Len)
		}
		prog.Records += b.read
		prog.Bytes += b.bytes
		if cfg.Progress != nil {
			cfg.Progress(prog)
		}
		if cached {
			feats := b.feats[:0]
			featsPool.Put(&feats)
			b.feats = nil
			if b.sets != nil {
				sets := b.sets[:0]
				setsPool.Put(&sets)
			}
			b.buf, b.ext, b.recs, b.sets = nil, nil, nil, nil // done with this batch
		}
		return nil
	}

	if jobs == 1 {
		w := newWorker()
		b := new(batch)
		get, put := func() *batch { b.reset(); return b }, func(b *batch) error {
			w.sign(b)
			return collect(b)
		}
		if cached {
			err = source(get, put)
		} else {
			err = readBatches(ctx, cfg, res, w, get, put) // pages extracted as they are read
		}
	} else {
		err = runParallel(ctx, jobs, source, !cached, newWorker, (*worker).sign, collect)
	}
	res.Records = prog.Records
	res.InputBytes = prog.Bytes
	if err != nil {
		res.Elapsed = time.Since(start)
		return res, err
	}
	if !cfg.NoDedup {
		if cfg.Exact || cfg.Oracle {
			if err := resolveExact(ctx, cfg, res, sets); err != nil {
				res.Elapsed = time.Since(start)
				return res, err
			}
		}
		if cfg.Compilations != nil {
			for _, doc := range cfg.Compilations() {
				dd.MarkCompilation(doc)
			}
		}
		res.Clusters = dd.Cluster()
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// resolveExact decides the pairs the Dedup set aside on their exact
// similarity and containments, on the documents' sets the second pass
// kept (setStore), in the order the Dedup set them aside.
func resolveExact(ctx context.Context, cfg Config, res *Result, sets *setStore) error {
	dd := res.Dedup
	und := dd.Undecided()
	res.Undecided = len(und)
	if err := sets.finish(); err != nil {
		return err
	}
	res.SetBytes, res.SetSpilled = sets.inMemory(), sets.onDisk()
	if cfg.Oracle {
		all := make(map[uint32][]uint64, sets.docs())
		leads := make(map[uint32][]uint64, sets.docs())
		for doc := range uint32(sets.docs()) {
			set, lead, err := sets.get(doc, nil, nil)
			if err != nil {
				return err
			}
			all[doc], leads[doc] = set, lead
		}
		return decideExact(cfg, dd, und, all, leads)
	}
	jobs := cfg.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	return resolvePairs(ctx, dd, und, sets, jobs)
}

// exactChunk is the pairs a worker of the exact pass takes at a time.
const exactChunk = 2048

// exactResult is what index.Dedup.ExactSets found for a pair.
type exactResult struct {
	exact        index.Match
	aLead, bLead float64
}

// pairReader reads a pair's documents from the store, once for
// consecutive pairs that share one (the Dedup sets aside a new document's
// pairs together): two slots, the one not used last taken.
type pairReader struct {
	sets  *setStore
	buf   []byte
	slots [2]struct {
		doc       uint32
		ok        bool
		set, lead []uint64
	}
	last int
}

func (r *pairReader) lookup(doc uint32, busy int) (int, error) {
	for i := range r.slots {
		if r.slots[i].ok && r.slots[i].doc == doc {
			r.last = i
			return i, nil
		}
	}
	i := 1 - r.last
	if busy >= 0 {
		i = 1 - busy
	}
	s := &r.slots[i]
	var err error
	s.set, s.lead, err = r.sets.getBuf(doc, s.set, s.lead, &r.buf)
	s.doc, s.ok, r.last = doc, err == nil, i
	return i, err
}

// exact computes the results of pairs into out.
func (r *pairReader) exact(dd *index.Dedup, pairs []index.Pair, out []exactResult) error {
	for k, p := range pairs {
		a, err := r.lookup(p.A, -1)
		if err != nil {
			return err
		}
		b, err := r.lookup(p.B, a)
		if err != nil {
			return err
		}
		sa, sb := &r.slots[a], &r.slots[b]
		e := &out[k]
		e.exact, e.aLead, e.bLead = dd.ExactSets(p.A, p.B, sa.set, sb.set, sa.lead, sb.lead)
	}
	return nil
}

// resolvePairs decides und on the sets: jobs workers compute the exact
// values of chunks of pairs (index.Dedup.ExactSets only reads), and the
// pairs are resolved here in their order, so that the outcome does not
// depend on jobs. At most a few chunks a worker are ahead.
func resolvePairs(ctx context.Context, dd *index.Dedup, und []index.Pair, sets *setStore, jobs int) error {
	chunks := (len(und) + exactChunk - 1) / exactChunk
	pairsOf := func(k int) []index.Pair { return und[k*exactChunk : min((k+1)*exactChunk, len(und))] }
	apply := func(pairs []index.Pair, out []exactResult) {
		for i, p := range pairs {
			dd.ResolveOpenings(p.A, p.B, out[i].exact, out[i].aLead, out[i].bLead)
		}
	}
	if jobs <= 1 || chunks <= 1 {
		r := &pairReader{sets: sets, last: 1}
		out := make([]exactResult, exactChunk)
		for k := range chunks {
			if err := ctx.Err(); err != nil {
				return err
			}
			pairs := pairsOf(k)
			if err := r.exact(dd, pairs, out); err != nil {
				return err
			}
			apply(pairs, out)
		}
		return nil
	}
	type chunk struct {
		out  []exactResult
		err  error
		done chan struct{}
	}
	ctx, cancel := context.WithCancel(ctx)
	all := make([]chunk, chunks)
	for k := range all {
		all[k].done = make(chan struct{})
	}
	ahead := make(chan struct{}, 4*jobs) // chunks computed and not yet applied
	var next atomic.Int64
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := &pairReader{sets: sets, last: 1}
			for {
				select {
				case ahead <- struct{}{}:
				case <-ctx.Done():
					return
				}
				k := int(next.Add(1) - 1)
				if k >= chunks {
					return
				}
				c := &all[k]
				c.out = make([]exactResult, len(pairsOf(k)))
				if c.err = ctx.Err(); c.err == nil {
					c.err = r.exact(dd, pairsOf(k), c.out)
				}
				close(c.done)
			}
		}()
	}
	defer func() {
		cancel() // the workers stop at their next chunk
		wg.Wait()
	}()
	for k := range all {
		c := &all[k]
		select {
		case <-c.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if c.err != nil {
			return c.err
		}
		apply(pairsOf(k), c.out)
		c.out = nil
		<-ahead
	}
	return nil
}

// decideExact resolves the undecided pairs on the shingle sets of their
// documents and their openings (and, for an oracle, every pair).
func decideExact(cfg Config, dd *index.Dedup, und []index.Pair, sets, leads map[uint32][]uint64) error {
	for _, p := range und {
		dd.ResolveSets(p.A, p.B, sets[p.A], sets[p.B], leads[p.A], leads[p.B])
	}
	if cfg.Oracle {
		oraclePairs(dd, sets, leads)
	}
	return nil
}

// oraclePairs decides every pair of documents that share a shingle (one
// found in at most oracleMaxDocs documents) on its exact values.
func oraclePairs(dd *index.Dedup, sets, leads map[uint32][]uint64) {
	post := make(map[uint64][]uint32)
	for doc := range uint32(dd.Len()) {
		for _, h := range sets[doc] {
			post[h] = append(post[h], doc)
		}
	}
	seen := make(map[uint64]bool)
	for _, docs := range post {
		if len(docs) < 2 || len(docs) > oracleMaxDocs {
			continue
		}
		for i, a := range docs {
			for _, b := range docs[i+1:] {
				k := uint64(a)<<32 | uint64(b)
				if seen[k] {
					continue
				}
				seen[k] = true
				dd.ResolveSets(a, b, sets[a], sets[b], leads[a], leads[b])
			}
		}
	}
}

// runParallel takes batches from source, signs them on jobs workers and
// collects them here in sequence order. With recycle, batches go back to
// source's get through a pool of free ones.
func runParallel(parent context.Context, jobs int, source func(get func() *batch, put func(*batch) error) error,
	recycle bool, newWorker func() *worker, work func(*worker, *batch), collect func(*batch) error) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	free := make(chan *batch, 2*jobs+2)
	for range cap(free) {
		free <- new(batch)
	}
	todo := make(chan *batch, jobs)
	done := make(chan *batch, cap(free))

	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker()
			for b := range todo {
				work(w, b)
				done <- b
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(todo)
		readErr <- source(func() *batch {
			select {
			case b := <-free:
				b.reset()
				return b
			case <-ctx.Done():
				return nil
			}
		}, func(b *batch) error {
			if !recycle {
				// Cached batches carry their own numbers; bound how many
				// are in flight with the free pool's tokens.
				select {
				case <-free:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			select {
			case todo <- b:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	go func() {
		wg.Wait()
		close(done)
	}()

	pending := make(map[int]*batch)
	next := 0
	var err error
	for b := range done {
		if err != nil {
			continue // drain after a failure
		}
		pending[b.seq] = b
		for err == nil {
			nb, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if err = collect(nb); err != nil {
				cancel()
			}
			if recycle {
				free <- nb
			} else {
				free <- new(batch) // a token back
			}
		}
	}
	rerr := <-readErr
	switch {
	case err != nil:
		return err
	case parent.Err() != nil:
		return parent.Err()
	default:
		return rerr
	}
}

// readBatches reads every input in order into batches obtained from get
// and passes them, numbered, to put. It fills res.Skipped and
// res.FileErrors (the reader goroutine owns them until it returns). With a
// worker direct, HTML pages are reduced to their text as they are read
// (by the goroutine that reads, which then need not copy the HTML).
func readBatches(ctx context.Context, cfg Config, res *Result, direct *worker, get func() *batch, put func(*batch) error) error {
	seq := 0
	b := get()
	if b == nil {
		return ctx.Err()
	}
	flush := func() error {
		b.seq = seq
		seq++
		if err := put(b); err != nil {
			return err
		}
		if b = get(); b == nil {
			return ctx.Err()
		}
		return nil
	}
	err := eachRecord(ctx, cfg, res, func(i int, rec *input.Record, size int64) error {
		b.read++
		b.bytes += size
		if rec == nil {
			return nil
		}
		// The record's strings alias the reader's buffers: copy them.
		b.recs = append(b.recs, record{
			doc: Doc{
				ID: strings.Clone(rec.ID), URL: strings.Clone(rec.URL), Date: strings.Clone(rec.Date),
				Source: strings.Clone(rec.Source),
				Input:  i, Line: rec.Line, Offset: rec.Offset, Len: len(rec.Text),
			},
		})
		last := &b.recs[len(b.recs)-1]
		last.site = index.Site(last.doc.URL)
		last.html = rec.Format == input.HTML && cfg.Extract != ExtractNone
		b.raw += len(rec.Text)
		if last.html && direct != nil {
			direct.extract(b, last, rec.Text)
		} else {
			if b.buf == nil {
				b.buf = make([]byte, 0, batchBytes+batchBytes/4)
			}
			b.buf = append(b.buf, rec.Text...)
		}
		if len(b.recs) >= batchRecords || b.raw >= batchBytes {
			// The texts alias b.buf, which append may have moved: fix
			// them up once the batch is complete.
			fixTexts(b)
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(b.recs) > 0 || b.read > 0 {
		fixTexts(b)
		return flush()
	}
	return nil
}

// fixTexts points each record's text into the batch buffer, which holds
// the texts back to back in record order, or into b.ext for those
// extracted as they were read.
func fixTexts(b *batch) {
	off := 0
	for i := range b.recs {
		if b.recs[i].inExt {
			continue
		}
		n := b.recs[i].doc.Len
		b.recs[i].text = b.buf[off : off+n : off+n]
		off += n
	}
	fixExt(b)
}

// eachRecord calls fn for every record of every input in order, with the
// record's input index and the bytes it took in the input; a skipped
// record is passed as nil (and counted).
func eachRecord(ctx context.Context, cfg Config, res *Result, fn func(i int, rec *input.Record, size int64) error) error {
	for i, in := range cfg.Inputs {
		if err := eachRecordOf(ctx, cfg, res, i, in, fn); err != nil {
			return err
		}
	}
	return nil
}

func eachRecordOf(ctx context.Context, cfg Config, res *Result, i int, in input.Input, fn func(i int, rec *input.Record, size int64) error) (err error) {
	fileErr := func(err error) error {
		if in.FromDir && errors.Is(err, input.ErrNoTextColumn) {
			// A table found in a directory (file lists, labels) that
			// is not one of documents: passed over, and said.
			if !slices.Contains(res.NoText, in.Path) {
				res.NoText = append(res.NoText, in.Path)
				if cfg.Warn != nil {
					cfg.Warn(fmt.Errorf("%v; passed over", err))
				}
			}
			return nil
		}
		if cfg.Strict {
			return err
		}
		res.FileErrors = append(res.FileErrors, err)
		if cfg.Warn != nil {
			cfg.Warn(err)
		}
		return nil
	}
	opts := cfg.Input
	if (in.Path == "-" || in.Size < 0) && cfg.Open != nil {
		src, err := cfg.Open(in)
		if err != nil {
			return fileErr(err)
		}
		opts.Source = src
	}
	r, err := input.Open(in, opts)
	if err != nil {
		return fileErr(err)
	}
	defer r.Close()
	// Record what was read, and check it against what an earlier pass
	// read: the inputs must not change between passes.
	defer func() {
		d := r.Digest()
		if len(res.Digests) < len(cfg.Inputs) {
			res.Digests = make([]input.Digest, len(cfg.Inputs))
		}
		if old := res.Digests[i]; old != (input.Digest{}) && old != d && err == nil {
			err = fmt.Errorf("%w: %s (%d bytes read, then %d)", ErrChanged, in.Path, old.Bytes, d.Bytes)
		}
		res.Digests[i] = d
	}()
	var last int64 // offset after the previous record
	records, missing := 0, 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := r.Next()
		if err == io.EOF {
			if records == 0 {
				// Nothing at all: said once, as a skipped record is.
				res.Empty = append(res.Empty, in.Path)
				if cfg.Warn != nil {
					cfg.Warn(fmt.Errorf("%s: no records (an empty input)", in.Path))
				}
			}
			if records > 0 && missing == records {
				// Every record lacks the field: the flag names the wrong
				// one. An error, not a scan of nothing.
				return fileErr(fmt.Errorf("input: %s: none of its %d records has the text field %q; name the field that holds the text with --text-field", in.Path, records, cmp.Or(opts.TextField, "text")))
			}
			return nil
		}
		records++
		var re *input.RecordError
		switch {
		case errors.As(err, &re) && re.Reason.Filtered():
			// Not a page (a WARC request, metadata, an image, a
			// redirect): counted, neither a warning nor an error.
			res.NotPages[re.Reason.String()]++
			err = fn(i, nil, max(re.Offset-last, 0))
			last = max(re.Offset, last)
		case errors.As(err, &re):
			if cfg.Strict {
				return err
			}
			res.Skipped[re.Reason.String()]++
			if cfg.ListSkipped {
				sr := SkippedRecord{Input: i, Source: re.Source(), Line: re.Line, Offset: re.Offset, Reason: re.Reason.String()}
				if re.Err != nil {
					sr.Detail = re.Err.Error()
				}
				res.SkippedRecords = append(res.SkippedRecords, sr)
			}
			if re.Reason == input.ReasonMissingText {
				missing++
			}
			if cfg.Warn != nil {
				cfg.Warn(err)
			}
			err = fn(i, nil, max(re.Offset-last, 0))
			last = max(re.Offset, last)
		case err != nil:
			return fileErr(err)
		default:
			if rec.Warning != 0 {
				res.Warnings[rec.Warning.String()]++
			}
			end := rec.Offset + int64(len(rec.Raw)) + 1
			err = fn(i, rec, end-last)
			last = end
		}
		if err != nil {
			return err
		}
	}
}

// learnBoilerplate is the first pass: it reads every input and observes
// every document's lines per site. While the documents read fit in
// Config.CacheBytes it keeps their batches and returns them for the second
// pass, and then also records the skipped records and unreadable inputs in
// res (and reports them to Config.Warn); otherwise it returns no cache and
// the second pass reads, and reports, again. HTML is reduced to its text
// first, on jobs workers; the batches kept hold the text.
func learnBoilerplate(ctx context.Context, cfg Config, res *Result, jobs int, newWorker func() *worker) (*index.Boilerplate, []*batch, error) {
	var total int64
	for _, in := range cfg.Inputs {
		if in.Size > 0 {
			total += in.Size
		}
	}
	limit := cacheLimit(cfg)
	bp := cfg.Model
	if bp == nil {
		bp = index.NewBoilerplate(cfg.BoilerplateDocs, int(total/40))
	}
	scratch := &Result{Skipped: make(map[string]int64), NotPages: make(map[string]int64), Warnings: make(map[string]int64)}
	var warnings []error
	quiet := cfg
	quiet.Warn = func(err error) {
		if len(warnings) < 1000 {
			warnings = append(warnings, err)
		}
	}
	var cache []*batch
	var cached int64
	keep := limit > 0
	prog := Progress{Pass: 1}
	observe := func(b *batch) error {
		for i := range b.recs {
			if r := &b.recs[i]; r.tkeys != nil || r.lines != nil {
				bp.ObserveLines(r.site, r.text, r.tkeys, r.lines)
				r.lines = nil
			} else {
				bp.Observe(r.site, r.text)
			}
		}
		if b.lines != nil { // learned: not kept for the second pass
			p := b.lines[:0]
			linesPool.Put(&p)
			b.lines = nil
		}
		prog.Records += b.read
		prog.Bytes += b.bytes
		prog.Docs += int64(len(b.recs))
		if cfg.Progress != nil {
			cfg.Progress(prog)
		}
		if keep {
			cached += b.cacheCost()
			if cached > limit {
				keep, cache = false, nil
			} else {
				cache = append(cache, b)
			}
		}
		return nil
	}
	get := func() *batch {
		return &batch{recs: make([]record, 0, batchRecords)} // buf made once a record needs it
	}
	var err error
	if jobs == 1 {
		w := newWorker()
		err = readBatches(ctx, quiet, scratch, w, get, func(b *batch) error {
			w.prepare(b) // nothing left to extract
			return observe(b)
		})
	} else {
		// Workers reduce HTML to text while this goroutine observes the
		// batches in order (the model depends on the order of lines).
		err = runParallel(ctx, jobs, func(_ func() *batch, put func(*batch) error) error {
			return readBatches(ctx, quiet, scratch, nil, get, put)
		}, false, newWorker, (*worker).prepare, observe)
	}
	if err != nil {
		return nil, nil, err
	}
	res.Digests = scratch.Digests // the second pass reads the same, or fails
	if !keep {
		return bp, nil, nil
	}
	if cache == nil {
		cache = []*batch{} // kept, and empty: the second pass reads nothing again
	}
	// The second pass will not read: what this one found is the report.
	for r, n := range scratch.Skipped {
		res.Skipped[r] += n
	}
	res.SkippedRecords = append(res.SkippedRecords, scratch.SkippedRecords...)
	for r, n := range scratch.NotPages {
		res.NotPages[r] += n
	}
	for r, n := range scratch.Warnings {
		res.Warnings[r] += n
	}
	res.FileErrors = append(res.FileErrors, scratch.FileErrors...)
	res.Empty = append(res.Empty, scratch.Empty...)
	for _, p := range scratch.NoText {
		if !slices.Contains(res.NoText, p) {
			res.NoText = append(res.NoText, p)
		}
	}
	if cfg.Warn != nil {
		for _, w := range warnings {
			cfg.Warn(w)
		}
	}
	return bp, cache, nil
}

// Spool makes a stream (standard input, a pipe) readable more than once:
// it copies r, at most limit bytes (0: no limit), to a temporary file in
// dir ("" for the system's) and returns a function that opens it afresh
// for each pass, and one that releases it. A stream longer than limit is an
// error, as is ctx's end while copying (r should then return, see
// input.ContextReader).
//
// The file is unlinked as soon as it is created (where the system allows
// an open file to be: everywhere but Windows) and read through its
// descriptor, so that nothing is left behind even by a killed process.
func Spool(ctx context.Context, r io.Reader, dir string, limit int64) (open func() (io.Reader, error), cleanup func(), err error) {
	f, err := os.CreateTemp(dir, "mimeo-spool-*")
	if err != nil {
		return nil, nil, err
	}
	name := f.Name()
	linked := os.Remove(name) != nil // kept only where it cannot go now
	released := false
	release := func() {
		released = true
		f.Close()
		if linked {
			os.Remove(name)
		}
	}
	src := r
	if limit > 0 {
		src = io.LimitReader(r, limit+1)
	}
	n, err := io.Copy(f, src)
	if err == nil {
		err = ctx.Err()
	}
	if err == nil && limit > 0 && n > limit {
		err = fmt.Errorf("longer than the spool limit of %d bytes", limit)
	}
	if err != nil {
		release()
		return nil, nil, err
	}
	open = func() (io.Reader, error) {
		if released {
			return nil, fmt.Errorf("%s: %w", name, os.ErrClosed)
		}
		return io.NewSectionReader(f, 0, n), nil
	}
	return open, release, nil
}
