package index

import (
	"fmt"
	"slices"
)

// A Batch checks pages against an index without the batch's own pages,
// and adds them all at once at Commit — a crawl's batch, or a scan of a
// dump against the index of the earlier ones (mimeo scan --index): the
// pages of a batch are compared with each other elsewhere (Dedup), with
// the index here, and none of them is a match of the index for another.
//
// A Batch copies what it keeps of each page's features, in a few large
// arrays: the caller may reuse its Features. It is not safe for concurrent
// use; the index goes on serving others meanwhile (and what other callers
// add meanwhile, the batch's checks see).
type Batch struct {
	x       *Index
	words   []uint64 // wpd a page
	cards   []uint32
	keys    []uint64
	keyAt   []int // where a page's band keys start in keys (they end at the next's)
	pass    []uint64
	passAt  []int // where a page's passage keys start in pass (they end at the next's)
	sets    []byte
	setAt   []int // where a page's encoded set starts in sets (it ends at the next's)
	meta    []docMeta
	keep    []bool // AddKeeping: the id's earlier documents stay
	scratch []uint64
	done    bool
}

// NewBatch begins a batch of pages for x.
func (x *Index) NewBatch() *Batch { return &Batch{x: x} }

// Len returns the number of pages added to the batch.
func (b *Batch) Len() int { return len(b.cards) }

// Seen is Index.Seen of a page against the index without the batch's
// pages.
func (b *Batch) Seen(f *Features) (SeenResult, error) { return b.x.Seen(f) }

// Add keeps a page's features to add at Commit (Index.AddFeatures: the
// page replaces the index's document of its id).
func (b *Batch) Add(id, url, date string, f *Features) error { return b.add(id, url, date, f, false) }

// AddKeeping is Add for a page whose id is not its own to keep
// (Index.AddFeaturesKeeping).
func (b *Batch) AddKeeping(id, url, date string, f *Features) error {
	return b.add(id, url, date, f, true)
}

func (b *Batch) add(id, url, date string, f *Features, keep bool) error {
	if b.done {
		return fmt.Errorf("index: Add to a committed batch")
	}
	if err := b.x.checkFeatures(f); err != nil {
		return err
	}
	b.words = append(b.words, f.Bits.Words...)
	b.cards = append(b.cards, f.Sig.Card)
	b.keyAt = append(b.keyAt, len(b.keys))
	b.keys = append(b.keys, f.Keys...)
	b.passAt = append(b.passAt, len(b.pass))
	b.pass = append(b.pass, f.Passages...)
	b.setAt = append(b.setAt, len(b.sets))
	if b.x.opt.Sets >= 0 {
		if f.Set != nil {
			b.sets = append(b.sets, f.Set...)
		} else {
			b.sets, b.scratch = f.AppendSet(b.sets, b.scratch)
		}
	}
	b.meta = append(b.meta, docMeta{ID: id, URL: url, Date: date})
	b.keep = append(b.keep, keep)
	return nil
}

// Commit adds the batch's pages to the index in the order they were added,
// with model as the index's site model if it is not nil (the model the
// batch's pages taught: see Index.SiteModel), and flushes: all or nothing.
// On an error the index is rolled back to its last Flush — which drops
// whatever else was added since — and holds none of the batch. A batch
// commits once.
func (b *Batch) Commit(model *Boilerplate) error {
	if b.done {
		return fmt.Errorf("index: a batch committed twice")
	}
	b.done = true
	x := b.x
	fail := func(err error) error {
		x.Rollback()
		return fmt.Errorf("%w; nothing of the batch was added", err)
	}
	if model != nil {
		if err := x.SetSiteModel(model); err != nil {
			return fail(err)
		}
	}
	var f Features
	f.Bits.B, f.Bits.K = uint8(x.opt.Bits), x.opt.Recipe.K
	for i := range b.cards {
		f.Bits.Card, f.Sig.Card = b.cards[i], b.cards[i]
		f.Bits.Words = b.words[i*x.wpd : (i+1)*x.wpd]
		f.Keys = b.keys[b.keyAt[i]:end(b.keyAt, i, len(b.keys))]
		f.Passages = b.pass[b.passAt[i]:end(b.passAt, i, len(b.pass))]
		f.Set = b.sets[b.setAt[i]:end(b.setAt, i, len(b.sets))]
		f.Set = slices.Clip(f.Set)
		if len(f.Set) == 0 {
			f.Set = nil
		}
		m := b.meta[i]
		if err := x.addFeatures(m.ID, m.URL, m.Date, &f, !b.keep[i]); err != nil {
			return fail(err)
		}
	}
	if err := x.Flush(); err != nil {
		return fail(err)
	}
	return nil
}

// end returns where item i of a run of items that start at starts ends:
// where the next starts, else total.
func end(starts []int, i, total int) int {
	if i+1 < len(starts) {
		return starts[i+1]
	}
	return total
}
