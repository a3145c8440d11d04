package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/align"
	"github.com/mimeo-dedup/mimeo/internal/extract"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/minhash"
)

type explainFlags struct {
	recipe recipeFlags
	input  string
	json   bool
	raw    bool
	color  string
	full   bool
}

func (f *explainFlags) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&f.input, "input", "", "read A and B as document ids from `FILE` (any input scan reads) instead of as two files")
	fs.BoolVar(&f.json, "json", false, "print one JSON object")
	fs.BoolVar(&f.raw, "raw", false, "compare the whole texts (scan ignores lists and lines of fewer than 10 words on pages with paragraphs)")
	fs.StringVar(&f.color, "color", "auto", "colour the differences: auto (when standard output is a terminal), always or never")
	fs.BoolVar(&f.full, "full", false, "print long shared passages whole instead of abbreviated")
	f.recipe.AddFlags(fs)
}

const explainUsage = `Usage: mimeo explain [flags] A B
       mimeo explain --input FILE [flags] ID-A ID-B

Compares two documents as mimeo scan does and shows why they match or not:
their exact and estimated similarity and containment both ways, then the two
texts aligned (normalised as mimeo sees them): what both share (=), what only
A has (-) and what only B has (+): an injected brand, a footer, a local
paragraph, a missing tail.

Flags:
`

type explainDoc struct {
	name string
	text []byte
	html bool // reduce to the main text first
}

// readDoc reads a file as scan would (a text or HTML file is one document;
// of a JSONL or WARC file, the first record).
func readDoc(ctx context.Context, name string, stdin io.Reader) (explainDoc, error) {
	ins, err := input.Expand([]string{name})
	if err != nil {
		return explainDoc{}, err
	}
	var doc explainDoc
	_, err = eachRecord(ctx, ins[0], input.Options{Stdin: stdin}, func(rec *input.Record) (bool, error) {
		doc = explainDoc{name: name, text: bytes.Clone(rec.Text), html: rec.Format == input.HTML}
		return false, nil
	})
	if err == nil && doc.text == nil {
		err = fmt.Errorf("%s: no document", name)
	}
	return doc, err
}

type segmentOut struct {
	Op   string `json:"op"`
	A    [2]int `json:"a"`
	B    [2]int `json:"b"`
	Text string `json:"text"`
}
type explainOut struct {
	A         string       `json:"a"`
	B         string       `json:"b"`
	TokensA   int          `json:"tokens_a"`
	TokensB   int          `json:"tokens_b"`
	Jaccard   float64      `json:"jaccard"`
	AinB      float64      `json:"a_in_b"`
	BinA      float64      `json:"b_in_a"`
	Estimated index.Match  `json:"estimated"`
	Segments  []segmentOut `json:"segments"`
}

