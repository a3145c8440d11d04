package input

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Format is the record format of an input.
type Format uint8

const (
	// Detect (the zero value) lets Open choose from the content: WARC
	// when the decompressed stream starts with "WARC/"; else, looking at
	// the first non-white-space byte, JSONL for '{', HTML for '<' (which
	// covers "<!doctype" and "<html"), Text otherwise.
	Detect Format = iota
	// JSONL is one JSON object per line (also .ndjson).
	JSONL
	// Text is a plain-text file holding one document. As a Record.Format
	// it also marks plain text from a WARC file (WET conversion records,
	// text/plain pages).
	Text
	// WARC is a Web ARChive file (ISO 28500, WARC 1.0 and 1.1, and the
	// WARC/0.18 of ClueWeb09), including the WET files of Common Crawl.
	// As an Input.Format it is the format of the file; its records are
	// HTML or Text, and, with Options.NonPages, WARC for a record that is
	// not a page.
	WARC
	// HTML is an HTML file holding one page. As a Record.Format it marks
	// a page whose Text is HTML (decoded to UTF-8) that still needs its
	// main text extracted.
	HTML
	// CSV is comma-separated values with a header line (RFC 4180: a
	// field in double quotes may hold commas, newlines and "" for a
	// quote), one document a row; the header names the columns that
	// Options.IDField, TextField, URLField and DateField select.
	CSV
	// TSV is CSV with tabs between the fields (quoted as CSV is, as
	// spreadsheets and pandas write it).
	TSV
	// Parquet is an Apache Parquet file, one document a row, read row
	// group by row group; the fields name its columns (a nested column
	// by its dotted path).
	Parquet
	// ARC is an Internet Archive ARC file (versions 1 and 2, the format
	// of web archives before WARC): its HTTP captures and documents are
	// HTML or Text records, and, with Options.NonPages, ARC for a record
	// that is not a page (the version block, DNS lookups, images).
	// Detected by its first bytes, "filedesc://".
	ARC
)

// String returns "detect", "jsonl", "text", "warc", "html", "csv", "tsv",
// "parquet" or "arc".
func (f Format) String() string {
	switch f {
	case Detect:
		return "detect"
	case JSONL:
		return "jsonl"
	case Text:
		return "text"
	case WARC:
		return "warc"
	case HTML:
		return "html"
	case CSV:
		return "csv"
	case TSV:
		return "tsv"
	case Parquet:
		return "parquet"
	case ARC:
		return "arc"
	}
	return fmt.Sprintf("Format(%d)", uint8(f))
}

// An Input is one file to read, or stdin.
type Input struct {
	// Path is the cleaned file path, or "-" for stdin.
	Path string
	// Format is JSONL, Text, WARC, HTML, CSV, TSV or Parquet; Detect for stdin and other
	// non-regular files, which cannot be read twice.
	Format Format
	// Size is the size on disk (compressed), -1 for stdin and other
	// non-regular files. It is meant for progress reports.
	Size int64
	// Compressed reports that the file starts with gzip or zstd magic
	// bytes, so that Size does not measure the decompressed stream that
	// Record.Offset counts in. False for stdin and non-regular files.
	Compressed bool
	// FromDir reports a file found by walking a directory, not named: a
	// table (CSV, TSV, Parquet) without the text column is then passed
	// over (ErrNoTextColumn) rather than an error.
	FromDir bool
	// ModTime is the file's modification time when Expand saw it (zero
	// for stdin and non-regular files): with Size, what tells that a file
	// was changed before it was read again (see Changed).
	ModTime time.Time
}

// Remote describes a file that is read as a stream its caller opens
// (Options.Source; scan.Config.Open), such as an object in a cloud bucket
// (gs://B/crawl/x.warc.gz): its format comes from its name as for a file,
// or from its content when the name says nothing; it has no size (-1) and
// cannot be checked for change. Parquet, which is read by offsets, cannot
// be read so.
func Remote(path string) Input {
	return Input{Path: path, Format: formatOf(path), Size: -1}
}

// Changed reports whether the regular file in was changed (size or
// modification time) since Expand described it, or cannot be found. It is
// false for stdin and other non-regular files.
func (in Input) Changed() (bool, error) {
	if in.Path == "-" || in.Size < 0 {
		return false, nil
	}
	fi, err := os.Stat(in.Path)
	if err != nil {
		return true, err
	}
	return fi.Size() != in.Size || !fi.ModTime().Equal(in.ModTime), nil
}

