package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	minhashlsh "github.com/ekzhu/minhash-lsh"
)

// BaselineResult is the outcome of BaselineScan.
type BaselineResult struct {
	Docs     int
	Bytes    int64    // bytes of input read
	IDs      []string // each document's "id" field (its line number when it has none)
	Clusters [][]int  // document numbers of each cluster of two or more
}

// BaselineScan is the near-duplicate pipeline a Go user would assemble from
// the peers, doing the job of mimeo scan on JSONL: encoding/json decodes
// each line, ekzhu/minhash-lsh's Minhash (dgryski/go-minhash underneath)
// signs whitespace word 5-shingles with k = 128, ekzhu's MinhashLSH with
// bands chosen for threshold finds candidates, each candidate pair is
// checked with the signature estimate and union-find merges the pairs that
// pass (see Baseline). It is the baseline of BenchmarkScan and of mimeo
// bench.
func BaselineScan(r io.Reader, threshold float64) (*BaselineResult, error) {
	b := NewBaseline(threshold)
	if err := b.AddJSONL(r, "-"); err != nil {
		return nil, err
	}
	return b.Result(), nil
}

// AddJSONL decodes each line of r with encoding/json and adds its "text"
// field. A document's id is its "id" field (a string, or a number's
// literal text), or NAME:LINE when it has none, as mimeo names it. Blank
// lines are passed over; a line that is not a JSON object is an error.
func (b *Baseline) AddJSONL(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Bytes()
		b.bytes += int64(len(l)) + 1
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		var rec struct {
			ID   json.RawMessage `json:"id"`
			Text string          `json:"text"`
		}
		if err := json.Unmarshal(l, &rec); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
		var id string
		if len(rec.ID) > 0 {
			switch c := rec.ID[0]; {
			case c == '"':
				json.Unmarshal(rec.ID, &id) // valid: checked by the Unmarshal above
			case c == '-' || c >= '0' && c <= '9':
				id = string(rec.ID) // a number's literal text
			}
		}
		if id == "" {
			id = name + ":" + strconv.Itoa(line)
		}
		b.ids = append(b.ids, id)
		b.Add([]byte(rec.Text))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// Result clusters the documents added (see Clusters) and returns them with
// their ids, when they were added by AddJSONL.
func (b *Baseline) Result() *BaselineResult {
	return &BaselineResult{Docs: b.Len(), Bytes: b.bytes, IDs: b.ids, Clusters: b.Clusters()}
}

// Baseline is the peers' pipeline of BaselineScan on documents given one
// at a time: Add signs one, Clusters indexes them all and clusters.
type Baseline struct {
	threshold float64
	signer    *Ekzhu
	lsh       *minhashlsh.MinhashLSH
	sigs      [][]uint64
	ids       []string
	bytes     int64
}

// baselineK is the baseline's number of MinHash slots.
const baselineK = 128

// NewBaseline returns an empty baseline that merges documents whose
// estimated Jaccard similarity is at least threshold.
func NewBaseline(threshold float64) *Baseline {
	return &Baseline{
		threshold: threshold,
		signer:    NewEkzhu(baselineK, 5),
		lsh:       minhashlsh.NewMinhashLSH(baselineK, threshold),
	}
}

// Len returns the number of documents added.
func (b *Baseline) Len() int { return len(b.sigs) }

// Add signs text as the next document.
func (b *Baseline) Add(text []byte) {
	sig := b.signer.Sign(text).Signature()
	b.lsh.Add(len(b.sigs), sig)
	b.sigs = append(b.sigs, sig)
}

// Clusters returns the document numbers of each cluster of two or more,
// each in increasing order, ordered by their first member. Call it once,
// after the last Add.
func (b *Baseline) Clusters() [][]int {
	sigs := b.sigs
	b.lsh.Index()
	parent := make([]int, len(sigs))
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for i, sig := range sigs {
		for _, key := range b.lsh.Query(sig) {
			j := key.(int)
			if j == i || find(i) == find(j) {
				continue
			}
			same := 0
			for s, v := range sig {
				if sigs[j][s] == v {
					same++
				}
			}
			if float64(same)/baselineK >= b.threshold {
				parent[find(i)] = find(j)
			}
		}
	}
	groups := make(map[int][]int)
	for i := range sigs {
		groups[find(i)] = append(groups[find(i)], i)
	}
	var out [][]int
	seen := make(map[int]bool)
	for i := range sigs {
		r := find(i)
		if g := groups[r]; len(g) > 1 && !seen[r] {
			seen[r] = true
			out = append(out, g)
		}
	}
	return out
}
