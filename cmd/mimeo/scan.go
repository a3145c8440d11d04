package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/mimeo-dedup/mimeo/internal/cliflags"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/output"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

// matchFlags configure reading and matching: shared by scan and eval (and
// mimeo-beam).
type matchFlags = cliflags.Match

type scanFlags struct {
	match       matchFlags
	index       string
	output      string
	format      string
	pairs       bool
	dedupOutput string
	assign      string
	summaryJSON string
	html        string
	htmlLimits  reportLimits
	keep        string
	quiet       bool
	progress    string
	memory      int64
	tempDir     string
}

func (f *scanFlags) AddFlags(fs *pflag.FlagSet) {
	fs.StringVarP(&f.output, "output", "o", "-", "write clusters (or pairs) to `FILE` instead of standard output")
	fs.StringVar(&f.format, "format", "jsonl", "output format: jsonl, tsv or text")
	fs.BoolVar(&f.pairs, "pairs", false, "write the verified near-duplicate pairs instead of clusters")
	fs.StringVar(&f.dedupOutput, "dedup-output", "", "write the input records minus duplicates to `FILE` (of a cluster, the kept member and any member that only contains it, adding text to it; a WARC's or ARC's records that are not pages are kept, but for a dropped page's); the inputs must not change meanwhile")
	fs.StringVar(&f.assign, "assign", "", "write to `FILE` one JSON line per input record, in input order: its id, source, role (unique, kept, adds, duplicate, seen, skipped), cluster, kept member, scores against it, whether the dedup output keeps it, and why a skipped record was skipped")
	fs.StringVar(&f.summaryJSON, "summary-json", "", "write the summary as one JSON object to `FILE` (counts, skipped records by reason, clusters, timings, exit status)")
	fs.StringVar(&f.html, "html", "", "write a report to `FILE`: one self-contained HTML page with the cluster-size histogram, the largest clusters with every member's scores against the kept one, and the aligned texts of their members and the kept one (read again from the inputs)")
	fs.IntVar(&f.htmlLimits.Clusters, "html-clusters", 50, "--html: the largest clusters shown")
	fs.IntVar(&f.htmlLimits.Aligned, "html-aligned", 5, "--html: members of each shown cluster aligned with the kept one")
	fs.StringVar(&f.index, "index", "", "also find duplicates of the documents in the on-disk index in `DIR` (created if it does not exist or is empty) and add this scan's documents to it")
	fs.StringVar(&f.keep, "keep", "earliest", "which member of a cluster to keep: first (in input order), longest, or earliest (the likely original: earliest date, then the most complete text)")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "no summary on standard error (warnings are still shown)")
	fs.StringVar(&f.progress, "progress", "auto", "progress on standard error: auto (when it is a terminal), always or never")
	f.memory = scan.DefaultCacheBytes
	fs.Var(cliflags.SizeValue{N: &f.memory}, "memory", "memory for each of the scan's two caches: the boilerplate pass keeps the texts it read for the second pass (larger inputs are read twice), and the exact pass the documents' shingle sets, 4 bytes a distinct shingle (the rest goes to a temporary file); 0: no caches (everything read twice, every set in the file)")
	fs.StringVar(&f.tempDir, "temp-dir", "", "`DIR` for the temporary files (the exact pass's shingle sets beyond --memory, streams spooled to be read twice), unlinked as soon as they are made; default $TMPDIR or /tmp")
	f.match.AddFlags(fs)
}

