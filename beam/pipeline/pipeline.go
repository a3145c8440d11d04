// Package pipeline is mimeo's scan as an Apache Beam pipeline: the same
// documents, pairs and clusters as mimeo scan, computed by stages that a
// runner (Prism on one machine, Dataflow, Flink, Spark) spreads over
// workers.
//
// The stages, each a transform of its own:
//
//   - Read: each input is read by mimeo's own readers (internal/scan
//     EachDoc), its documents numbered in the scan's order (Doc.Ord: the
//     input's index, then the document's within it).
//   - Furniture: each site's distinct documents' distinct lines are
//     counted; the lines in BoilerplateDocs documents of a site are its
//     furniture (index.NewBoilerplateLines), joined to the site's
//     documents.
//   - Sign: each document's features (index.Featurizer).
//   - Candidates: every table key of every document (index.TableKeys) is
//     grouped; each group's postings make the pairs Dedup.Add compares
//     (index.KeyCandidates, hot keys capped at KeyCap as the scan caps
//     them), merged per pair.
//   - Decide: each pair, joined with both documents' signatures, is an
//     edge, a quote or nothing, on the estimate or on exact values
//     (index.Options.Decide).
//   - Cluster: documents linked by edges or quotes form components (by
//     rounds of least labels, then a union-find of what they leave:
//     Components); each component is clustered alone as the
//     scan clusters the whole (index.NewDedupGraph: the same clusters),
//     its kept members chosen as the scan chooses them.
//   - Number: the clusters, numbered by their first member (an input's
//     clusters on one worker, after counting every input's), in the JSON
//     lines of mimeo scan -o.
//
// Counters (Beam metrics, namespace "mimeo"): docs_read, docs_skipped
// (records skipped, as the scan skips them) and docs_skipped_REASON
// (SkippedCounter), records_not_pages_REASON (WARC records that are not
// pages), docs_signed, candidates
// (distinct pairs compared), pairs_verified, quotes, pairs_exact,
// hot_keys_capped (table keys with more postings than KeyCap),
// components, clusters, and for the deduplicated output dedup_records,
// dedup_other_records (WARC records that are not pages),
// dedup_dropped_with_page.
package pipeline

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
	"github.com/mimeo-dedup/mimeo/minhash"
)

// Config is what the pipeline needs of a scan's configuration, in a form
// a runner can ship to its workers.
type Config struct {
	Inputs      []string      // the inputs, expanded, in the scan's order
	Input       input.Options // field names, record size limit (no Stdin)
	Extract     int           // scan.ExtractMode
	Boilerplate bool
	// BoilerplateDocs is the documents of a site a line must be in to
	// be its furniture (scan.Config.BoilerplateDocs; 0: the default).
	BoilerplateDocs int
	Exact           bool
	Strict          bool // stop at the first bad record or unreadable input
	Dedup           index.Options
	Keep            string // scan.KeepEarliest, KeepFirst or KeepLongest
}

// FromScan returns the pipeline's configuration of a scan's (its inputs
// given as paths; what concerns streams, workers and output is left out),
// keeping clusters' members by keep.
func FromScan(sc scan.Config, inputs []string, keep string) Config {
	in := sc.Input
	in.Stdin, in.Source = nil, nil
	return Config{Inputs: inputs, Input: in, Extract: int(sc.Extract), Boilerplate: sc.Boilerplate,
		BoilerplateDocs: sc.BoilerplateDocs, Exact: sc.Exact, Strict: sc.Strict, Dedup: sc.Dedup, Keep: keep}
}

// scanConfig returns the scan's configuration of c, its inputs opened
// for reading by path.
func (c Config) scanConfig() (scan.Config, error) {
	var ins []input.Input
	var local []string
	remote := false
	for _, p := range c.Inputs {
		if IsRemote(p) {
			ins, remote = append(ins, input.Remote(p)), true
			continue
		}
		local = append(local, p)
	}
	if len(local) > 0 {
		l, err := input.Expand(local)
		if err != nil {
			return scan.Config{}, err
		}
		ins = append(ins, l...)
	}
	if len(ins) != len(c.Inputs) {
		return scan.Config{}, fmt.Errorf("pipeline: %d inputs expand to %d: expand them before", len(c.Inputs), len(ins))
	}
	// The inputs in the order given (Expand sorts the local ones).
	byPath := make(map[string]input.Input, len(ins))
	for _, in := range ins {
		byPath[in.Path] = in
	}
	for i, p := range c.Inputs {
		in, ok := byPath[p]
		if !ok {
			return scan.Config{}, fmt.Errorf("pipeline: input %q is not in its cleaned form: expand the inputs before", p)
		}
		ins[i] = in
	}
	sc := scan.Config{Inputs: ins, Input: c.Input, Extract: scan.ExtractMode(c.Extract), Boilerplate: c.Boilerplate, BoilerplateDocs: c.BoilerplateDocs, Exact: c.Exact, Strict: c.Strict, Dedup: c.Dedup}
	if remote {
		sc.Open = openRemote
	}
	return sc, nil
}

// IsRemote reports a path that names a file of one of Beam's file systems
// (gs://, s3://, memfs://): read through them, not from the local disk.
func IsRemote(path string) bool {
	i := strings.Index(path, "://")
	return i > 0 && !strings.ContainsAny(path[:i], "/\\")
}

