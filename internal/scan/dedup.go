package scan

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/input"
)

// DedupCounts counts the records a deduplicated output kept.
type DedupCounts struct {
	Records  int64 // documents kept
	Other    int64 // WARC or ARC records that are not pages, kept
	WithDups int64 // WARC records that are not pages, dropped with their duplicate page
}

// Duplicates returns, for each of n documents, whether a deduplicated
// output leaves it out. A member is a duplicate when the kept member
// covers it (it adds nothing to it: index.Dedup.Covers), or when the
// index saw it or the kept member before (an earlier output kept their
// story). A member that merely contains the kept one adds to it: it
// stays, as the index takes such a page for news.
//
// When the kept member was seen before but a member was not, the index
// knew the kept member through something else it holds: a copy of one
// story that carries a brief of another is seen in the brief, while its
// cluster's other copies are not seen at all. The first member not seen
// then stands for the cluster in the output instead, so that its story is
// not lost.
func Duplicates(n int, d *index.Dedup, clusters []Cluster) []bool {
	dup := make([]bool, n)
	for _, c := range clusters {
		_, keepSeen := slices.BinarySearch(c.Seen, c.Keep)
		stands := false
		for _, m := range c.Members {
			_, seen := slices.BinarySearch(c.Seen, m)
			covered := m != c.Keep && d != nil && d.Covers(c.Keep, m)
			if keepSeen && covered && !seen && !stands {
				covered, stands = false, true
			}
			dup[m] = seen || covered || m == c.Keep && keepSeen
		}
	}
	return dup
}

// A DedupWriter writes the deduplicated records of one or more inputs to
// one output, in the inputs' own format: JSONL lines (and text and HTML
// files as JSONL records), WARC records, CSV or TSV rows under their
// header, or Parquet rows with their schema. The inputs must all give
// records of one of these kinds, and CSV inputs one header, Parquet
// inputs one schema: an input that does not is an error, and nothing of
// it is written. Call Close when done: it finishes a Parquet file.
type DedupWriter struct {
	w        io.Writer
	kind     OutputKind // of what was written so far (KindNone: nothing)
	kindFrom string     // the input that set kind
	header   []byte     // CSV, TSV: the header written
	pq       *input.ParquetWriter
}

// NewDedupWriter returns a DedupWriter writing to w.
func NewDedupWriter(w io.Writer) *DedupWriter { return &DedupWriter{w: w} }

// OutputKind is the kind of records a deduplicated output holds.
type OutputKind uint8

const (
	KindNone OutputKind = iota
	KindJSONL
	KindWARC
	KindCSV
	KindTSV
	KindParquet
	KindARC
)

func (k OutputKind) String() string {
	return [...]string{"nothing", "JSONL", "WARC", "CSV", "TSV", "Parquet", "ARC"}[k]
}

// OutputKindOf returns the kind of deduplicated output an input format
// gives; KindNone for Detect (known once read).
func OutputKindOf(f input.Format) OutputKind {
	switch f {
	case input.JSONL, input.Text, input.HTML:
		return KindJSONL
	case input.WARC:
		return KindWARC
	case input.ARC:
		return KindARC
	case input.CSV:
		return KindCSV
	case input.TSV:
		return KindTSV
	case input.Parquet:
		return KindParquet
	}
	return KindNone
}

// CheckDedupInputs reports inputs whose formats give deduplicated records
// of different kinds (WARC and JSONL, CSV and Parquet), which one output
// cannot hold. Inputs whose format is known only once read are checked as
// they are written.
func CheckDedupInputs(inputs []input.Input) error {
	first := -1
	for i, in := range inputs {
		k := OutputKindOf(in.Format)
		if k == KindNone {
			continue
		}
		if first < 0 {
			first = i
			continue
		}
		if k0 := OutputKindOf(inputs[first].Format); k != k0 {
			return fmt.Errorf("the inputs give records of two kinds, %s (%s) and %s (%s), and one deduplicated output holds one kind: scan each kind of input with its own --dedup-output",
				k0, inputs[first].Path, k, in.Path)
		}
	}
	return nil
}

// use checks that records of kind k from path may go to the output, and
// notes the kind.
func (dw *DedupWriter) use(k OutputKind, path string) error {
	if dw.kind == KindNone {
		dw.kind, dw.kindFrom = k, path
		return nil
	}
	if k != dw.kind {
		return fmt.Errorf("%s gives %s records, but the deduplicated output already holds %s records of %s: one output holds one kind; scan each kind of input with its own --dedup-output",
			path, k, dw.kind, dw.kindFrom)
	}
	return nil
}

// Close finishes the output: the footer of a Parquet file.
func (dw *DedupWriter) Close() error {
	if dw.pq != nil {
		return dw.pq.Close()
	}
	return nil
}