const scanUsage = `Usage: mimeo scan [flags] INPUT...

Finds the clusters of near-duplicate documents in the inputs: files, directories
(searched recursively for .jsonl, .ndjson, .txt, .warc, .wet, .arc, .html, .htm,
.csv and .tsv files, optionally .gz or .zst, and .parquet files; the summary counts
the other files passed over) or - for standard input. A JSONL line, a CSV or
TSV row (under a header naming the columns) and a Parquet row are one document
each (--text-field names the field or column; several are joined); a .txt or
.html file is one document; a WARC file's HTML responses and conversions are
one document each, and so are an ARC file's HTML and text captures (.arc,
.arc.gz). Compression is recognised by its magic bytes. -o and
--dedup-output ending in .gz or .zst are compressed.

--dedup-output writes the records in their input's format: JSONL lines as they
were (text and HTML files as JSONL records of id and text), WARC or ARC
records, CSV or TSV rows under the header, Parquet rows with the input's
schema. One output holds one kind: inputs of several kinds (WARC and JSONL) are refused, so are
CSV inputs with different headers and Parquet inputs with different schemas.

Output (JSONL, one line per cluster of two or more documents):
  {"cluster": N, "size": K, "keep": ID, "keep_source": "FILE:LINE",
   "members": [{"id": ID, "url": URL, "date": DATE, "source": "FILE:LINE",
   "similarity": x, "containment": y, "contained": z, "adds": true}, ...]}
similarity and containment are estimated against the kept member
(containment: the share of the member found in the kept one; contained: the
share of the kept one found in the member). Every member matches the kept
one: similarity or one of the containments reaches its threshold. adds
(left out when false) marks a member that adds text of its own to the kept
one — it contains the kept one (but for a version of it: half or more of
the kept one inside it, each beginning inside the other), or lies mostly
outside it and begins outside it, as a digest quoting its lead does:
--dedup-output keeps it too.

With --index DIR, documents are also compared with those of earlier scans
kept in the index. A cluster then lists the indexed documents its members
match, best first, and names the best as seen before:
  "seen_as": ID, "indexed": [{"id": ID, "url": URL, "date": DATE,
   "similarity": x, "containment": y, "contained": z, "verified": true}, ...]
(containment: the share of the matching member found in the indexed
document, contained the share of the indexed one found in the member;
verified: measured on the shingle sets the index keeps, left out when
estimated); --dedup-output drops the members seen before, whose story an
earlier output kept, and those the kept member covers. A document is seen
before when it is similar to an indexed one or contained in it (not when
it merely contains one: that adds to it — but for a version of an indexed
copy, holding half of it or more, each beginning inside the other, which
stands for the same story: the earlier output keeps the copy), and
a page that quotes several unrelated stories of the index (a digest) only
when most of it is one. Close calls are
decided on the shingle sets the index keeps, as a scan decides them on
exact values; a document indexed without its set counts only when its
estimate clears the thresholds by one standard error. A
document that matches only the index is a cluster of its own (size 1).
Afterwards the scan's documents are added to the index (one whose id the
index holds replaces it; one named by its place, FILE:LINE or a file's
path, replaces nothing). The index's site
model (--boilerplate on) cleans the scan's pages and learns them, so that
small batches are cleaned as one scan of everything would be. An existing
index keeps its recipe and matching options: flags that set them must agree
with them. An input that cannot be read to the end (a truncated gzip file)
fails such a scan before it writes anything: the index and the outputs are
left as they were, so that the batch can be run again once mended.

Flags:
`

