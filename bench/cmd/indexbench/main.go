// Command indexbench measures the persistent index at scale: it builds an
// index of N generated news articles from their signatures, reopens it in a
// fresh process limited to one core, and times queries there.
//
//	go run ./bench/cmd/indexbench -docs 10000000
//	go run ./bench/cmd/indexbench -docs 10000000 -bits 2 -bands 10x2
//
// It prints, as "name value unit" lines:
//
//   - the build: documents per second of Add and Flush from signatures and
//     band keys computed beforehand (signing is timed apart), and the
//     bytes per document of the files by content;
//   - the queries, half near-duplicates of indexed documents and half new
//     documents, made beforehand: median and 99th-percentile latency,
//     overall and by kind, for a cold run over a freshly opened index
//     (each query checks the checksums of the 4 KiB chunks it is the first
//     to read, and faults their pages in) and, after Verify has checked
//     every chunk, a warm run of other queries; the share of near-duplicate
//     queries that found their document;
//   - the query process's resident memory (VmRSS, with its anonymous and
//     file-backed parts: the memory-mapped segment pages it touched) with
//     the queries made but before opening the index, after opening it and
//     after each run.
//
// The index is written under -dir (a temporary directory by default,
// removed at the end unless -keep).
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mimeo-dedup/mimeo/bench"
	"github.com/mimeo-dedup/mimeo/index"
)

// childEnv marks the query process; its arguments are -dir, -docs,
// -queries and -seed.
const childEnv = "MIMEO_INDEXBENCH_QUERIES"

// out receives the figures (a test sets it).
var out io.Writer = os.Stdout

func main() {
	if os.Getenv(childEnv) == "1" {
		if err := childMain(os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, "indexbench:", err)
			os.Exit(1)
		}
		return
	}
	docs := flag.Int("docs", 10_000_000, "documents in the index")
	dir := flag.String("dir", "", "build the index in `DIR` (must not exist; default a temporary directory)")
	keep := flag.Bool("keep", false, "keep the index directory")
	bits := flag.Int("bits", 0, "bits per slot kept for verification (0: the default)")
	bands := flag.String("bands", "", "bands × rows of the full signature, e.g. 10x2 (default: chosen from the threshold)")
	queries := flag.Int("queries", 50_000, "queries per run (two runs)")
	seed := flag.Uint64("seed", 1, "corpus seed")
	features := flag.String("features", "", "keep the documents' features in `FILE`: read them from it when it exists (made with the same -docs, -seed and options), else write it")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the build to `FILE`")
	flag.Parse()
	if err := run(*docs, *dir, *keep, *bits, *bands, *queries, *seed, *features, *cpuProfile); err != nil {
		fmt.Fprintln(os.Stderr, "indexbench:", err)
		os.Exit(1)
	}
}

// childMain runs the queries in the process started by run.
func childMain(args []string) error {
	fs := flag.NewFlagSet("indexbench queries", flag.ContinueOnError)
	dir := fs.String("dir", "", "")
	docs := fs.Int("docs", 0, "")
	queries := fs.Int("queries", 0, "")
	seed := fs.Uint64("seed", 0, "")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return queryChild(*dir, *docs, *queries, *seed)
}

func run(n int, dir string, keep bool, bits int, bands string, queries int, seed uint64, features, cpuProfile string) error {
	o := index.Options{Bits: bits}
	if bands != "" {
		var b index.Banding
		if _, err := fmt.Sscanf(bands, "%dx%d", &b.Bands, &b.Rows); err != nil {
			return fmt.Errorf("-bands %q: want BANDSxROWS", bands)
		}
		o.Banding = b
	}
	if dir == "" {
		tmp, err := os.MkdirTemp("", "mimeo-indexbench-")
		if err != nil {
			return err
		}
		dir = tmp + "/index"
		if !keep {
			defer os.RemoveAll(tmp)
		}
	}
	fmt.Fprintf(out, "docs %d\ncpus %d\n", n, runtime.NumCPU())

	c := bench.IndexCorpus{Seed: seed}
	start := time.Now()
	var fs *bench.FeatureSet
	var err error
	if features != "" {
		if fs, err = bench.ReadFeatureSet(features); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		if fs != nil && fs.Len() != n {
			return fmt.Errorf("%s holds %d documents, not %d", features, fs.Len(), n)
		}
	}
	if fs == nil {
		if fs, err = bench.MakeFeatures(o, n, c.Text, false); err != nil {
			return err
		}
		d := time.Since(start)
		fmt.Fprintf(out, "sign-seconds %.1f s (%d workers, not part of the build)\n", d.Seconds(), runtime.GOMAXPROCS(0))
		if features != "" {
			if err := fs.WriteFile(features); err != nil {
				return err
			}
		}
	}
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}

	start = time.Now()
	x, err := index.Create(dir, o)
	if err != nil {
		return err
	}
	if err := bench.AddFeatureSet(x, fs); err != nil {
		return err
	}
	st := x.Stats()
	if err := x.Close(); err != nil {
		return err
	}
	d := time.Since(start)
	if cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	fs = nil
	runtime.GC()
	nd := float64(st.Documents)
	fmt.Fprintf(out, "options bits=%d bands=%s+%s\n", st.Options.Bits, st.Options.Banding, st.Options.LeadBanding())
	fmt.Fprintf(out, "build-seconds %.2f s\n", d.Seconds())
	fmt.Fprintf(out, "build-rate %.0f docs/s\n", nd/d.Seconds())
	fmt.Fprintf(out, "build-peak-rss %.0f B/doc (features of every document included)\n", float64(procStatus()["VmHWM"])/nd)
	fmt.Fprintf(out, "segments %d\n", st.Segments)
	fmt.Fprintf(out, "signature-bytes %.1f B/doc\n", float64(st.SignatureBytes)/nd)
	fmt.Fprintf(out, "band-bytes %.1f B/doc\n", float64(st.BandBytes)/nd)
	fmt.Fprintf(out, "sig+band-bytes %.1f B/doc\n", float64(st.SignatureBytes+st.BandBytes)/nd)
	fmt.Fprintf(out, "metadata-bytes %.1f B/doc\n", float64(st.MetadataBytes)/nd)
	fmt.Fprintf(out, "checksum-bytes %.1f B/doc\n", float64(st.ChecksumBytes)/nd)
	fmt.Fprintf(out, "file-bytes %.1f B/doc\n", float64(st.FileBytes)/nd)

	// The queries run in a fresh process on one core, so that its memory
	// is what a reader of the index needs.
	self, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(self, "-dir", dir, "-docs", strconv.Itoa(n),
		"-queries", strconv.Itoa(queries), "-seed", strconv.FormatUint(seed, 10))
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1", childEnv+"=1")
	cmd.Stdout, cmd.Stderr = out, os.Stderr
	return cmd.Run()
}