// openRemote opens an input of a Beam file system; the stream closes
// itself (and its file system) at its end.
func openRemote(in input.Input) (io.Reader, error) {
	ctx := context.Background()
	fs, err := filesystem.New(ctx, in.Path)
	if err != nil {
		return nil, err
	}
	rc, err := fs.OpenRead(ctx, in.Path)
	if err != nil {
		fs.Close()
		return nil, fmt.Errorf("%s: %w", in.Path, err)
	}
	return &closeAtEnd{rc: rc, fs: fs}, nil
}

// closeAtEnd closes a remote file and its file system when reading it
// ends, at its end or at an error: mimeo's readers do not close the
// streams they are given.
type closeAtEnd struct {
	rc     io.ReadCloser
	fs     filesystem.Interface
	closed bool
}

func (c *closeAtEnd) Read(p []byte) (int, error) {
	if c.closed {
		return 0, io.EOF
	}
	n, err := c.rc.Read(p)
	if err != nil {
		c.closed = true
		c.rc.Close()
		c.fs.Close()
	}
	return n, err
}

// Doc is a document as read, before signing.
type Doc struct {
	Ord    uint64 // input<<ordBits | the document's number within it
	ID     string
	URL    string
	Date   string
	Source string
	Site   string
	Len    int
	Text   []byte
	// Lines are the keys of the lines the site model learns from when
	// Text is an HTML page's main text (index.SitePageKeys of its whole
	// text), nil for other documents.
	Lines []uint64
}

// ordBits is how many low bits of Doc.Ord number a document within its
// input.
const ordBits = 40

// Signed is a document's features, as the pairs' decisions and the
// clustering need them, and what the output says of it.
type Signed struct {
	Ord      uint64
	ID       string
	URL      string
	Date     string
	Source   string
	Len      int
	Card     uint32
	Words    []uint64 // b-bit signature
	Keys     []uint64 // band keys
	Passages []uint64
	Set      []uint64 // shingle hashes, sorted, distinct
	Lead     []uint64
}

// Meta is what the clustering needs of a document: Signed without its
// sets and keys.
type Meta struct {
	Ord    uint64
	ID     string
	URL    string
	Date   string
	Source string
	Len    int
	Card   uint32
	Words  []uint64
}

// Posting is index.Posting as a pipeline element.
type Posting struct {
	Doc uint64
	Pos uint32
	Key uint64
}

// Cand is index.Candidate as a pipeline element.
type Cand struct {
	A, B uint64
	Band bool
	Pos  uint32
	Key  uint64
}

// Link is a decided pair: an edge, a quote, and its exact values when it
// was decided on them.
type Link struct {
	A, B          uint64
	Edge, Quote   bool
	Key           uint64
	Exact, Opened bool
	Similarity    float64
	Containment   float64
	Contained     float64
	AOpen, BOpen  float32
}

// ClusterOut is one cluster for output: its first member's order (the
// clusters are numbered by it) and its JSON line without the number.
type ClusterOut struct {
	First uint64
	JSON  []byte
}

func init() {
	register.DoFn3x1[context.Context, int, func(Doc), error](&readFn{})
	register.Emitter1[Doc]()
	register.DoFn2x0[Doc, func(string, uint64)](&lineKeysFn{})
	register.Emitter2[string, uint64]()
	register.DoFn3x0[string, func(*uint64) bool, func(string, uint64)](&furnitureFn{})
	register.Iter1[uint64]()
	register.Function2x0(docBySite)
	register.Emitter2[string, Doc]()
	register.DoFn5x1[context.Context, string, func(*Doc) bool, func(*uint64) bool, func(Signed), error](&signFn{})
	register.Iter1[Doc]()
	register.Emitter1[Signed]()
	register.Function2x0(postingsFn)
	register.Emitter2[uint64, Posting]()
	register.DoFn4x0[context.Context, uint64, func(*Posting) bool, func(string, Cand)](&candidatesFn{})
	register.Iter1[Posting]()
	register.Emitter2[string, Cand]()
	register.Function2x1(mergeCands)
	register.Function2x0(byA)
	register.Emitter2[uint64, Cand]()
	register.Function2x0(signedByOrd)
	register.Emitter2[uint64, Signed]()
	register.Function4x0(joinA)
	register.Iter1[Cand]()
	register.Iter1[Signed]()
	register.Emitter2[uint64, Joined]()
	register.DoFn5x1[context.Context, uint64, func(*Joined) bool, func(*Signed) bool, func(Link), error](&decideFn{})
	register.Iter1[Joined]()
	register.Emitter1[Link]()
	register.Function2x0(adjacent)
	register.Function3x0(selfLabel)
	register.Function2x1(minLabel)
	register.DoFn4x0[uint64, func(*uint64) bool, func(*uint64) bool, func(uint64, uint64)](&labelFn{})
	register.Function4x0(unequal)
	register.Emitter1[LabelPair]()
	register.Function3x0(rootsFn)
	register.Iter1[LabelPair]()
	register.Function3x0(byLabel)
	register.Function4x0(finalLabel)
	register.Iter1[Link]()
	register.Emitter2[uint64, uint64]()
	register.Function2x0(metaOf)
	register.Emitter2[uint64, Meta]()
	register.Function2x0(linkByA)
	register.Emitter2[uint64, Link]()
	register.Function4x0(metaToComponent)
	register.Iter1[Meta]()
	register.Function4x0(linkToComponent)
	register.DoFn6x1[context.Context, uint64, func(*Meta) bool, func(*Link) bool, func(ClusterOut), func(uint64), error](&clusterFn{})
	register.Emitter1[ClusterOut]()
	register.Emitter1[uint64]()
	register.Function2x0(dropByInput)
	register.Emitter2[int, uint64]()
	register.Function2x0(inputKey)
	register.Emitter2[int, int]()
	register.DoFn4x1[context.Context, int, func(*int) bool, func(*uint64) bool, error](&writeDedupFn{})
	register.Iter1[int]()
	register.Function4x1(numberFn)
	register.Iter1[ClusterOut]()
	register.Function2x0(clusterInput)
	register.Emitter2[int, ClusterOut]()
	register.Function3x0(countInput)
	register.Emitter1[InputCount]()
	register.Iter1[InputCount]()
	register.Emitter1[string]()
}