func runScan(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var f scanFlags
	fs := pflag.NewFlagSet("scan", pflag.ContinueOnError)
	f.AddFlags(fs)
	if err := parseFlags(fs, args, scanUsage, stdout); err != nil {
		return err
	}
	if err := f.validate(); err != nil {
		return err
	}
	cfg, err := f.match.Config()
	if err != nil {
		return err
	}
	cfg.CacheBytes, cfg.TempDir = f.memory, f.tempDir
	if f.memory == 0 {
		cfg.CacheBytes = -1
	}
	if fs.NArg() == 0 {
		return usagef("scan: no inputs")
	}
	inputs, walked, err := input.ExpandSkipped(fs.Args())
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	cfg.Inputs, cfg.Walked = inputs, walked
	if f.dedupOutput != "" {
		if err := scan.CheckDedupInputs(inputs); err != nil {
			return usagef("scan: --dedup-output: %v", err)
		}
	}
	// Open the outputs first: a bad path fails before the work.
	outs := []struct{ flag, path string }{{"-o", f.output}, {"--dedup-output", f.dedupOutput}, {"--assign", f.assign}, {"--summary-json", f.summaryJSON}, {"--html", f.html}}
	for i, a := range outs {
		for _, b := range outs[i+1:] {
			if a.path != "" && b.path != "" && output.SameFile(a.path, b.path) && !isDevice(a.path) {
				return usagef("scan: %s and %s name the same file (%s)", a.flag, b.flag, b.path)
			}
		}
	}
	out, err := createOutput(ctx, f.output, stdin, stdout, inputs, f.index)
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	defer out.Abort()
	var dedupOut *outputFile
	if f.dedupOutput != "" {
		if dedupOut, err = createOutput(ctx, f.dedupOutput, stdin, stdout, inputs, f.index); err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		defer dedupOut.Abort()
	}
	var assignOut, summaryOut, htmlOut *outputFile
	for _, o := range []struct {
		path string
		out  **outputFile
	}{{f.assign, &assignOut}, {f.summaryJSON, &summaryOut}, {f.html, &htmlOut}} {
		if o.path == "" {
			continue
		}
		if *o.out, err = createOutput(ctx, o.path, stdin, stdout, inputs, f.index); err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		defer (*o.out).Abort()
	}
	cfg.ListSkipped = assignOut != nil

	cleanup, err := streamSources(ctx, &cfg, stdin, cfg.Boilerplate || f.dedupOutput != "" || f.html != "", f.match.SpoolMax)
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	defer cleanup()

	cfg.Warn = warner(stderr, f.quiet)
	var si *scanIndex
	if f.index != "" {
		if si, err = openScanIndex(f.index, &cfg, fs); err != nil {
			return err
		}
		defer si.close()
		cfg.Visit = si.visit
		cfg.Compilations = func() []uint32 { return si.compilations }
		if cfg.Boilerplate {
			// Start from what the index knows of the sites, and teach it
			// the scan's pages.
			cfg.Model = si.x.SiteModel()
		}
	}
	prog := newProgressPrinter(stderr, f.progress, inputs, cfg.Boilerplate)
	cfg.Progress = prog.update
	res, err := scan.Run(ctx, cfg)
	prog.done()
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}

	if err := unreadable(res); err != nil && si != nil {
		// The index is cumulative: a retry once the input is mended must
		// not add its first records twice, nor find them already there.
		return fmt.Errorf("scan: %w; nothing was added to %s, and no output was written", err, f.index)
	}
	badDates := warnDates(res, cfg.Inputs, cfg.Warn)
	clusters, err := scan.Clusters(res, f.keep)
	if err != nil {
		return usageError{Err: err} // checked with the flags: not reached
	}
	if si != nil {
		clusters = si.withIndexed(clusters)
	}
	if f.pairs {
		err = writePairs(out, res, si, f.format)
	} else {
		err = writeClusters(out, res, clusters, f.format)
	}
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	if err := out.Commit(); err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	var kept dedupCounts
	if dedupOut != nil {
		if kept, err = writeDedup(ctx, dedupOut, cfg, res, clusters); err != nil {
			return fmt.Errorf("scan: %w; %s was not written", err, dedupOut.Name())
		}
		if err := dedupOut.Commit(); err != nil {
			return fmt.Errorf("scan: %w", err)
		}
	}
	if si != nil {
		if err := si.addAll(cfg.Model); err != nil {
			return fmt.Errorf("scan: %w", err)
		}
	}
	if assignOut != nil {
		if err := writeAssign(assignOut, res, clusters); err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		if err := assignOut.Commit(); err != nil {
			return fmt.Errorf("scan: %w", err)
		}
	}
	if htmlOut != nil {
		settings := fmt.Sprintf("similarity %.2f, containment %.2f, keep %s, boilerplate %s", cfg.Dedup.Jaccard, max(cfg.Dedup.Containment, 0), f.keep, onOff(cfg.Boilerplate))
		page, err := buildReport(ctx, cfg, res, clusters, f.htmlLimits, settings)
		if err == nil {
			err = writeReport(htmlOut, page)
		}
		if err == nil {
			err = htmlOut.Commit()
		}
		if err != nil {
			return fmt.Errorf("scan: --html: %w", err)
		}
	}
	if summaryOut != nil {
		s := newSummary(res, clusters, cfg, badDates)
		if dedupOut != nil {
			s.Dedup = &dedupSummary{Path: dedupOut.Name(), Records: kept.Records, OtherRecords: kept.Other, DroppedWithDup: kept.WithDups}
		}
		if si != nil {
			s.Index = si.summary()
		}
		if err := unreadable(res); err != nil {
			s.ExitStatus, s.FirstUnreadable = 1, err.Error()
		}
		enc := json.NewEncoder(summaryOut)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(s); err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		if err := summaryOut.Commit(); err != nil {
			return fmt.Errorf("scan: %w", err)
		}
	}
	if !f.quiet {
		printSummary(stderr, res, clusters, cfg, dedupOut != nil, kept)
		if badDates > 0 {
			fmt.Fprintf(stderr, "  %s date%s not understood (such documents count as undated)\n", group(int64(badDates)), plural(int64(badDates)))
		}
		if si != nil {
			si.printSummary(stderr)
		}
	}
	if err := unreadable(res); err != nil {
		return fmt.Errorf("scan: %w; the records before the problem were used", err)
	}
	return nil
}

// isDevice reports a path that names a device other than standard output
// (/dev/null): two outputs may both go there.
func isDevice(path string) bool {
	if output.IsStdout(path) {
		return false
	}
	fi, err := os.Stat(path)
	return err == nil && fi.Mode()&os.ModeDevice != 0 && !output.SameFile(path, "-")
}