func runExplain(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var f explainFlags
	fs := pflag.NewFlagSet("explain", pflag.ContinueOnError)
	f.AddFlags(fs)
	if err := parseFlags(fs, args, explainUsage, stdout); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usagef("explain: want two documents, got %d arguments", fs.NArg())
	}
	switch f.color {
	case "auto", "always", "never":
	default:
		return usagef("explain: --color %q: want auto, always or never", f.color)
	}
	r, err := f.recipe.recipe()
	if err != nil {
		return err
	}
	var docs [2]explainDoc
	if f.input != "" {
		docs, err = findDocs(ctx, f.input, fs.Arg(0), fs.Arg(1), stdin)
	} else {
		for i, name := range fs.Args() {
			if docs[i], err = readDoc(ctx, name, stdin); err != nil {
				break
			}
		}
	}
	if err != nil {
		return fmt.Errorf("explain: %w", err)
	}
	page := extract.New(extract.Options{})
	for i := range docs {
		if docs[i].html {
			docs[i].text = page.AppendText(nil, docs[i].text)
		}
	}
	signer, err := r.NewSigner()
	if err != nil {
		return err
	}
	ex, err := index.NewExtractor(index.DedupOptions{Recipe: r})
	if err != nil {
		return err
	}
	var norm [2][]string
	var hashes [2][]uint64
	var sigs [2]minhash.BBit
	for i := range docs {
		text := docs[i].text
		if !f.raw {
			text = ex.Clean(nil, text, "")
		}
		hashes[i] = append([]uint64(nil), signer.Hashes(text)...)
		norm[i] = strings.Fields(string(signer.Normalized(nil, text)))
		sigs[i] = signer.Sign(text).BBit(index.DefaultBits)
	}
	j, ab, ba := sigs[0].Compare(sigs[1])
	out := explainOut{
		A: docs[0].name, B: docs[1].name, TokensA: len(norm[0]), TokensB: len(norm[1]),
		Jaccard:   round3(minhash.ExactJaccard(hashes[0], hashes[1])),
		AinB:      round3(minhash.ExactContainment(hashes[0], hashes[1])),
		BinA:      round3(minhash.ExactContainment(hashes[1], hashes[0])),
		Estimated: index.Match{Jaccard: round3(j), AinB: round3(ab), BinA: round3(ba)},
	}
	for _, s := range align.Diff(norm[0], norm[1]) {
		words := norm[0][s.A0:s.A1]
		if s.Kind == align.Insert {
			words = norm[1][s.B0:s.B1]
		}
		out.Segments = append(out.Segments, segmentOut{Op: s.Kind.String(), A: [2]int{s.A0, s.A1}, B: [2]int{s.B0, s.B1}, Text: strings.Join(words, " ")})
	}
	if f.json {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	color := f.color == "always" || (f.color == "auto" && isTerminal(stdout))
	printExplain(stdout, out, color, f.full)
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func printExplain(w io.Writer, o explainOut, color, full bool) {
	fmt.Fprintf(w, "A: %s (%d tokens)\nB: %s (%d tokens)\n\n", o.A, o.TokensA, o.B, o.TokensB)
	fmt.Fprintf(w, "                 exact  estimated\n")
	fmt.Fprintf(w, "similarity       %.3f  %.3f\n", o.Jaccard, o.Estimated.Jaccard)
	fmt.Fprintf(w, "A inside B       %.3f  %.3f\n", o.AinB, o.Estimated.AinB)
	fmt.Fprintf(w, "B inside A       %.3f  %.3f\n", o.BinA, o.Estimated.BinA)
	match := o.Estimated.Jaccard >= index.DefaultJaccard || o.Estimated.AinB >= index.DefaultContainment || o.Estimated.BinA >= index.DefaultContainment
	verdict := "not near-duplicates"
	if match {
		verdict = "near-duplicates"
	}
	fmt.Fprintf(w, "with the default thresholds (similarity %.2f, containment %.2f): %s\n\n", index.DefaultJaccard, index.DefaultContainment, verdict)
	var shared, onlyA, onlyB int
	for _, s := range o.Segments {
		switch s.Op {
		case "=":
			shared += s.A[1] - s.A[0]
		case "-":
			onlyA += s.A[1] - s.A[0]
		case "+":
			onlyB += s.B[1] - s.B[0]
		}
	}
	fmt.Fprintf(w, "aligned: %d tokens shared, %d only in A (-), %d only in B (+)\n\n", shared, onlyA, onlyB)
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return "\033[" + code + "m" + s + "\033[0m"
	}
	for _, s := range o.Segments {
		text := s.Text
		switch s.Op {
		case "=":
			if words := strings.Fields(text); !full && len(words) > 24 {
				text = strings.Join(words[:10], " ") + fmt.Sprintf(" … [%d shared tokens] … ", len(words)-20) + strings.Join(words[len(words)-10:], " ")
			}
			fmt.Fprintf(w, "  = %s\n", text)
		case "-":
			fmt.Fprintf(w, "%s\n", paint("31", "  - "+text))
		case "+":
			fmt.Fprintf(w, "%s\n", paint("32", "  + "+text))
		}
	}
}

// findDocs reads an input and returns the documents with ids a and b.
func findDocs(ctx context.Context, path, a, b string, stdin io.Reader) ([2]explainDoc, error) {
	var docs [2]explainDoc
	ins, err := input.Expand([]string{path})
	if err != nil {
		return docs, err
	}
	found := 0
	for _, in := range ins {
		_, err := eachRecord(ctx, in, input.Options{Stdin: stdin}, func(rec *input.Record) (bool, error) {
			for i, id := range []string{a, b} {
				if rec.ID == id && docs[i].text == nil {
					docs[i] = explainDoc{name: id + " (" + rec.Source + ")", text: bytes.Clone(rec.Text), html: rec.Format == input.HTML}
					found++
				}
			}
			return found < 2, nil
		})
		if err != nil {
			return docs, err
		}
	}
	for i, id := range []string{a, b} {
		if docs[i].text == nil {
			return docs, fmt.Errorf("%s: no document with id %q", path, id)
		}
	}
	return docs, nil
}
