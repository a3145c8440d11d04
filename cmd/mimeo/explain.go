package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/align"
	"github.com/mimeo-dedup/mimeo/internal/extract"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

type explainFlags struct {
	match matchFlags
	input string
	json  bool
	raw   bool
	color string
	full  bool
}

func (f *explainFlags) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&f.input, "input", "", "read A and B as document ids from `FILE` (any input scan reads) instead of as two files; its site boilerplate is learned as scan learns it")
	fs.BoolVar(&f.json, "json", false, "print one JSON object")
	fs.BoolVar(&f.raw, "raw", false, "compare the whole texts (scan ignores site boilerplate, lists and lines of fewer than 10 words on pages with paragraphs)")
	fs.StringVar(&f.color, "color", "auto", "colour the differences: auto (when standard output is a terminal), always or never")
	fs.BoolVar(&f.full, "full", false, "print long shared passages whole instead of abbreviated")
	f.match.AddFlags(fs)
}

const explainUsage = `Usage: mimeo explain [flags] A B
       mimeo explain --input FILE [flags] ID-A ID-B

Compares two documents as mimeo scan does, with the same flags, and shows
why they match or not: their exact and estimated similarity and containment
both ways, the verdict scan reaches on the pair (on the estimates, or on the
exact values when the estimates are too close to a threshold or a
containment alone or a similarity below 0.5 makes the match and --exact
is on: such a containment counts only if the contained page's opening —
its dated lead, else its first paragraph — is mostly inside the other,
such a similarity only if either opening is a tenth inside the other, and
explain shows those shares), then the two texts aligned as mimeo sees them (its site boilerplate,
lists and short lines left out, normalised): what both share (=), what only
A has (-) and what only B has (+): an injected brand, a footer, a local
paragraph, a missing tail. With --input, the boilerplate of the documents'
sites is learned from that input, as scan of it would.

Flags:
`

type explainDoc struct {
	name string
	text []byte
	html bool   // reduce to the main text first
	url  string // its site's boilerplate applies
	site string // of url, else of the page's markup (as scan names it)
}