func (f *scanFlags) validate() error {
	switch f.format {
	case "jsonl", "tsv", "text":
	default:
		return usagef("scan: --format %q: want jsonl, tsv or text", f.format)
	}
	if scan.CheckKeep(f.keep) != nil {
		return usagef("scan: --keep %q: want first, longest or earliest", f.keep)
	}
	switch f.progress {
	case "auto", "always", "never":
	default:
		return usagef("scan: --progress %q: want auto, always or never", f.progress)
	}
	if f.htmlLimits.Clusters < 0 || f.htmlLimits.Aligned < 0 {
		return usagef("scan: --html-clusters and --html-aligned want 0 or more")
	}
	if f.memory < 0 {
		return usagef("scan: --memory %s: want 0 or more", cliflags.FormatSize(f.memory))
	}
	if f.tempDir != "" {
		if st, err := os.Stat(f.tempDir); err != nil || !st.IsDir() {
			return usagef("scan: --temp-dir %s: not a directory", f.tempDir)
		}
	}
	return nil
}

// cluster is a group of near-duplicates ready for output (the library's
// decisions: scan.Clusters, scan.WithIndexed).
type cluster = scan.Cluster

// indexedOf returns a cluster's indexed documents for output.
func indexedOf(c cluster) []scan.IndexedJSON {
	out := make([]scan.IndexedJSON, len(c.Indexed))
	for i, h := range c.Indexed {
		out[i] = scan.IndexedJSON{ID: h.ID, URL: h.URL, Date: h.Date, Similarity: round3(h.Similarity),
			Containment: round3(h.Containment), Contained: round3(h.Contained), Verified: h.Verified}
	}
	return out
}

// warnDates warns, once per input, about dates it cannot read, and
// returns how many documents had one.
func warnDates(res *scan.Result, inputs []input.Input, warn func(error)) int {
	bad := 0
	warned := map[int]bool{}
	for i := range res.Docs {
		d := &res.Docs[i]
		if d.Date == "" {
			continue
		}
		if _, ok := input.ParseDate(d.Date); ok {
			continue
		}
		bad++
		if !warned[d.Input] {
			warned[d.Input] = true
			warn(fmt.Errorf("%s: date %q not understood; such documents count as undated when choosing which copy to keep", d.Source, d.Date))
		}
	}
	return bad
}

func round3(x float64) float64 { return scan.Round3(x) }

func members(res *scan.Result, c cluster) []scan.MemberJSON {
	out := make([]scan.MemberJSON, len(c.Members))
	for i, m := range c.Members {
		out[i] = scan.Member(res.Dedup, &res.Docs[m], m, c.Keep)
	}
	return out
}

func writeClusters(w io.Writer, res *scan.Result, clusters []cluster, format string) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if format == "tsv" {
		fmt.Fprintln(w, "cluster\tsize\tkeep\tid\turl\tdate\tsource\tsimilarity\tcontainment\tcontained")
	}
	for i, c := range clusters {
		ms := members(res, c)
		keepID := res.Docs[c.Keep].ID
		indexed := indexedOf(c)
		seen := len(indexed) > 0
		switch format {
		case "jsonl":
			co := scan.ClusterJSON{Cluster: i + 1, Size: len(ms), Keep: keepID, KeepSource: res.Docs[c.Keep].Source, Members: ms, Indexed: indexed}
			if seen {
				co.SeenAs = indexed[0].ID
			}
			if err := enc.Encode(co); err != nil {
				return err
			}
		case "tsv":
			for j, m := range ms {
				k := "0"
				if c.Members[j] == c.Keep {
					k = "1"
				}
				fmt.Fprintf(w, "%d\t%d\t%s\t%s\t%s\t%s\t%s\t%.3f\t%.3f\t%.3f\n", i+1, len(ms), k,
					tsvField(m.ID), tsvField(m.URL), tsvField(m.Date), tsvField(m.Source), m.Similarity, m.Containment, m.Contained)
			}
			for _, x := range indexed { // keep column "index": a document of the index
				fmt.Fprintf(w, "%d\t%d\tindex\t%s\t%s\t%s\tindex\t%.3f\t%.3f\t%.3f\n", i+1, len(ms),
					tsvField(x.ID), tsvField(x.URL), tsvField(x.Date), x.Similarity, x.Containment, x.Contained)
			}
		case "text":
			if seen {
				fmt.Fprintf(w, "cluster %d: %d documents, keep %s, seen before as %s\n", i+1, len(ms), keepID, indexed[0].ID)
			} else {
				fmt.Fprintf(w, "cluster %d: %d documents, keep %s\n", i+1, len(ms), keepID)
			}
			for j, m := range ms {
				mark := " "
				if c.Members[j] == c.Keep {
					mark = "*"
				}
				fmt.Fprintf(w, "  %s sim %.2f  cont %.2f  %s  %s", mark, m.Similarity, m.Containment, m.Source, m.ID)
				if m.URL != "" {
					fmt.Fprintf(w, "  %s", m.URL)
				}
				fmt.Fprintln(w)
			}
			for _, x := range indexed {
				fmt.Fprintf(w, "  = sim %.2f  cont %.2f  index  %s", x.Similarity, x.Containment, x.ID)
				if x.URL != "" {
					fmt.Fprintf(w, "  %s", x.URL)
				}
				fmt.Fprintln(w)
			}
			fmt.Fprintln(w)
		}
	}
	return nil
}

