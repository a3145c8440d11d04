// Package cliflags holds the flags that mimeo's commands share with
// mimeo-beam: reading, recipe and matching, with the same names, defaults
// and checks.
package cliflags

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
	"github.com/mimeo-dedup/mimeo/shingle"
)

// UsageError is a mistake in the command line: exit status 2.
type UsageError struct{ Err error }

func (e UsageError) Error() string { return e.Err.Error() }
func (e UsageError) Unwrap() error { return e.Err }

func usagef(format string, args ...any) error { return UsageError{fmt.Errorf(format, args...)} }

// DefaultSpoolMax is the default of --spool-max.
const DefaultSpoolMax = 64 << 30

// Match configures reading and matching: the flags of mimeo scan and eval,
// and of mimeo-beam.
type Match struct {
	Recipe       Recipe
	threshold    float64
	containment  float64
	minContained int
	bands        string
	bits         int
	jobs         int
	idField      string
	textField    string
	urlField     string
	dateField    string
	encoding     string
	boilerplate  string
	strict       bool
	maxRecord    int64
	extract      string
	SpoolMax     int64
	exact        string
	passages     string
	sets         string
}

func (f *Match) AddFlags(fs *pflag.FlagSet) {
	f.maxRecord = input.DefaultMaxRecordBytes
	fs.Var(SizeValue{&f.maxRecord}, "max-record", "skip records (JSONL lines, CSV rows, text and HTML files, WARC records) larger than this (64MiB, 500KB, 1000000)")
	fs.StringVar(&f.extract, "extract", "auto", "what to take of an HTML page (WARC responses, .html files): auto (its main text), all (all visible text) or none (the markup as text)")
	fs.Float64Var(&f.threshold, "threshold", index.DefaultJaccard, "estimated Jaccard similarity at or above which documents are near-duplicates")
	fs.Float64Var(&f.containment, "containment", index.DefaultContainment, "estimated containment (share of one document inside the other) at or above which documents are near-duplicates; 0 disables")
	fs.IntVar(&f.minContained, "min-contained", index.DefaultMinContained, "distinct shingles a document needs for a containment match")
	fs.StringVar(&f.bands, "bands", "auto", "LSH bands × rows, e.g. 20x4, or auto (chosen from --threshold)")
	fs.IntVar(&f.bits, "bits", index.DefaultBits, "bits per MinHash slot kept for verification (b-bit MinHash, 1-32)")
	fs.IntVarP(&f.jobs, "jobs", "j", 0, "signing workers (0: one per CPU; 1: no concurrency)")
	fs.StringVar(&f.idField, "id-field", "id", "field (JSONL; a dotted path reaches into objects: meta.id) or column (CSV, TSV, Parquet) holding the document id (default FILE:LINE when absent)")
	fs.StringVar(&f.textField, "text-field", "text", "field (JSONL; meta.body reaches into objects) or column (CSV, TSV, Parquet) holding the document text; several, separated by commas (title,body), are joined by newlines")
	fs.StringVar(&f.urlField, "url-field", "url", "field or column holding the document URL (a path as for --id-field)")
	fs.StringVar(&f.dateField, "date-field", "date", "field or column holding the document date (a path as for --id-field)")
	fs.StringVar(&f.encoding, "encoding", "auto", "how text that declares no encoding is read (text files, JSONL, CSV, Parquet; HTML without a charset): auto (UTF-8, and each byte that is not UTF-8 as windows-1252, counted as a warning), utf-8 (skip text that is not), or an encoding such as latin1, koi8-r, shift_jis, gbk")
	fs.StringVar(&f.boilerplate, "boilerplate", "on", "learn each site's repeated lines (navigation, lists, footers) and ignore them; a page's site is its URL's host, else what its HTML says (canonical link, og:url, og:site_name, stylesheets): on or off")
	fs.BoolVar(&f.strict, "strict", false, "stop at the first bad record or unreadable input instead of skipping it")
	fs.StringVar(&f.sets, "sets", "on", "an index's (scan --index, index build): keep each document's shingle set, about 270 bytes a news page, to decide close calls on it instead of on the estimate: on or off")
	fs.StringVar(&f.passages, "passages", "on", "also compare documents that share a paragraph, whatever else they hold (an excerpt inside a long page, a story a digest quotes): on or off")
	fs.StringVar(&f.exact, "exact", "on", "decide the candidate pairs whose estimate is too close to a threshold on their exact similarity and containment, and those a containment alone matches on whether the contained page's opening is inside the other (on the documents' shingle sets, kept as 32-bit fingerprints, in memory and beyond it in a temporary file): on or off")
	f.SpoolMax = DefaultSpoolMax
	fs.Var(SizeValue{&f.SpoolMax}, "spool-max", "largest stream (standard input, a named pipe) copied to a temporary file when it must be read twice (--boilerplate on, --dedup-output); 0: no limit")
	f.Recipe.AddFlags(fs)
}