// Build adds the pipeline to scope s: the clusters of cfg's inputs as the
// JSON lines of mimeo scan -o, in one PCollection of strings (one a
// cluster, in no order: each line holds its cluster's number), and, when
// dedupDir is not "", the deduplicated records written there (WriteDedup).
func Build(s beam.Scope, cfg Config, dedupDir string) (beam.PCollection, error) {
	if _, err := cfg.scanConfig(); err != nil {
		return beam.PCollection{}, err
	}
	conf, err := json.Marshal(cfg)
	if err != nil {
		return beam.PCollection{}, err
	}
	idx := make([]int, len(cfg.Inputs))
	for i := range idx {
		idx[i] = i
	}
	inputs := beam.CreateList(s, idx)
	docs := Read(s.Scope("Read"), conf, inputs)
	signed := Sign(s.Scope("Sign"), conf, docs, Furniture(s.Scope("Furniture"), conf, docs))
	links := Decide(s.Scope("Decide"), conf, signed, Candidates(s.Scope("Candidates"), conf, signed))
	clusters, dropped := Cluster(s.Scope("Cluster"), conf, signed, links)
	if dedupDir != "" {
		WriteDedup(s.Scope("WriteDedup"), conf, dedupDir, inputs, dropped)
	}
	return Number(s.Scope("Number"), clusters), nil
}

// readFn reads one input's documents.
type readFn struct {
	Conf []byte
	cfg  Config
	sc   scan.Config
	read beam.Counter
	skip beam.Counter
}

func (f *readFn) Setup() error {
	if err := json.Unmarshal(f.Conf, &f.cfg); err != nil {
		return err
	}
	var err error
	f.sc, err = f.cfg.scanConfig()
	f.read, f.skip = beam.NewCounter("mimeo", "docs_read"), beam.NewCounter("mimeo", "docs_skipped")
	return err
}

func (f *readFn) ProcessElement(ctx context.Context, i int, emit func(Doc)) error {
	res := &scan.Result{}
	n := uint64(0)
	var bytes int64
	err := scan.EachDoc(ctx, f.sc, res, i, func(d *scan.Doc, text []byte, lines []uint64, site string) error {
		doc := Doc{Ord: uint64(i)<<ordBits | n, ID: d.ID, URL: d.URL, Date: d.Date, Source: d.Source, Site: site, Len: d.Len, Text: slices.Clone(text), Lines: slices.Clone(lines)}
		bytes += docBytes(&doc)
		emit(doc)
		n++
		return nil
	})
	f.read.Inc(ctx, int64(n))
	beam.NewCounter("mimeo", "bytes_docs").Inc(ctx, bytes)
	for reason, c := range res.Skipped {
		f.skip.Inc(ctx, c)
		beam.NewCounter("mimeo", SkippedCounter(reason)).Inc(ctx, c)
	}
	for reason, c := range res.NotPages {
		beam.NewCounter("mimeo", "records_not_pages_"+slug(reason)).Inc(ctx, c)
	}
	if err != nil {
		return err
	}
	if len(res.FileErrors) > 0 {
		// An input that cannot be read to its end: as the scan does, its
		// records before the problem are used and the problem is
		// reported (counted, and logged); with --strict it stops the run.
		if f.cfg.Strict {
			return res.FileErrors[0]
		}
		beam.NewCounter("mimeo", UnreadableCounter).Inc(ctx, 1)
		log.Errorf(ctx, "mimeo: %v; the records before the problem were used", res.FileErrors[0])
	}
	return nil
}

// UnreadableCounter counts the inputs that could not be read to their end
// (a truncated or damaged compressed file): their records before the
// problem are used, as mimeo scan uses them, and mimeo-beam exits 1.
const UnreadableCounter = "inputs_unreadable"

// The sizes of the elements that cross a shuffle, as the counters
// bytes_docs, bytes_signed and bytes_joined add them up for the cost model
// of docs/DISTRIBUTED.md: about what Beam's row coder writes — a string or
// byte slice its length and a length prefix, a 64-bit hash 9 bytes (a
// varint of a random 64-bit value), a small integer 2.
const (
	hashBytes = 9
	candBytes = 2*hashBytes + 1 + 2 + hashBytes // Cand: A, B, Band, Pos, Key
)