// Expand turns command-line arguments into the inputs to read.
//
// An argument is a file, a directory or "-" for stdin (at most once).
// Directories are walked recursively, skipping entries whose name starts with
// '.' and not following symbolic links to directories; they contribute the
// regular files (or symbolic links to them) whose name, less an optional
// .gz, .zst or .zstd suffix, ends (in any case) in .jsonl, .ndjson, .txt
// (JSONL, Text), .warc, .wet (WARC; so also .warc.wet.gz), .arc (ARC), .html, .htm
// (HTML), .csv, .tsv (CSV, TSV), or, without a compression suffix,
// .parquet (Parquet). A file named explicitly is always taken: its format comes from
// its name, or, for an unknown extension, from its content as for Detect.
//
// The result is sorted by path with stdin last and has no duplicates (by
// cleaned path, or by file identity), so it does not depend on the order of
// the arguments. A missing or unreadable argument, an unreadable directory
// below one, or a directory without input files is an error.
func Expand(args []string) ([]Input, error) {
	in, _, err := ExpandSkipped(args)
	return in, err
}

// Skipped counts what directory walks passed over.
type Skipped struct {
	// Other counts files of other kinds by their extension (in lower
	// case, with a compression suffix: ".pdf", ".xml.gz"; "" for none).
	Other map[string]int
	// Hidden counts entries whose name starts with '.' (a hidden
	// directory counts once, its contents are not walked).
	Hidden int
	// Special counts devices, FIFOs, sockets and links to directories.
	Special int
}

// Files returns the number of files of other kinds.
func (s Skipped) Files() int {
	n := 0
	for _, c := range s.Other {
		n += c
	}
	return n
}

// String describes what was skipped ("" for nothing): "3 files of other
// kinds (.pdf 2, .xml 1), 1 hidden entry".
func (s Skipped) String() string {
	var parts []string
	if n := s.Files(); n > 0 {
		exts := make([]string, 0, len(s.Other))
		for e := range s.Other {
			exts = append(exts, e)
		}
		slices.SortFunc(exts, func(a, b string) int {
			if c := s.Other[b] - s.Other[a]; c != 0 {
				return c
			}
			return strings.Compare(a, b)
		})
		var list []string
		for i, e := range exts {
			if i == 5 {
				list = append(list, "…")
				break
			}
			name := e
			if e == "" {
				name = "no extension"
			}
			list = append(list, fmt.Sprintf("%s %d", name, s.Other[e]))
		}
		parts = append(parts, fmt.Sprintf("%d %s of other kinds (%s)", n, plural(n, "file", "files"), strings.Join(list, ", ")))
	}
	if s.Hidden > 0 {
		parts = append(parts, fmt.Sprintf("%d hidden %s", s.Hidden, plural(s.Hidden, "entry", "entries")))
	}
	if s.Special > 0 {
		parts = append(parts, fmt.Sprintf("%d special %s (devices, FIFOs, links to directories)", s.Special, plural(s.Special, "file", "files")))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ExpandSkipped is Expand, and also reports what the directory walks
// skipped.
func ExpandSkipped(args []string) ([]Input, Skipped, error) {
	sk := Skipped{Other: make(map[string]int)}
	ins, err := expand(args, &sk)
	return ins, sk, err
}

func expand(args []string, sk *Skipped) ([]Input, error) {
	found := make(map[string]entry)
	stdin := false
	for _, arg := range args {
		if arg == "-" {
			if stdin {
				return nil, errors.New(`input: "-" (stdin) given more than once`)
			}
			stdin = true
			continue
		}
		if arg == "" {
			return nil, errors.New("input: empty path")
		}
		p := filepath.Clean(arg)
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("input: %w", err)
		}
		if fi.IsDir() {
			n, err := walk(p, found, sk)
			if err != nil {
				return nil, err
			}
			if n == 0 {
				return nil, fmt.Errorf("input: %s: no input files (.jsonl, .ndjson, .txt, .warc, .wet, .arc, .html, .htm, .csv, .tsv, optionally .gz/.zst, or .parquet)", p)
			}
			continue
		}
		in, err := explicit(p, fi)
		if err != nil {
			return nil, err
		}
		found[p] = entry{in, fi}
	}

	all := make([]entry, 0, len(found))
	for _, e := range found {
		all = append(all, e)
	}
	slices.SortFunc(all, func(a, b entry) int { return strings.Compare(a.in.Path, b.in.Path) })

	// Drop later paths to a file already listed (hard links, symbolic
	// links, "a/b" and "/abs/a/b"). Only files of equal size can be the
	// same, which keeps this cheap.
	bySize := make(map[int64][]fs.FileInfo)
	out := make([]Input, 0, len(all)+1)
	for _, e := range all {
		if e.fi.Mode().IsRegular() {
			same := slices.ContainsFunc(bySize[e.fi.Size()], func(o fs.FileInfo) bool { return os.SameFile(o, e.fi) })
			if same {
				continue
			}
			bySize[e.fi.Size()] = append(bySize[e.fi.Size()], e.fi)
		}
		out = append(out, e.in)
	}
	if stdin {
		out = append(out, Input{Path: "-", Format: Detect, Size: -1})
	}
	return out, nil
}

type entry struct {
	in Input
	fi fs.FileInfo
}

// explicit returns the Input for a file named on the command line.
func explicit(p string, fi fs.FileInfo) (Input, error) {
	in := Input{Path: p, Format: formatOf(p), Size: -1}
	if !fi.Mode().IsRegular() {
		return in, nil // a pipe or device: do not read it now
	}
	in.Size, in.ModTime = fi.Size(), fi.ModTime()
	if in.Format != Detect {
		c, err := readMagic(p)
		in.Compressed = c != compNone
		return in, err
	}
	r, err := Open(in, Options{})
	if err != nil {
		return in, err
	}
	defer r.Close()
	r.begin() // sniffs the format
	in.Compressed = r.comp != compNone
	if r.rerr == nil {
		in.Format = r.format
	}
	return in, nil
}

// readMagic opens the file at p and detects its compression.
func readMagic(p string) (compression, error) {
	f, err := os.Open(p)
	if err != nil {
		return compNone, fmt.Errorf("input: %w", err)
	}
	defer f.Close()
	var magic [4]byte
	n, err := io.ReadFull(f, magic[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return compNone, fmt.Errorf("input: %w", err)
	}
	return detectCompression(magic[:n]), nil
}

// walk adds the input files below dir to found and returns how many it saw.
func walk(dir string, found map[string]entry, sk *Skipped) (int, error) {
	root := dir
	if fi, err := os.Lstat(dir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// A symbolic link named on the command line is followed: walking
		// "link/" makes WalkDir resolve it.
		root = dir + string(filepath.Separator)
	}
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("input: %w", err)
		}
		if p == root {
			return nil
		}
		name := d.Name()
		if strings.HasPrefix(name, ".") {
			sk.Hidden++
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		f := formatOf(name)
		if f == Detect {
			regular := d.Type().IsRegular()
			if d.Type()&fs.ModeSymlink != 0 {
				fi, err := os.Stat(p)
				regular = err == nil && fi.Mode().IsRegular()
			}
			if regular {
				sk.Other[extOf(name)]++
			} else {
				sk.Special++
			}
			return nil
		}
		var fi fs.FileInfo
		switch t := d.Type(); {
		case t&fs.ModeSymlink != 0:
			if fi, err = os.Stat(p); err != nil {
				return fmt.Errorf("input: %w", err)
			}
		case t.IsRegular():
			if fi, err = d.Info(); err != nil {
				return fmt.Errorf("input: %w", err)
			}
		default:
			sk.Special++
			return nil
		}
		if !fi.Mode().IsRegular() {
			sk.Special++
			return nil // not following links to directories; no devices
		}
		n++
		// A file whose magic cannot be read is left for Open to report.
		c, _ := readMagic(p)
		if e, ok := found[p]; ok && !e.in.FromDir {
			return nil // named as well: taken as named
		}
		found[p] = entry{Input{Path: p, Format: f, Size: fi.Size(), Compressed: c != compNone, ModTime: fi.ModTime(), FromDir: true}, fi}
		return nil
	})
	return n, err
}