// Config validates the flags and returns the scan's configuration they
// describe; a mistake is a UsageError.
func (f *Match) Config() (scan.Config, error) {
	var cfg scan.Config
	r, err := f.Recipe.Recipe()
	if err != nil {
		return cfg, err
	}
	switch f.boilerplate {
	case "on", "off":
	default:
		return cfg, usagef("--boilerplate %q: want on or off", f.boilerplate)
	}
	switch f.extract {
	case "auto":
		cfg.Extract = scan.ExtractAuto
	case "all":
		cfg.Extract = scan.ExtractAll
	case "none":
		cfg.Extract = scan.ExtractNone
	default:
		return cfg, usagef("--extract %q: want auto, all or none", f.extract)
	}
	if !(f.threshold > 0 && f.threshold <= 1) {
		return cfg, usagef("--threshold %v: want a value in (0, 1]", f.threshold)
	}
	if f.containment < 0 || f.containment > 1 {
		return cfg, usagef("--containment %v: want a value in [0, 1] (0 disables)", f.containment)
	}
	if f.jobs < 0 {
		return cfg, usagef("--jobs %d: want 0 or more", f.jobs)
	}
	if f.bits < 1 || f.bits > 32 {
		return cfg, usagef("--bits %d: want 1 to 32", f.bits)
	}
	if f.minContained < 1 {
		return cfg, usagef("--min-contained %d: want 1 or more", f.minContained)
	}
	d := index.Options{Recipe: r, Jaccard: f.threshold, Containment: f.containment, MinContained: f.minContained, Bits: f.bits}
	for _, o := range []struct {
		flag, value string
		option      *int
	}{{"passages", f.passages, &d.Passages}, {"sets", f.sets, &d.Sets}} {
		switch o.value {
		case "on":
		case "off":
			*o.option = -1
		default:
			return cfg, usagef("--%s %q: want on or off", o.flag, o.value)
		}
	}
	if f.containment == 0 {
		d.Containment = -1
	}
	if f.bands != "auto" {
		b, r, ok := strings.Cut(f.bands, "x")
		nb, err1 := strconv.Atoi(b)
		nr, err2 := strconv.Atoi(r)
		if !ok || err1 != nil || err2 != nil || nb < 1 || nr < 1 {
			return cfg, usagef("--bands %q: want BANDSxROWS, e.g. 20x4, or auto", f.bands)
		}
		if nb*nr > d.Recipe.K {
			return cfg, usagef("--bands %s needs %d slots, but --hashes is %d", f.bands, nb*nr, d.Recipe.K)
		}
		d.Banding = index.Banding{Bands: nb, Rows: nr}
	}
	if _, err := index.NewDedup(d); err != nil {
		return cfg, usagef("%v", err)
	}
	cfg.Dedup = d
	cfg.Jobs = f.jobs
	cfg.Strict = f.strict
	cfg.Boilerplate = f.boilerplate == "on"
	switch f.exact {
	case "on", "off":
		cfg.Exact = f.exact == "on"
	default:
		return cfg, usagef("--exact %q: want on or off", f.exact)
	}
	if f.maxRecord < 1 || f.maxRecord > 1<<40 {
		return cfg, usagef("--max-record %s: want 1 byte to 1TiB", FormatSize(f.maxRecord))
	}
	cfg.Input = input.Options{IDField: f.idField, TextField: f.textField, URLField: f.urlField, DateField: f.dateField, Encoding: f.encoding, MaxRecordBytes: int(f.maxRecord)}
	if _, err := input.Open(input.Input{Path: "-"}, input.Options{Encoding: f.encoding, Stdin: strings.NewReader("")}); err != nil {
		return cfg, usagef("--encoding %q: %v", f.encoding, strings.TrimPrefix(err.Error(), "input: "))
	}
	return cfg, nil
}

