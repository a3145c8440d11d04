package bench

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"sync"

	"github.com/mimeo-dedup/mimeo/bench/corpus"
	"github.com/mimeo-dedup/mimeo/index"
)

// IndexCorpus is the workload of the index benchmarks: document i is an
// English news article of 1.5–4 KB generated from seed+i, so that any
// document can be made again without keeping the corpus; Variant(i) is a
// near-duplicate of it.
type IndexCorpus struct{ Seed uint64 }

// Text returns document i.
func (c IndexCorpus) Text(i int) []byte {
	return corpus.NewGenerator(corpus.English, c.Seed+uint64(i)).Article(1500, 4000).Bytes()
}

// Variant returns a copy of document i with about one word in 25 replaced
// and a line added: a near-duplicate (Jaccard about 0.7) as a republished
// story is.
func (c IndexCorpus) Variant(i int) []byte {
	text := c.Text(i)
	r := corpus.NewRand(c.Seed ^ uint64(i)*0x9E3779B97F4A7C15)
	out := make([]byte, 0, len(text)+80)
	word := 0
	for j := 0; j < len(text); j++ {
		ch := text[j]
		if ch == ' ' {
			word++
			if r.IntN(25) == 0 {
				out = append(out, " edited"...)
				for j+1 < len(text) && text[j+1] != ' ' && text[j+1] != '\n' {
					j++
				}
				continue
			}
		}
		out = append(out, ch)
	}
	return append(out, "\n\nThis story was republished by another site under its own brand and title."...)
}

// FeatureSet holds the features of many documents compactly: what an
// index stores of them, made once so that building can be timed apart from
// signing.
type FeatureSet struct {
	Words []uint64 // wpd per document
	Cards []uint32
	Keys  []uint64 // nKeys per document; all zero for a document without keys
	// Slots, when kept, holds the full signatures (K per document), for
	// peers that take them.
	Slots []uint32
	wpd   int
	nKeys int
	b     uint8
	k     int
}

// Len returns the number of documents.
func (s *FeatureSet) Len() int { return len(s.Cards) }

// Features returns document i's features, reusing f.
func (s *FeatureSet) Features(i int, f *index.Features) *index.Features {
	f.Bits.B, f.Bits.K = s.b, s.k
	f.Bits.Words = s.Words[i*s.wpd : (i+1)*s.wpd]
	f.Bits.Card = s.Cards[i]
	f.Sig.Card = s.Cards[i]
	f.Keys = s.Keys[i*s.nKeys : (i+1)*s.nKeys]
	if s.Keys[i*s.nKeys] == 0 && s.Cards[i] == 0 {
		f.Keys = nil // an empty document
	}
	return f
}

// Slot returns document i's full signature as 64-bit values (Slots must
// have been kept).
func (s *FeatureSet) Slot(i int) []uint64 {
	out := make([]uint64, s.k)
	for j, v := range s.Slots[i*s.k : (i+1)*s.k] {
		out[j] = uint64(v)
	}
	return out
}

// MakeFeatures computes the features of n documents of texts under o,
// on all CPUs, keeping the full signatures too if slots.
func MakeFeatures(o index.Options, n int, text func(i int) []byte, slots bool) (*FeatureSet, error) {
	e, err := index.NewFeaturizer(o)
	if err != nil {
		return nil, err
	}
	var probe index.Features
	e.Extract([]byte("probe text of a few words for the sizes of things here"), "", &probe)
	nKeys := len(probe.Keys)
	s := &FeatureSet{
		wpd: len(probe.Bits.Words), nKeys: nKeys, b: probe.Bits.B, k: probe.Bits.K,
		Cards: make([]uint32, n),
	}
	s.Words = make([]uint64, n*s.wpd)
	s.Keys = make([]uint64, n*nKeys)
	if slots {
		s.Slots = make([]uint32, n*s.k)
	}
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e, _ := index.NewFeaturizer(o)
			var f index.Features
			for i := w; i < n; i += workers {
				e.Extract(text(i), "", &f)
				copy(s.Words[i*s.wpd:], f.Bits.Words)
				s.Cards[i] = f.Sig.Card
				copy(s.Keys[i*nKeys:], f.Keys)
				if slots {
					copy(s.Slots[i*s.k:], f.Sig.Slots)
				}
			}
		}()
	}
	wg.Wait()
	return s, nil
}

// AddFeatureSet adds every document of fs to x, as document "d<i>" of
// site i mod 1000, and flushes.
func AddFeatureSet(x *index.Index, fs *FeatureSet) error {
	var f index.Features
	for i := range fs.Len() {
		id := "d" + strconv.Itoa(i)
		url := "https://site" + strconv.Itoa(i%1000) + ".example/" + id
		if err := x.AddFeatures(id, url, "2026-11-26", fs.Features(i, &f)); err != nil {
			return err
		}
	}
	return x.Flush()
}

// featureMagic begins a FeatureSet file.
const featureMagic = "MIMEOFS1"

// WriteFile writes s to path, so that later runs can skip signing.
func (s *FeatureSet) WriteFile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	buf := []byte(featureMagic)
	for _, v := range []int{s.Len(), s.wpd, s.nKeys, int(s.b), s.k} {
		buf = binary.LittleEndian.AppendUint64(buf, uint64(v))
	}
	w.Write(buf)
	for _, a := range [][]uint64{s.Words, s.Keys} {
		for len(a) > 0 {
			n := min(len(a), 1<<16)
			buf = buf[:0]
			for _, v := range a[:n] {
				buf = binary.LittleEndian.AppendUint64(buf, v)
			}
			w.Write(buf)
			a = a[n:]
		}
	}
	buf = buf[:0]
	for i, v := range s.Cards {
		buf = binary.LittleEndian.AppendUint32(buf, v)
		if len(buf) >= 1<<19 || i == len(s.Cards)-1 {
			w.Write(buf)
			buf = buf[:0]
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ReadFeatureSet reads a FeatureSet written by WriteFile (without Slots).
func ReadFeatureSet(path string) (*FeatureSet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	head := make([]byte, len(featureMagic)+5*8)
	if _, err := io.ReadFull(r, head); err != nil || string(head[:len(featureMagic)]) != featureMagic {
		return nil, fmt.Errorf("%s: not a feature set", path)
	}
	var v [5]int
	for i := range v {
		v[i] = int(binary.LittleEndian.Uint64(head[len(featureMagic)+8*i:]))
	}
	n, wpd, nKeys := v[0], v[1], v[2]
	if n < 0 || wpd < 1 || wpd > 1<<10 || nKeys < 1 || nKeys > 1<<10 || n > 1<<40/(wpd+nKeys) {
		return nil, fmt.Errorf("%s: bad header", path)
	}
	s := &FeatureSet{wpd: wpd, nKeys: nKeys, b: uint8(v[3]), k: v[4],
		Words: make([]uint64, n*wpd), Keys: make([]uint64, n*nKeys), Cards: make([]uint32, n)}
	buf := make([]byte, 1<<19)
	for _, a := range [][]uint64{s.Words, s.Keys} {
		for len(a) > 0 {
			m := min(len(a), len(buf)/8)
			if _, err := io.ReadFull(r, buf[:8*m]); err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			for i := range m {
				a[i] = binary.LittleEndian.Uint64(buf[8*i:])
			}
			a = a[m:]
		}
	}
	for c := s.Cards; len(c) > 0; {
		m := min(len(c), len(buf)/4)
		if _, err := io.ReadFull(r, buf[:4*m]); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for i := range m {
			c[i] = binary.LittleEndian.Uint32(buf[4*i:])
		}
		c = c[m:]
	}
	return s, nil
}