// readDoc reads a file as scan would (a text or HTML file is one document;
// of a JSONL or WARC file, the first record).
func readDoc(ctx context.Context, name string, stdin io.Reader) (explainDoc, error) {
	ins, err := input.Expand([]string{name})
	if err != nil {
		return explainDoc{}, err
	}
	var doc explainDoc
	_, err = scan.EachRecord(ctx, ins[0], input.Options{Stdin: stdin}, func(rec *input.Record) (bool, error) {
		doc = explainDoc{name: name, text: bytes.Clone(rec.Text), html: rec.Format == input.HTML, url: strings.Clone(rec.URL)}
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
type matchOut struct {
	Similarity  float64 `json:"similarity"`
	Containment float64 `json:"containment"`
	Contained   float64 `json:"contained"`
}

type explainOut struct {
	A           string   `json:"a"`
	B           string   `json:"b"`
	TokensA     int      `json:"tokens_a"`
	TokensB     int      `json:"tokens_b"`
	Similarity  float64  `json:"similarity"`
	Containment float64  `json:"containment"`
	Contained   float64  `json:"contained"`
	Estimated   matchOut `json:"estimated"`
	// OpeningAinB and OpeningBinA are the shares of A's opening inside B
	// and of B's inside A, weighed when a containment alone or a similarity
	// below 0.5 would make the match (a containment counts only from 0.5,
	// such a similarity from 0.1 either way); absent when not weighed.
	OpeningAinB *float64 `json:"opening_a_in_b,omitempty"`
	OpeningBinA *float64 `json:"opening_b_in_a,omitempty"`
	// Match is scan's verdict on the pair; DecidedOn says on which
	// values: "estimates" or "exact" (too close to a threshold, or
	// matched by a containment alone).
	Match                bool         `json:"match"`
	DecidedOn            string       `json:"decided_on"`
	Threshold            float64      `json:"threshold"`
	ContainmentThreshold float64      `json:"containment_threshold"` // 0: off
	Segments             []segmentOut `json:"segments"`
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
	cfg, err := f.match.Config()
	if err != nil {
		return err
	}
	var docs [2]explainDoc
	var bp *index.Boilerplate
	if f.input != "" {
		again := func() (io.Reader, error) { return stdin, nil }
		if f.input == "-" {
			// Read twice: for the documents, for the boilerplate.
			open, cleanup, err := scan.Spool(ctx, input.ContextReader(ctx, stdin), "", f.match.SpoolMax)
			if err != nil {
				return fmt.Errorf("explain: spooling standard input: %w", err)
			}
			defer cleanup()
			if stdin, err = open(); err != nil {
				return err
			}
			again = open
		}
		docs, err = findDocs(ctx, f.input, fs.Arg(0), fs.Arg(1), stdin, cfg.Input)
		if err == nil && cfg.Boilerplate && !f.raw {
			var r io.Reader
			if r, err = again(); err == nil {
				bp, err = learnSites(ctx, cfg, f.input, r, f.match.SpoolMax)
			}
		}
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
		docs[i].site = index.Site(docs[i].url)
		if docs[i].html {
			switch cfg.Extract {
			case scan.ExtractAuto:
				docs[i].text = page.AppendText(nil, docs[i].text)
			case scan.ExtractAll:
				docs[i].text = page.AppendAllText(nil, docs[i].text)
			default:
				continue
			}
			if docs[i].site == "" {
				docs[i].site = page.Site()
			}
		}
	}
	o := cfg.Dedup
	signer, err := o.Recipe.NewSigner()
	if err != nil {
		return err
	}
	ex, err := index.NewFeaturizer(o)
	if err != nil {
		return err
	}
	if bp != nil {
		ex.SetBoilerplate(bp)
	}
	// Both documents in a Dedup of their own, which decides the pair as
	// scan's does.
	dd, err := index.NewDedup(o)
	if err != nil {
		return err
	}
	dd.DeferUncertain(cfg.Exact)
	ex.KeepHashes(true)
	// sets and leads are what scan's exact pass decides on (the texts as
	// it cleans them); shown are the texts compared, the whole ones with
	// --raw.
	var norm [2][]string
	var sets, leads, shown [2][]uint64
	for i := range docs {
		text := docs[i].text
		var feat index.Features
		ex.Extract(text, docs[i].site, &feat)
		if _, _, err := dd.Add(&feat); err != nil {
			return err
		}
		slices.Sort(feat.Hashes)
		sets[i], leads[i] = slices.Compact(feat.Hashes), feat.Lead
		shown[i] = sets[i]
		if f.raw {
			shown[i] = append([]uint64(nil), signer.Hashes(text)...)
			slices.Sort(shown[i])
			shown[i] = slices.Compact(shown[i])
		} else {
			text = ex.Clean(nil, text, docs[i].site)
		}
		norm[i] = strings.Fields(string(signer.Normalized(nil, text)))
	}
	est := dd.Estimate(0, 1)
	exact := index.ExactMatch(shown[0], shown[1])
	decided := "estimates"
	aLead, bLead := -1.0, -1.0
	for _, p := range dd.Undecided() {
		_, aLead, bLead = dd.ResolveSets(p.A, p.B, sets[0], sets[1], leads[0], leads[1])
		decided = "exact"
	}
	match := false
	for _, p := range dd.Pairs() {
		match = match || p.A == 0 && p.B == 1
	}
	if decided == "estimates" && !match {
		// Not a candidate, or decided on the estimate: the rule on it.
		match = o.Near(est, dd.Card(0), dd.Card(1))
	}
	out := explainOut{
		A: docs[0].name, B: docs[1].name, TokensA: len(norm[0]), TokensB: len(norm[1]),
		Similarity:  round3(exact.Similarity),
		Containment: round3(exact.Containment),
		Contained:   round3(exact.Contained),
		Estimated:   matchOut{Similarity: round3(est.Similarity), Containment: round3(est.Containment), Contained: round3(est.Contained)},
		Match:       match, DecidedOn: decided, Threshold: o.Jaccard, ContainmentThreshold: max(o.Containment, 0),
	}
	if aLead >= 0 {
		v := round3(aLead)
		out.OpeningAinB = &v
	}
	if bLead >= 0 {
		v := round3(bLead)
		out.OpeningBinA = &v
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
	fmt.Fprintf(w, "similarity       %.3f  %.3f\n", o.Similarity, o.Estimated.Similarity)
	fmt.Fprintf(w, "A inside B       %.3f  %.3f\n", o.Containment, o.Estimated.Containment)
	fmt.Fprintf(w, "B inside A       %.3f  %.3f\n", o.Contained, o.Estimated.Contained)
	if o.OpeningAinB != nil {
		fmt.Fprintf(w, "A's opening inside B  %.3f (a containment counts from 0.5, a similarity below 0.5 from 0.1 either way)\n", *o.OpeningAinB)
	}
	if o.OpeningBinA != nil {
		fmt.Fprintf(w, "B's opening inside A  %.3f (a containment counts from 0.5, a similarity below 0.5 from 0.1 either way)\n", *o.OpeningBinA)
	}
	verdict := "not near-duplicates"
	if o.Match {
		verdict = "near-duplicates"
	}
	cont := "off"
	if o.ContainmentThreshold > 0 {
		cont = fmt.Sprintf("%.2f", o.ContainmentThreshold)
	}
	fmt.Fprintf(w, "scan's verdict (similarity %.2f, containment %s; on the %s): %s\n\n", o.Threshold, cont, map[string]string{"exact": "exact values", "estimates": "estimates"}[o.DecidedOn], verdict)
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
func findDocs(ctx context.Context, path, a, b string, stdin io.Reader, opts input.Options) ([2]explainDoc, error) {
	var docs [2]explainDoc
	ins, err := input.Expand([]string{path})
	if err != nil {
		return docs, err
	}
	found := 0
	for _, in := range ins {
		opts.Stdin = stdin
		_, err := scan.EachRecord(ctx, in, opts, func(rec *input.Record) (bool, error) {
			for i, id := range []string{a, b} {
				if rec.ID == id && docs[i].text == nil {
					docs[i] = explainDoc{name: id + " (" + rec.Source + ")", text: bytes.Clone(rec.Text), html: rec.Format == input.HTML, url: strings.Clone(rec.URL)}
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

// learnSites learns the site boilerplate of the input at path as a scan of
// it would (its first pass).
func learnSites(ctx context.Context, cfg scan.Config, path string, stdin io.Reader, spoolMax int64) (*index.Boilerplate, error) {
	ins, err := input.Expand([]string{path})
	if err != nil {
		return nil, err
	}
	cfg.Inputs, cfg.NoDedup, cfg.Exact = ins, true, false
	cleanup, err := streamSources(ctx, &cfg, stdin, true, spoolMax)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	res, err := scan.Run(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return res.Boilerplate, nil
}