// Recipe holds the flags of the signature recipe.
type Recipe struct {
	shingle         string
	hashes          int
	shingleSeed     uint64
	seed            uint64
	foldDigits      bool
	stripDiacritics bool
}

// AddFlags adds the recipe's flags to fs.
func (f *Recipe) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&f.shingle, "shingle", "words:5", "shingles: words:N (N tokens) or chars:N (N characters)")
	fs.IntVar(&f.hashes, "hashes", 128, "MinHash slots per signature (k)")
	fs.Uint64Var(&f.shingleSeed, "shingle-seed", 0, "seed of the shingle hash")
	fs.Uint64Var(&f.seed, "seed", 0, "seed of the MinHash permutation")
	fs.BoolVar(&f.foldDigits, "fold-digits", false, "treat every digit as 0")
	fs.BoolVar(&f.stripDiacritics, "strip-diacritics", false, "remove accents and other nonspacing marks")
}

// Recipe validates the flags and returns the recipe they describe.
func (f *Recipe) Recipe() (index.Recipe, error) {
	o, err := shingle.ParseSpec(f.shingle, shingle.Options{
		Seed:            f.shingleSeed,
		FoldDigits:      f.foldDigits,
		StripDiacritics: f.stripDiacritics,
	})
	if err != nil {
		return index.Recipe{}, usagef("--shingle: %v", err)
	}
	if f.hashes < 1 {
		return index.Recipe{}, usagef("--hashes %d: want 1 or more", f.hashes)
	}
	r, err := index.Recipe{Shingle: o, K: f.hashes, Seed: f.seed}.Normalize()
	if err != nil {
		return r, usagef("%v", err)
	}
	return r, nil
}

// SizeValue is a pflag.Value of a size in bytes that accepts the units it
// prints: 64GiB, 100MB, 512k, 1e6.
type SizeValue struct{ N *int64 }

func (v SizeValue) String() string {
	if v.N == nil {
		return "0"
	}
	return FormatSize(*v.N)
}

func (v SizeValue) Type() string { return "size" }

func (v SizeValue) Set(s string) error {
	n, err := ParseSize(s)
	if err != nil {
		return err
	}
	*v.N = n
	return nil
}

// FormatSize writes n in the largest binary unit that divides it.
func FormatSize(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n != 0 && n%u.size == 0 {
			return strconv.FormatInt(n/u.size, 10) + u.name
		}
	}
	return strconv.FormatInt(n, 10)
}

// ParseSize reads a size: a number with an optional unit, decimal (k, KB,
// M, MB, G, GB, T, TB: powers of 1000) or binary (KiB, MiB, GiB, TiB), B
// allowed, case ignored.
func ParseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	units := []struct {
		suffix string
		mult   float64
	}{
		{"tib", 1 << 40}, {"gib", 1 << 30}, {"mib", 1 << 20}, {"kib", 1 << 10},
		{"tb", 1e12}, {"gb", 1e9}, {"mb", 1e6}, {"kb", 1e3},
		{"t", 1e12}, {"g", 1e9}, {"m", 1e6}, {"k", 1e3}, {"b", 1},
	}
	mult := 1.0
	for _, u := range units {
		if num, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(num), u.mult
			break
		}
	}
	x, err := strconv.ParseFloat(t, 64)
	if err != nil || x < 0 || math.IsInf(x, 0) || math.IsNaN(x) || x*mult > math.MaxInt64/2 {
		return 0, errors.New("want a size such as 1048576, 64MiB or 2GB")
	}
	return int64(x * mult), nil
}