func docBytes(d *Doc) int64 {
	return int64(hashBytes + len(d.ID) + len(d.URL) + len(d.Date) + len(d.Source) + len(d.Site) + len(d.Text) + hashBytes*len(d.Lines) + 7*2 + 3)
}

func signedBytes(d *Signed) int64 {
	n := hashBytes + len(d.ID) + len(d.URL) + len(d.Date) + len(d.Source) + 5*2 + 3 + 3
	n += hashBytes * (len(d.Words) + len(d.Keys) + len(d.Passages) + len(d.Set) + len(d.Lead))
	return int64(n + 5*2)
}

// SkippedCounter names the counter of the records skipped for reason (an
// input.Reason's text): docs_skipped_ and the reason in lower case, each
// run of other characters than letters and digits an underscore.
func SkippedCounter(reason string) string { return "docs_skipped_" + slug(reason) }

func slug(s string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			under = false
		} else if !under && b.Len() > 0 {
			b.WriteByte('_')
			under = true
		}
	}
	return strings.TrimSuffix(b.String(), "_")
}

// Read reads the inputs, one element an input index, into documents.
func Read(s beam.Scope, conf []byte, inputs beam.PCollection) beam.PCollection {
	return beam.ParDo(s, &readFn{Conf: conf}, beam.Reshuffle(s, inputs))
}

// lineKeysFn emits, for a document of a site, the keys of its distinct
// lines (Doc.Lines for an HTML page: of its whole text and its main
// text), each keyed by the site and the line, with the text's key: a
// site's exact repeats count once, as the scan counts.
type lineKeysFn struct {
	On bool // the boilerplate pass is on
}

func (f lineKeysFn) ProcessElement(d Doc, emit func(string, uint64)) {
	if !f.On || d.Site == "" {
		return
	}
	dk := index.SiteDocKey(d.Site, d.Text)
	keys := d.Lines
	if keys == nil {
		keys = index.SiteLineKeys(nil, d.Site, d.Text)
	}
	for _, k := range keys {
		emit(siteLine(d.Site, k), dk)
	}
}

// siteLine keys a line of a site: the site, a zero byte, the line key.
func siteLine(site string, line uint64) string {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], line)
	return site + "\x00" + string(b[:])
}

// furnitureFn counts the distinct texts of a site that have a line, and
// emits the line for the site when they are enough.
type furnitureFn struct {
	Conf    []byte
	minDocs int
}

func (f *furnitureFn) Setup() error {
	var cfg Config
	if err := json.Unmarshal(f.Conf, &cfg); err != nil {
		return err
	}
	f.minDocs = index.NewBoilerplateLines(cfg.BoilerplateDocs, nil).MinDocs()
	return nil
}

func (f *furnitureFn) ProcessElement(key string, texts func(*uint64) bool, emit func(string, uint64)) {
	seen := make(map[uint64]bool)
	var t uint64
	for texts(&t) {
		seen[t] = true
	}
	if len(seen) < f.minDocs {
		return
	}
	site, line := key[:len(key)-9], binary.LittleEndian.Uint64([]byte(key[len(key)-8:]))
	emit(site, line)
}

// Furniture returns each site's furniture lines, KV(site, line key): the
// lines BoilerplateDocs distinct documents of the site have (none without
// the boilerplate pass).
func Furniture(s beam.Scope, conf []byte, docs beam.PCollection) beam.PCollection {
	var cfg Config
	_ = json.Unmarshal(conf, &cfg) // checked by Build
	lines := beam.ParDo(s, lineKeysFn{On: cfg.Boilerplate}, docs)
	return beam.ParDo(s, &furnitureFn{Conf: conf}, beam.GroupByKey(s, lines))
}

// Joined is a candidate joined with its first document's signature.
type Joined struct {
	C Cand
	A Signed
}

// signFn signs the documents of one site with its furniture.
type signFn struct {
	Conf []byte
	cfg  Config
	ex   *index.Featurizer
	sig  beam.Counter
}

func (f *signFn) Setup() error {
	if err := json.Unmarshal(f.Conf, &f.cfg); err != nil {
		return err
	}
	var err error
	if f.ex, err = index.NewFeaturizer(f.cfg.Dedup); err != nil {
		return err
	}
	f.ex.KeepHashes(true)
	f.sig = beam.NewCounter("mimeo", "docs_signed")
	return nil
}

func (f *signFn) ProcessElement(ctx context.Context, site string, docs func(*Doc) bool, lines func(*uint64) bool, emit func(Signed)) error {
	var keys []uint64
	var k uint64
	for lines(&k) {
		keys = append(keys, k)
	}
	f.ex.SetBoilerplate(nil)
	if len(keys) > 0 {
		f.ex.SetBoilerplate(index.NewBoilerplateLines(f.cfg.BoilerplateDocs, keys))
	}
	var d Doc
	var feat index.Features
	n := int64(0)
	var bytes, postings int64
	for docs(&d) {
		f.ex.Extract(d.Text, site, &feat)
		sd := Signed{
			Ord: d.Ord, ID: d.ID, URL: d.URL, Date: d.Date, Source: d.Source, Len: d.Len, Card: feat.Sig.Card, Words: slices.Clone(feat.Bits.Words),
			Keys: slices.Clone(feat.Keys), Passages: slices.Clone(feat.Passages),
			Set: slices.Compact(slices.Sorted(slices.Values(feat.Hashes))), Lead: slices.Clone(feat.Lead),
		}
		bytes += signedBytes(&sd)
		postings += int64(len(sd.Keys) + len(sd.Passages))
		emit(sd)
		n++
	}
	f.sig.Inc(ctx, n)
	beam.NewCounter("mimeo", "bytes_signed").Inc(ctx, bytes)
	beam.NewCounter("mimeo", "postings").Inc(ctx, postings)
	return nil
}

