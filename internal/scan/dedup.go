package scan

import (
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
	Other    int64 // WARC records that are not pages, kept
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

// WriteDeduped reads input i of cfg again and writes to w every record
// that is not a duplicate — dup(k) tells of the input's k-th document —
// and returns what it wrote and how many documents the input holds. JSONL
// lines and WARC records are written as they are; a text or HTML file
// becomes a JSONL record with its id and text. Skipped records are not
// written (the scan reported them). Of a WARC file, every record that is
// not a page is kept too — warcinfo, requests, metadata, revisits,
// responses that are not HTML — except those of a dropped page's capture:
// the records it names in WARC-Concurrent-To, and those that name it in
// WARC-Concurrent-To or WARC-Refers-To.
//
// The input must be what the scan read: a file whose size or modification
// time changed since, or whose bytes differ from want (the scan's Digest
// of it; the zero Digest: not checked), is an error.
func WriteDeduped(ctx context.Context, w io.Writer, cfg Config, i int, want input.Digest, dup func(k int64) (bool, error)) (DedupCounts, int64, error) {
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
	opts.NonPages = true // only WARC readers use it
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

	// A WARC file's dropped pages take their capture's records with
	// them: learn which, in a first pass, if any page is dropped.
	var droppedIDs, linked map[string]bool
	if in.Format == input.WARC || in.Format == input.Detect {
		if err := open(); err != nil {
			return counts, n, err
		}
		k := int64(0)
		d, err := EachRecord(ctx, in, opts, func(rec *input.Record) (bool, error) {
			if rec.Format == input.WARC {
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
	d, err := EachRecord(ctx, in, opts, func(rec *input.Record) (bool, error) {
		var err error
		dropped := false
		if rec.Format != input.WARC {
			if dropped, err = dup(n); err != nil {
				return false, err
			}
		}
		switch {
		case rec.Format == input.WARC: // not a page
			if withDropped(rec) {
				counts.WithDups++
				return true, nil
			}
			counts.Other++
			_, err = w.Write(append(rec.Raw, "\r\n\r\n"...))
			return err == nil, err
		case dropped:
		case rec.WARCType != "":
			// A WARC record as it was, with its closing CRLFs.
			counts.Records++
			_, err = w.Write(append(rec.Raw, "\r\n\r\n"...))
		case rec.Format == input.Text || rec.Format == input.HTML:
			counts.Records++
			err = enc.Encode(struct {
				ID   string `json:"id"`
				Text string `json:"text"`
			}{rec.ID, string(rec.Text)})
		default:
			counts.Records++
			_, err = w.Write(append(rec.Raw, '\n'))
		}
		n++
		return err == nil, err
	})
	if err := same(d, err); err != nil {
		return counts, n, err
	}
	return counts, n, nil
}
