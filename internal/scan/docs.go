package scan

import (
	"context"
	"strings"

	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/extract"
	"github.com/mimeo-dedup/mimeo/internal/input"
)

// EachDoc calls fn, in order, with every document of input i of cfg as a
// scan reads it: the document (numbered by the caller: a scan numbers the
// documents of all inputs in order), its text as a scan signs it (an HTML
// page reduced to its text by cfg.Extract), the keys of the lines the
// site model learns from (of an HTML page's whole text and of its main
// text, index.SitePageKeys, when cfg.Boilerplate is on and the page has a
// site; else nil, and the model learns text's lines: see
// index.Boilerplate.ObserveKeys) and its site (index.Site of its URL, else,
// for an HTML page, extract.Extractor.Site of its markup).
// res counts the records skipped and the warnings, as Run does; text and
// lines are valid during the call only. A distributed run reads each
// input so (issue #12).
func EachDoc(ctx context.Context, cfg Config, res *Result, i int, fn func(d *Doc, text []byte, lines []uint64, site string) error) error {
	for _, m := range []*map[string]int64{&res.Skipped, &res.NotPages, &res.Warnings} {
		if *m == nil {
			*m = make(map[string]int64)
		}
	}
	w := &worker{page: extract.New(extract.Options{}), mode: cfg.Extract, pages: cfg.Boilerplate}
	var one [1]record
	var b batch // its buffers serve every record in turn
	return eachRecordOf(ctx, cfg, res, i, cfg.Inputs[i], func(i int, rec *input.Record, _ int64) error {
		if rec == nil {
			return nil
		}
		one[0] = record{
			doc: Doc{
				ID: strings.Clone(rec.ID), URL: strings.Clone(rec.URL), Date: strings.Clone(rec.Date),
				Source: strings.Clone(rec.Source),
				Input:  i, Line: rec.Line, Offset: rec.Offset, Len: len(rec.Text),
			},
			text: rec.Text,
			html: rec.Format == input.HTML && cfg.Extract != ExtractNone,
		}
		one[0].site = index.Site(one[0].doc.URL) // of the copy: rec's strings alias the reader's buffers
		b.recs, b.ext, b.lines = one[:], b.ext[:0], b.lines[:0]
		w.prepare(&b)
		r := &b.recs[0]
		return fn(&r.doc, r.text, r.lines, r.site)
	})
}
