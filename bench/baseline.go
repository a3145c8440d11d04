package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	minhashlsh "github.com/ekzhu/minhash-lsh"
)

// BaselineResult is the outcome of BaselineScan.
type BaselineResult struct {
	Docs     int
	Bytes    int64   // bytes of input read
	Clusters [][]int // document numbers of each cluster of two or more
}

// BaselineScan is the near-duplicate pipeline a Go user would assemble from
// the peers, doing the job of mimeo scan on JSONL: encoding/json decodes
// each line, ekzhu/minhash-lsh's Minhash (dgryski/go-minhash underneath)
// signs whitespace word 5-shingles with k = 128, ekzhu's MinhashLSH with
// bands chosen for threshold finds candidates, each candidate pair is
// checked with the signature estimate and union-find merges the pairs that
// pass. It is the baseline of BenchmarkScan.
func BaselineScan(r io.Reader, threshold float64) (*BaselineResult, error) {
	const k = 128
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	var sigs [][]uint64
	lsh := minhashlsh.NewMinhashLSH(k, threshold)
	res := &BaselineResult{}
	signer := NewEkzhu(k, 5)
	line := 0
	for sc.Scan() {
		line++
		res.Bytes += int64(len(sc.Bytes())) + 1
		var rec struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		sig := signer.Sign([]byte(rec.Text)).Signature()
		lsh.Add(len(sigs), sig)
		sigs = append(sigs, sig)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	lsh.Index()
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
		for _, key := range lsh.Query(sig) {
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
			if float64(same)/k >= threshold {
				parent[find(i)] = find(j)
			}
		}
	}
	groups := make(map[int][]int)
	for i := range sigs {
		groups[find(i)] = append(groups[find(i)], i)
	}
	for i := range sigs {
		if g := groups[i]; len(g) > 1 {
			res.Clusters = append(res.Clusters, g)
		}
	}
	res.Docs = len(sigs)
	return res, nil
}