func docBySite(d Doc, emit func(string, Doc)) { emit(d.Site, d) }

// Sign signs the documents, each with its site's furniture.
func Sign(s beam.Scope, conf []byte, docs, furniture beam.PCollection) beam.PCollection {
	bySite := beam.ParDo(s, docBySite, docs)
	return beam.ParDo(s, &signFn{Conf: conf}, beam.CoGroupByKey(s, bySite, furniture))
}

// postingsFn emits a document's postings under their table keys.
func postingsFn(d Signed, emit func(uint64, Posting)) {
	f := index.Features{Keys: d.Keys, Passages: d.Passages}
	for pos, k := range index.TableKeys(nil, &f) {
		p := Posting{Doc: d.Ord, Pos: uint32(pos)}
		if pos >= len(d.Keys) {
			p.Key = d.Passages[pos-len(d.Keys)]
		}
		emit(k, p)
	}
}

// decodeConfig decodes a DoFn's Conf and returns it with its Dedup
// options, defaults filled in as the scan's Dedup fills them.
func decodeConfig(conf []byte) (Config, index.Options, error) {
	var cfg Config
	if err := json.Unmarshal(conf, &cfg); err != nil {
		return cfg, index.Options{}, err
	}
	d, err := index.NewDedup(cfg.Dedup)
	if err != nil {
		return cfg, index.Options{}, err
	}
	return cfg, d.Options(), nil
}

// candidatesFn turns one table key's postings into candidate pairs.
type candidatesFn struct {
	Conf []byte
	cap  int
	hot  beam.Counter
}

func (f *candidatesFn) Setup() error {
	_, opt, err := decodeConfig(f.Conf)
	if err != nil {
		return err
	}
	f.cap = opt.KeyCap
	f.hot = beam.NewCounter("mimeo", "hot_keys_capped")
	return nil
}

func (f *candidatesFn) ProcessElement(ctx context.Context, key uint64, postings func(*Posting) bool, emit func(string, Cand)) {
	var ps []index.Posting
	var p Posting
	for postings(&p) {
		ps = append(ps, index.Posting{Doc: p.Doc, Pos: p.Pos, Key: p.Key})
	}
	if len(ps) > f.cap {
		f.hot.Inc(ctx, 1)
	}
	index.KeyCandidates(key, ps, f.cap, func(c index.Candidate) {
		emit(pairKey(c.A, c.B), Cand{A: c.A, B: c.B, Band: c.Band, Pos: c.Pos, Key: c.Key})
	})
}

func pairKey(a, b uint64) string {
	var k [16]byte
	binary.BigEndian.PutUint64(k[:], a)
	binary.BigEndian.PutUint64(k[8:], b)
	return string(k[:])
}

func mergeCands(a, b Cand) Cand {
	m := index.Candidate(a).Merge(index.Candidate(b))
	return Cand(m)
}

// Candidates returns each candidate pair once: Cand values.
func Candidates(s beam.Scope, conf []byte, signed beam.PCollection) beam.PCollection {
	postings := beam.ParDo(s, postingsFn, signed)
	cands := beam.ParDo(s, &candidatesFn{Conf: conf}, beam.GroupByKey(s, postings))
	return beam.DropKey(s, beam.CombinePerKey(s, mergeCands, cands))
}

func byA(c Cand, emit func(uint64, Cand))             { emit(c.A, c) }
func signedByOrd(d Signed, emit func(uint64, Signed)) { emit(d.Ord, d) }

// joinA attaches the first document's signature to its candidates.
func joinA(_ uint64, cands func(*Cand) bool, docs func(*Signed) bool, emit func(uint64, Joined)) {
	var a Signed
	if !docs(&a) {
		return
	}
	var c Cand
	for cands(&c) {
		emit(c.B, Joined{C: c, A: a})
	}
}

// decideFn decides the candidates of one second document.
type decideFn struct {
	Conf                         []byte
	opt                          index.Options
	exact                        bool
	cands, edges, quotes, exacts beam.Counter
}

func (f *decideFn) Setup() error {
	cfg, opt, err := decodeConfig(f.Conf)
	if err != nil {
		return err
	}
	f.opt, f.exact = opt, cfg.Exact
	f.cands = beam.NewCounter("mimeo", "candidates") // distinct pairs
	f.edges, f.quotes, f.exacts = beam.NewCounter("mimeo", "pairs_verified"), beam.NewCounter("mimeo", "quotes"), beam.NewCounter("mimeo", "pairs_exact")
	return nil
}

func (f *decideFn) signed(d *Signed) *index.Signed {
	return &index.Signed{Bits: minhash.BBit{B: uint8(f.opt.Bits), K: f.opt.Recipe.K, Card: d.Card, Words: d.Words}, Set: d.Set, Lead: d.Lead}
}