// extOf returns a file name's extension in lower case, with the one
// before a compression suffix: ".pdf", ".xml.gz"; "" for none.
func extOf(name string) string {
	name = strings.ToLower(name)
	ext := filepath.Ext(name)
	switch ext {
	case ".gz", ".zst", ".zstd", ".bz2", ".xz":
		if inner := filepath.Ext(strings.TrimSuffix(name, ext)); inner != "" && len(inner) <= 8 {
			return inner + ext
		}
	}
	if len(ext) > 12 {
		return "" // not an extension: a name with a dot
	}
	return ext
}

// formatOf returns the format implied by a file name: JSONL for .jsonl and
// .ndjson, Text for .txt, WARC for .warc and .wet, ARC for .arc, HTML for
// .html and .htm,
// CSV for .csv, TSV for .tsv, each optionally followed by .gz, .zst or
// .zstd (in any case); Parquet for .parquet (compressed inside); Detect
// otherwise.
func formatOf(name string) Format {
	name = strings.ToLower(filepath.Base(name))
	if strings.HasSuffix(name, ".parquet") {
		return Parquet
	}
	for _, ext := range []string{".gz", ".zst", ".zstd"} {
		if s, ok := strings.CutSuffix(name, ext); ok {
			name = s
			break
		}
	}
	switch {
	case strings.HasSuffix(name, ".jsonl"), strings.HasSuffix(name, ".ndjson"):
		return JSONL
	case strings.HasSuffix(name, ".txt"):
		return Text
	case strings.HasSuffix(name, ".warc"), strings.HasSuffix(name, ".wet"):
		return WARC
	case strings.HasSuffix(name, ".arc"):
		return ARC
	case strings.HasSuffix(name, ".html"), strings.HasSuffix(name, ".htm"):
		return HTML
	case strings.HasSuffix(name, ".csv"):
		return CSV
	case strings.HasSuffix(name, ".tsv"):
		return TSV
	}
	return Detect
}