// WriteDeduped writes the deduplicated records of input i of cfg to w
// through a DedupWriter of its own, and closes it.
func WriteDeduped(ctx context.Context, w io.Writer, cfg Config, i int, want input.Digest, dup func(k int64) (bool, error)) (DedupCounts, int64, error) {
	dw := NewDedupWriter(w)
	c, n, err := dw.Write(ctx, cfg, i, want, dup)
	if cerr := dw.Close(); err == nil {
		err = cerr
	}
	return c, n, err
}

// Write reads input i of cfg again and writes every record
// that is not a duplicate — dup(k) tells of the input's k-th document —
// and returns what it wrote and how many documents the input holds. JSONL
// lines, CSV and TSV rows and WARC and ARC records are written as they are; a
// text or HTML file becomes a JSONL record with its id and text; Parquet
// rows are copied with all their columns. Skipped records are not
// written (the scan reported them). Of a WARC file, every record that is
// not a page is kept too — warcinfo, requests, metadata, revisits,
// responses that are not HTML — except those of a dropped page's capture:
// the records it names in WARC-Concurrent-To, and those that name it in
// WARC-Concurrent-To or WARC-Refers-To. Of an ARC file, whose captures are
// one record each, every record that is not a page is kept: its version
// block, DNS lookups, images.
//
// The input must be what the scan read: a file whose size or modification
// time changed since, or whose bytes differ from want (the scan's Digest
// of it; the zero Digest: not checked), is an error.
func (dw *DedupWriter) Write(ctx context.Context, cfg Config, i int, want input.Digest, dup func(k int64) (bool, error)) (DedupCounts, int64, error) {
	w := dw.w
	var counts DedupCounts
	in := cfg.Inputs[i]
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var n int64
	changed, err := in.Changed()
	if changed {
		if err != nil {
			return counts, n, fmt.Errorf("%s: %w", in.Path, err)
		}
		return counts, n, fmt.Errorf("%s changed since the scan read it (size or modification time)", in.Path)
	}
	opts := cfg.Input
	opts.NonPages = true // only WARC and ARC readers use it
	open := func() error {
		opts.Source = nil
		if cfg.Open != nil && (in.Path == "-" || in.Size < 0) {
			src, err := cfg.Open(in)
			if err != nil {
				return err
			}
			opts.Source = src
		}
		return nil
	}
	// same checks that a pass read what the scan read.
	same := func(d input.Digest, err error) error {
		var fe ErrFileRead
		if err != nil && !errors.As(err, &fe) {
			return err
		}
		if want != (input.Digest{}) && d != want {
			return fmt.Errorf("%s changed since the scan read it (%d bytes read then, %d now, or other bytes)", in.Path, want.Bytes, d.Bytes)
		}
		return nil // an unreadable input was reported by the scan; what it read is used
	}

	if in.Format == input.Parquet {
		return dw.writeParquet(ctx, in, opts, same, dup)
	}

	// A WARC file's dropped pages take their capture's records with
	// them: learn which, in a first pass, if any page is dropped.
	var droppedIDs, linked map[string]bool
	if in.Format == input.WARC || in.Format == input.Detect {
		if err := open(); err != nil {
			return counts, n, err
		}
		k := int64(0)
		d, err := EachRecord(ctx, in, opts, func(rec *input.Record) (bool, error) {
			if rec.Format == input.WARC || rec.Format == input.ARC {
				return true, nil
			}
			dropped, err := dup(k)
			if err != nil {
				return false, err
			}
			if dropped {
				if droppedIDs == nil {
					droppedIDs, linked = make(map[string]bool), make(map[string]bool)
				}
				droppedIDs[strings.Clone(rec.ID)] = true
				for _, c := range rec.ConcurrentTo {
					linked[strings.Clone(c)] = true
				}
			}
			k++
			return true, nil
		})
		if err := same(d, err); err != nil {
			return counts, n, err
		}
	}
	withDropped := func(rec *input.Record) bool {
		if linked[rec.ID] || droppedIDs[rec.RefersTo] {
			return true
		}
		for _, c := range rec.ConcurrentTo {
			if droppedIDs[c] {
				return true
			}
		}
		return false
	}

	if err := open(); err != nil {
		return counts, n, err
	}
	// header writes the header of a CSV or TSV input, or checks that it
	// is the one written.
	header := func(r *input.Reader) error {
		h := r.Header()
		if h == nil {
			return nil
		}
		if dw.header == nil {
			dw.header = append([]byte{}, h...)
			_, err := w.Write(append(h, '\n'))
			return err
		}
		if !bytes.Equal(h, dw.header) {
			return fmt.Errorf("%s has another header than %s; a deduplicated %s output holds one (%.80q, then %.80q)", in.Path, dw.kindFrom, dw.kind, dw.header, h)
		}
		return nil
	}
	wroteHeader := false
	d, err := eachRecordR(ctx, in, opts, func(r *input.Reader, rec *input.Record) (bool, error) {
		if err := dw.use(kindOfRecord(rec), in.Path); err != nil {
			return false, err
		}
		if (rec.Format == input.CSV || rec.Format == input.TSV) && !wroteHeader {
			if err := header(r); err != nil {
				return false, err
			}
			wroteHeader = true
		}
		var err error
		dropped := false
		if rec.Format != input.WARC && rec.Format != input.ARC {
			if dropped, err = dup(n); err != nil {
				return false, err
			}
		}
		switch {
		case rec.Format == input.ARC: // not a page: the version block, DNS, an image
			counts.Other++
			_, err = w.Write(arcRaw(rec.Raw))
			return err == nil, err
		case rec.Format == input.WARC: // not a page
			if withDropped(rec) {
				counts.WithDups++
				return true, nil
			}
			counts.Other++
			err = writeWith(w, rec.Raw, "\r\n\r\n")
			return err == nil, err
		case dropped:
		case rec.WARCType != "":
			// A WARC record as it was, with its closing CRLFs.
			counts.Records++
			err = writeWith(w, rec.Raw, "\r\n\r\n")
		case rec.ARC:
			// An ARC record as it was, with the newlines after it.
			counts.Records++
			_, err = w.Write(arcRaw(rec.Raw))
		case rec.Format == input.Text || rec.Format == input.HTML:
			counts.Records++
			err = enc.Encode(struct {
				ID   string `json:"id"`
				Text string `json:"text"`
			}{rec.ID, string(rec.Text)})
		default:
			counts.Records++
			err = writeWith(w, rec.Raw, "\n")
		}
		n++
		return err == nil, err
	}, func(r *input.Reader) error {
		if r.Header() == nil || wroteHeader {
			return nil
		}
		// No record kept or read: the header still makes the output
		// a table.
		k := KindCSV
		if in.Format == input.TSV {
			k = KindTSV
		}
		if err := dw.use(k, in.Path); err != nil {
			return err
		}
		return header(r)
	})
	if err := same(d, err); err != nil {
		return counts, n, err
	}
	return counts, n, nil
}