type query struct {
	f  *index.Features
	of int // the indexed document it copies, or -1
}

func queryChild(dir string, n, nq int, seed uint64) error {
	o, err := index.ReadOptions(dir)
	if err != nil {
		return err
	}
	e, err := index.NewFeaturizer(o)
	if err != nil {
		return err
	}
	c := bench.IndexCorpus{Seed: seed}
	// Queries: even ones near-duplicates of random indexed documents, odd
	// ones new documents (numbers past the corpus), made before timing and
	// kept compactly (no full signatures).
	r := rand.New(rand.NewPCG(seed, 7))
	runs := make([][]query, 2)
	next := n
	var f index.Features
	for run := range runs {
		for i := range nq {
			q := query{of: -1}
			if i%2 == 0 {
				q.of = r.IntN(n)
				e.Extract(c.Variant(q.of), "", &f)
			} else {
				e.Extract(c.Text(next), "", &f)
				next++
			}
			q.f = &index.Features{Bits: f.Bits, Keys: slices.Clone(f.Keys)}
			q.f.Bits.Words = slices.Clone(f.Bits.Words)
			q.f.Sig.Card = f.Sig.Card
			runs[run] = append(runs[run], q)
		}
	}
	runtime.GC()
	report := func(what string) {
		s := procStatus()
		fmt.Fprintf(out, "rss-%s %.1f B/doc (anon %.1f, file %.1f)\n", what,
			float64(s["VmRSS"])/float64(n), float64(s["RssAnon"])/float64(n), float64(s["RssFile"])/float64(n))
	}
	report("before-open")
	x, err := index.OpenReadOnly(dir)
	if err != nil {
		return err
	}
	defer x.Close()
	report("open")
	for run, qs := range runs {
		lat := make([]time.Duration, len(qs))
		found, copies := 0, 0
		for i, q := range qs {
			start := time.Now()
			hits, err := x.QueryFeatures(q.f)
			lat[i] = time.Since(start)
			if err != nil {
				return err
			}
			if q.of >= 0 {
				copies++
				want := "d" + strconv.Itoa(q.of)
				if slices.ContainsFunc(hits, func(h index.Hit) bool { return h.ID == want }) {
					found++
				}
			}
		}
		name := [...]string{"cold", "warm"}[run]
		var all, cp, nw []time.Duration
		for i, d := range lat {
			all = append(all, d)
			if qs[i].of >= 0 {
				cp = append(cp, d)
			} else {
				nw = append(nw, d)
			}
		}
		fmt.Fprintf(out, "query-%s p50 %.1f µs, p99 %.1f µs, mean %.1f µs; copies p50 %.1f µs p99 %.1f µs; new p50 %.1f µs p99 %.1f µs; recall %.4f\n",
			name, pct(all, 50), pct(all, 99), mean(all), pct(cp, 50), pct(cp, 99), pct(nw, 50), pct(nw, 99),
			float64(found)/float64(copies))
		report(name)
		if run == 0 {
			// What a long-running reader may do after opening: check
			// every checksum at once (queries check each 4 KiB chunk on
			// its first use), mapping the files in.
			start := time.Now()
			if err := x.Verify(); err != nil {
				return err
			}
			fmt.Fprintf(out, "verify-seconds %.2f s\n", time.Since(start).Seconds())
			report("verified")
		}
	}
	s := procStatus()
	fmt.Fprintf(out, "query-peak-rss %.1f B/doc\n", float64(s["VmHWM"])/float64(n))
	return nil
}

// pct returns the p-th percentile of d in microseconds (sorting d).
func pct(d []time.Duration, p int) float64 {
	slices.Sort(d)
	return float64(d[min(len(d)*p/100, len(d)-1)].Nanoseconds()) / 1e3
}

func mean(d []time.Duration) float64 {
	var s time.Duration
	for _, v := range d {
		s += v
	}
	return float64(s.Nanoseconds()) / 1e3 / float64(len(d))
}

// procStatus returns the memory figures of /proc/self/status in bytes
// (empty where there is no such file).
func procStatus() map[string]int64 {
	out := map[string]int64{}
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), ":")
		fields := strings.Fields(rest)
		if !ok || len(fields) != 2 || fields[1] != "kB" {
			continue
		}
		if v, err := strconv.ParseInt(fields[0], 10, 64); err == nil {
			out[name] = v << 10
		}
	}
	return out
}