func (f *decideFn) ProcessElement(ctx context.Context, _ uint64, joined func(*Joined) bool, docs func(*Signed) bool, emit func(Link)) error {
	var b Signed
	if !docs(&b) {
		return nil
	}
	sb := f.signed(&b)
	var j Joined
	var bytes int64
	defer func() { beam.NewCounter("mimeo", "bytes_joined").Inc(ctx, bytes) }()
	for joined(&j) {
		f.cands.Inc(ctx, 1)
		bytes += candBytes + signedBytes(&j.A)
		d := f.opt.Decide(index.Candidate(j.C), f.signed(&j.A), sb, f.exact)
		if !d.Edge && !d.Quote && !d.Exact {
			continue
		}
		l := Link{A: j.C.A, B: j.C.B, Edge: d.Edge, Quote: d.Quote, Key: d.Key, Exact: d.Exact}
		if d.Exact {
			m := d.Pair.Match
			l.Similarity, l.Containment, l.Contained = m.Similarity, m.Containment, m.Contained
			l.Opened, l.AOpen, l.BOpen = d.Pair.Opened, d.Pair.AOpen, d.Pair.BOpen
			f.exacts.Inc(ctx, 1)
		}
		if d.Edge {
			f.edges.Inc(ctx, 1)
		}
		if d.Quote {
			f.quotes.Inc(ctx, 1)
		}
		emit(l)
	}
	return nil
}

// Decide decides every candidate pair on both documents' signatures.
func Decide(s beam.Scope, conf []byte, signed, cands beam.PCollection) beam.PCollection {
	byOrd := beam.ParDo(s, signedByOrd, signed)
	joined := beam.ParDo(s, joinA, beam.CoGroupByKey(s, beam.ParDo(s, byA, cands), byOrd))
	return beam.ParDo(s, &decideFn{Conf: conf}, beam.CoGroupByKey(s, joined, byOrd))
}

// Components are computed by labels: every linked document starts with
// its own order as its label, and each of componentRounds rounds gives a
// document the least label among its own and its neighbours' (one
// CoGroupByKey and one Combine a round, every document on its own
// worker). A component whose documents lie within componentRounds links
// of its least one is then labelled by it; the links whose two ends still
// differ in label — what longer chains leave — are joined on one worker
// (a union-find over the labels), which is exact whatever is left.
const componentRounds = 8

// adjacent emits a link's two directions, when it links.
func adjacent(l Link, emit func(uint64, uint64)) {
	if l.Edge || l.Quote {
		emit(l.A, l.B)
		emit(l.B, l.A)
	}
}

func selfLabel(a, _ uint64, emit func(uint64, uint64)) { emit(a, a) }

func minLabel(a, b uint64) uint64 { return min(a, b) }

// labelFn gives a document's label to its neighbours, and with Self to
// itself too.
type labelFn struct{ Self bool }

func (f labelFn) ProcessElement(doc uint64, labels func(*uint64) bool, nbs func(*uint64) bool, emit func(uint64, uint64)) {
	var l uint64
	if !labels(&l) {
		return
	}
	if f.Self {
		emit(doc, l)
	}
	var nb uint64
	for nbs(&nb) {
		emit(nb, l)
	}
}

// LabelPair is two labels a link joins that the rounds left apart.
type LabelPair struct{ Lo, Hi uint64 }

// unequal emits the pairs of labels that a document's links join but the
// rounds did not.
func unequal(_ uint64, labels func(*uint64) bool, theirs func(*uint64) bool, emit func(LabelPair)) {
	var l uint64
	if !labels(&l) {
		return
	}
	var o uint64
	for theirs(&o) {
		if o < l {
			emit(LabelPair{o, l})
		}
	}
}