// writeWith writes raw and then end. raw aliases the reader's buffer: an
// append to it could write over the next record's first bytes.
func writeWith(w io.Writer, raw []byte, end string) error {
	if _, err := w.Write(raw); err != nil {
		return err
	}
	_, err := io.WriteString(w, end)
	return err
}

// arcRaw returns an ARC record's Raw ending with a newline (the last
// record of a file may lack it), so that the next record can follow.
func arcRaw(raw []byte) []byte {
	if len(raw) > 0 && raw[len(raw)-1] == '\n' {
		return raw
	}
	return append(raw[:len(raw):len(raw)], '\n')
}

// kindOfRecord returns the kind of output a record read again goes to.
func kindOfRecord(rec *input.Record) OutputKind {
	switch {
	case rec.Format == input.WARC || rec.WARCType != "":
		return KindWARC
	case rec.Format == input.ARC || rec.ARC:
		return KindARC
	case rec.Format == input.CSV:
		return KindCSV
	case rec.Format == input.TSV:
		return KindTSV
	case rec.Format == input.Parquet:
		return KindParquet
	}
	return KindJSONL
}

// writeParquet writes the rows of a Parquet input that are not
// duplicates: a first pass numbers its documents (a skipped row is none),
// then the kept rows are copied with every column.
func (dw *DedupWriter) writeParquet(ctx context.Context, in input.Input, opts input.Options, same func(input.Digest, error) error, dup func(k int64) (bool, error)) (DedupCounts, int64, error) {
	var counts DedupCounts
	if err := dw.use(KindParquet, in.Path); err != nil {
		return counts, 0, err
	}
	var keep []uint64 // bit r: row r+1 is kept
	n := int64(0)
	d, err := EachRecord(ctx, in, opts, func(rec *input.Record) (bool, error) {
		dropped, err := dup(n)
		if err != nil {
			return false, err
		}
		n++
		if !dropped {
			r := rec.Line - 1
			for int64(len(keep)) <= r/64 {
				keep = append(keep, 0)
			}
			keep[r/64] |= 1 << (r % 64)
		}
		return true, nil
	})
	if err := same(d, err); err != nil {
		return counts, n, err
	}
	var fe ErrFileRead
	if errors.As(err, &fe) {
		return counts, n, nil // unreadable: the scan reported it, and wrote nothing of it
	}
	if dw.pq == nil {
		dw.pq = input.NewParquetWriter(dw.w)
	}
	written, err := dw.pq.Copy(in.Path, func(row int64) bool {
		r := row - 1
		return r/64 < int64(len(keep)) && keep[r/64]&(1<<(r%64)) != 0
	})
	counts.Records = written
	return counts, n, err
}