// tsvField keeps a value on one TSV field.
func tsvField(s string) string { return tsvSpaces.Replace(s) }

var tsvSpaces = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

type pairOut struct {
	A           string  `json:"a"`
	B           string  `json:"b"`
	ASource     string  `json:"a_source"`
	BSource     string  `json:"b_source"`
	Similarity  float64 `json:"similarity"`
	Containment float64 `json:"containment"`
	Contained   float64 `json:"contained"`
}

func writePairs(w io.Writer, res *scan.Result, si *scanIndex, format string) error {
	pairs := res.Dedup.Pairs()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if format == "tsv" {
		fmt.Fprintln(w, "a\tb\ta_source\tb_source\tsimilarity\tcontainment\tcontained")
	}
	write := func(po pairOut) error {
		switch format {
		case "jsonl":
			return enc.Encode(po)
		case "tsv":
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%.3f\t%.3f\t%.3f\n", tsvField(po.A), tsvField(po.B),
				tsvField(po.ASource), tsvField(po.BSource), po.Similarity, po.Containment, po.Contained)
		case "text":
			fmt.Fprintf(w, "%s ~ %s  sim %.2f  cont %.2f/%.2f  (%s, %s)\n", po.A, po.B, po.Similarity, po.Containment, po.Contained, po.ASource, po.BSource)
		}
		return nil
	}
	for _, p := range pairs {
		a, b := &res.Docs[p.A], &res.Docs[p.B]
		if err := write(pairOut{A: a.ID, B: b.ID, ASource: a.Source, BSource: b.Source,
			Similarity: round3(p.Similarity), Containment: round3(p.Containment), Contained: round3(p.Contained)}); err != nil {
			return err
		}
	}
	if si == nil {
		return nil
	}
	// Then each document's matches in the index, in input order.
	nums := make([]uint32, 0, len(si.hits))
	for n := range si.hits {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	for _, n := range nums {
		a := &res.Docs[n]
		for _, h := range si.hits[n] {
			if err := write(pairOut{A: a.ID, B: h.ID, ASource: a.Source, BSource: "index",
				Similarity: round3(h.Similarity), Containment: round3(h.Containment), Contained: round3(h.Contained)}); err != nil {
				return err
			}
		}
	}
	return nil
}

// dedupCounts counts the records a dedup output kept.
type dedupCounts = scan.DedupCounts

// writeDedup reads the inputs again and writes every record that is not a
// duplicate (scan.Duplicates, scan.WriteDeduped). Each input must be what
// the scan read: a file whose size or modification time changed since, or
// whose bytes differ from those the scan read, is an error.
func writeDedup(ctx context.Context, w io.Writer, cfg scan.Config, res *scan.Result, clusters []cluster) (dedupCounts, error) {
	dup := scan.Duplicates(len(res.Docs), res.Dedup, clusters)
	var counts dedupCounts
	var n int64 // documents so far, numbered as the scan numbered them
	dw := scan.NewDedupWriter(w)
	for i := range cfg.Inputs {
		var digest input.Digest
		if i < len(res.Digests) {
			digest = res.Digests[i]
		}
		first := n
		c, docs, err := dw.Write(ctx, cfg, i, digest, func(k int64) (bool, error) {
			if first+k >= int64(len(dup)) {
				return false, fmt.Errorf("%s changed since the scan read it (more documents)", cfg.Inputs[i].Path)
			}
			return dup[first+k], nil
		})
		counts.Records, counts.Other, counts.WithDups = counts.Records+c.Records, counts.Other+c.Other, counts.WithDups+c.WithDups
		if err != nil {
			return counts, err
		}
		n += docs
	}
	if n != int64(len(dup)) {
		return counts, fmt.Errorf("the inputs changed since they were scanned (%d documents, then %d)", len(dup), n)
	}
	return counts, dw.Close()
}

// clusterOut is the clusters' output, as the tests read it.
type clusterOut = scan.ClusterJSON

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}