// rootsFn is the union-find over the pairs of labels the rounds left: it
// emits each of their labels' root, the least label it is joined to.
func rootsFn(_ int, pairs func(*LabelPair) bool, emit func(uint64, uint64)) {
	parent := make(map[uint64]uint64)
	var find func(x uint64) uint64
	find = func(x uint64) uint64 {
		p, ok := parent[x]
		if !ok {
			parent[x] = x
			return x
		}
		if p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	var p LabelPair
	for pairs(&p) {
		ra, rb := find(p.Lo), find(p.Hi)
		switch {
		case ra < rb:
			parent[rb] = ra
		case rb < ra:
			parent[ra] = rb
		}
	}
	for x := range parent {
		emit(x, find(x))
	}
}

func byLabel(doc, label uint64, emit func(uint64, uint64)) { emit(label, doc) }

// finalLabel gives each document of a label the label's root.
func finalLabel(label uint64, docs func(*uint64) bool, roots func(*uint64) bool, emit func(uint64, uint64)) {
	root := label
	var r uint64
	if roots(&r) {
		root = r
	}
	var d uint64
	for docs(&d) {
		emit(d, root)
	}
}

// Components returns KV(document, component) for every linked document,
// the component named by its least document.
func Components(s beam.Scope, links beam.PCollection) beam.PCollection {
	adj := beam.ParDo(s, adjacent, links)
	labels := beam.CombinePerKey(s, minLabel, beam.ParDo(s, selfLabel, adj))
	for range componentRounds {
		labels = beam.CombinePerKey(s, minLabel, beam.ParDo(s, labelFn{Self: true}, beam.CoGroupByKey(s, labels, adj)))
	}
	theirs := beam.ParDo(s, labelFn{}, beam.CoGroupByKey(s, labels, adj))
	pairs := beam.ParDo(s, unequal, beam.CoGroupByKey(s, labels, theirs))
	roots := beam.ParDo(s, rootsFn, beam.GroupByKey(s, beam.AddFixedKey(s, pairs)))
	return beam.ParDo(s, finalLabel, beam.CoGroupByKey(s, beam.ParDo(s, byLabel, labels), roots))
}

func metaOf(d Signed, emit func(uint64, Meta)) {
	emit(d.Ord, Meta{Ord: d.Ord, ID: d.ID, URL: d.URL, Date: d.Date, Source: d.Source, Len: d.Len, Card: d.Card, Words: d.Words})
}

func linkByA(l Link, emit func(uint64, Link)) { emit(l.A, l) }

// metaToComponent sends a linked document's meta to its component.
func metaToComponent(_ uint64, comps func(*uint64) bool, metas func(*Meta) bool, emit func(uint64, Meta)) {
	var c uint64
	var m Meta
	if comps(&c) && metas(&m) {
		emit(c, m)
	}
}

// linkToComponent sends the links of a document to its component, that
// of their first document (a pair decided exactly between two components
// is left out there).
func linkToComponent(_ uint64, comps func(*uint64) bool, links func(*Link) bool, emit func(uint64, Link)) {
	var c uint64
	if !comps(&c) {
		return
	}
	var l Link
	for links(&l) {
		emit(c, l)
	}
}

// clusterFn clusters one component as the scan clusters the whole.
type clusterFn struct {
	Conf     []byte
	cfg      Config
	opt      index.Options
	wpd      int
	clusters beam.Counter
	comps    beam.Counter
}

func (f *clusterFn) Setup() error {
	var err error
	if f.cfg, f.opt, err = decodeConfig(f.Conf); err != nil {
		return err
	}
	if f.wpd, err = f.opt.WordsPerDoc(); err != nil {
		return err
	}
	f.clusters, f.comps = beam.NewCounter("mimeo", "clusters"), beam.NewCounter("mimeo", "components")
	return nil
}

func (f *clusterFn) ProcessElement(ctx context.Context, _ uint64, metas func(*Meta) bool, links func(*Link) bool, emit func(ClusterOut), drop func(uint64)) error {
	var docs []Meta
	var m Meta
	for metas(&m) {
		m.Words = slices.Clone(m.Words)
		docs = append(docs, m)
	}
	slices.SortFunc(docs, func(a, b Meta) int { return cmp.Compare(a.Ord, b.Ord) })
	num := make(map[uint64]uint32, len(docs))
	g := index.Graph{Cards: make([]uint32, len(docs)), Words: make([]uint64, 0, len(docs)*f.wpd)}
	res := &scan.Result{Docs: make([]scan.Doc, len(docs))}
	for i := range docs {
		d := &docs[i]
		num[d.Ord] = uint32(i)
		g.Cards[i] = d.Card
		g.Words = append(g.Words, d.Words...)
		res.Docs[i] = scan.Doc{ID: d.ID, URL: d.URL, Date: d.Date, Source: d.Source, Len: d.Len}
	}
	var l Link
	for links(&l) {
		a, okA := num[l.A]
		b, okB := num[l.B]
		if !okA || !okB {
			continue
		}
		if l.Edge {
			g.Edges = append(g.Edges, uint64(a)<<32|uint64(b))
		}
		if l.Quote {
			g.Quotes = append(g.Quotes, index.Quote{A: a, B: b, Key: l.Key})
		}
		if l.Exact {
			g.Exact = append(g.Exact, index.ExactPair{A: a, B: b, Opened: l.Opened, AOpen: l.AOpen, BOpen: l.BOpen,
				Match: index.Match{Similarity: l.Similarity, Containment: l.Containment, Contained: l.Contained}})
		}
	}
	dd, err := index.NewDedupGraph(f.cfg.Dedup, g)
	if err != nil {
		return err
	}
	res.Dedup = dd
	res.Clusters = dd.Cluster()
	clusters, err := scan.Clusters(res, f.cfg.Keep)
	if err != nil {
		return err
	}
	f.comps.Inc(ctx, 1)
	f.clusters.Inc(ctx, int64(len(clusters)))
	for m, dup := range scan.Duplicates(len(docs), dd, clusters) {
		if dup {
			drop(docs[m].Ord)
		}
	}
	for _, c := range clusters {
		co := scan.ClusterJSON{Size: len(c.Members), Keep: res.Docs[c.Keep].ID, KeepSource: res.Docs[c.Keep].Source}
		for _, m := range c.Members {
			co.Members = append(co.Members, scan.Member(dd, &res.Docs[m], m, c.Keep))
		}
		line, err := json.Marshal(co)
		if err != nil {
			return err
		}
		emit(ClusterOut{First: docs[c.Members[0]].Ord, JSON: line})
	}
	return nil
}

// Cluster clusters the documents linked by the pairs, component by
// component: the clusters, and the documents a deduplicated output leaves
// out (scan.Duplicates).
func Cluster(s beam.Scope, conf []byte, signed, links beam.PCollection) (clusters, dropped beam.PCollection) {
	comps := Components(s.Scope("Components"), links)
	metas := beam.ParDo(s, metaToComponent, beam.CoGroupByKey(s, comps, beam.ParDo(s, metaOf, signed)))
	byComp := beam.ParDo(s, linkToComponent, beam.CoGroupByKey(s, comps, beam.ParDo(s, linkByA, links)))
	return beam.ParDo2(s, &clusterFn{Conf: conf}, beam.CoGroupByKey(s, metas, byComp))
}

// InputCount is how many clusters have their first member in an input.
type InputCount struct{ Input, N int }

func clusterInput(c ClusterOut, emit func(int, ClusterOut)) { emit(int(c.First>>ordBits), c) }

// countInput counts one input's clusters.
func countInput(input int, clusters func(*ClusterOut) bool, emit func(InputCount)) {
	n := 0
	var c ClusterOut
	for clusters(&c) {
		n++
	}
	emit(InputCount{input, n})
}

// numberFn numbers the clusters whose first member is in one input, by
// that member, after those of the inputs before (counts, a side input of
// one element an input), and writes their lines.
func numberFn(input int, clusters func(*ClusterOut) bool, counts func(*InputCount) bool, emit func(string)) error {
	offset := 0
	var ic InputCount
	for counts(&ic) {
		if ic.Input < input {
			offset += ic.N
		}
	}
	var all []ClusterOut
	var c ClusterOut
	for clusters(&c) {
		all = append(all, ClusterOut{First: c.First, JSON: slices.Clone(c.JSON)})
	}
	slices.SortFunc(all, func(a, b ClusterOut) int { return cmp.Compare(a.First, b.First) })
	for i, c := range all {
		var co scan.ClusterJSON
		if err := json.Unmarshal(c.JSON, &co); err != nil {
			return err
		}
		co.Cluster = offset + i + 1
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(co); err != nil {
			return err
		}
		emit(strings.TrimSuffix(b.String(), "\n"))
	}
	return nil
}

// Number numbers the clusters in the scan's order — by their first
// member: its input, then its place there — an input's clusters on one
// worker, after counting those of every input.
func Number(s beam.Scope, clusters beam.PCollection) beam.PCollection {
	byInput := beam.GroupByKey(s, beam.ParDo(s, clusterInput, clusters))
	counts := beam.ParDo(s, countInput, byInput)
	return beam.ParDo(s, numberFn, byInput, beam.SideInput{Input: counts})
}

func dropByInput(ord uint64, emit func(int, uint64)) { emit(int(ord>>ordBits), ord&(1<<ordBits-1)) }
func inputKey(i int, emit func(int, int))            { emit(i, i) }

// DedupName returns the name, in a deduplicated output's directory, of
// input i (path): its number, then its base name without a compression
// suffix, with .jsonl added for text and HTML files, whose records are
// written as JSONL.
func DedupName(i int, path string, format input.Format) string {
	base := filepath.Base(path)
	for _, ext := range []string{".gz", ".zst"} {
		base = strings.TrimSuffix(base, ext)
	}
	if format == input.Text || format == input.HTML {
		base += ".jsonl"
	}
	return fmt.Sprintf("%05d-%s", i, base)
}

// writeDedupFn writes one input's records that are not duplicates.
type writeDedupFn struct {
	Conf                  []byte
	Dir                   string
	sc                    scan.Config
	records, other, withs beam.Counter
}

func (f *writeDedupFn) Setup() error {
	var cfg Config
	if err := json.Unmarshal(f.Conf, &cfg); err != nil {
		return err
	}
	var err error
	f.sc, err = cfg.scanConfig()
	f.records, f.other, f.withs = beam.NewCounter("mimeo", "dedup_records"), beam.NewCounter("mimeo", "dedup_other_records"), beam.NewCounter("mimeo", "dedup_dropped_with_page")
	return err
}

func (f *writeDedupFn) ProcessElement(ctx context.Context, i int, _ func(*int) bool, dropped func(*uint64) bool) error {
	dup := make(map[int64]bool)
	var k uint64
	for dropped(&k) {
		dup[int64(k)] = true
	}
	in := f.sc.Inputs[i]
	name := filepath.Join(f.Dir, DedupName(i, in.Path, in.Format))
	if IsRemote(f.Dir) {
		name = strings.TrimSuffix(f.Dir, "/") + "/" + DedupName(i, in.Path, in.Format) // Join would fold gs:// to gs:/
	}
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	counts, _, err := scan.WriteDeduped(ctx, bw, f.sc, i, input.Digest{}, func(k int64) (bool, error) { return dup[k], nil })
	if err == nil {
		err = bw.Flush()
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	f.records.Inc(ctx, counts.Records)
	f.other.Inc(ctx, counts.Other)
	f.withs.Inc(ctx, counts.WithDups)
	return nil
}

// WriteDedup writes, for each input, its records that are not duplicates
// to a file of dir named by DedupName, as mimeo scan --dedup-output writes
// them: one file an input, so that each is written by one worker and
// keeps its input's format.
func WriteDedup(s beam.Scope, conf []byte, dir string, inputs, dropped beam.PCollection) {
	byInput := beam.ParDo(s, dropByInput, dropped)
	beam.ParDo0(s, &writeDedupFn{Conf: conf, Dir: dir}, beam.CoGroupByKey(s, beam.ParDo(s, inputKey, inputs), byInput))
}
