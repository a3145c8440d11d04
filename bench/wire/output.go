package wire

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/mimeo-dedup/mimeo/internal/eval"
)

// WriteJSONL writes the documents, one JSON object per line, in the order
// of Docs: {"id", "url", "date", "text"}. Labels and kinds are not
// written; see WriteTruth.
func (c *Corpus) WriteJSONL(w io.Writer) error {
	type record struct {
		ID   string `json:"id"`
		URL  string `json:"url,omitempty"`
		Date string `json:"date,omitempty"`
		Text string `json:"text"`
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range c.Docs {
		d := &c.Docs[i]
		if err := enc.Encode(record{d.ID, d.URL, d.Date, d.Text}); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// WriteTruth writes the ground truth, one JSON object per line, in the
// order of Docs: {"id", "label", "kind", "story"}, where story is -1 for a
// hard negative, and, for a Digest or FollowUp, "sources": the indexes of
// the stories it quotes. eval.ReadTruth reads it.
func (c *Corpus) WriteTruth(w io.Writer) error {
	type record struct {
		ID      string `json:"id"`
		Label   string `json:"label"`
		Kind    Kind   `json:"kind"`
		Story   int    `json:"story"`
		Sources []int  `json:"sources,omitempty"`
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range c.Docs {
		d := &c.Docs[i]
		if err := enc.Encode(record{d.ID, d.Label, d.Kind, d.Story, d.Sources}); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// Truth returns the ground-truth clustering: every document's label.
func (c *Corpus) Truth() eval.Assignment {
	a := make(eval.Assignment, len(c.Docs))
	for i := range c.Docs {
		a[c.Docs[i].ID] = c.Docs[i].Label
	}
	return a
}
