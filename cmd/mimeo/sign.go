package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/mimeo-dedup/mimeo/minhash"
)

type signFlags struct {
	recipe recipeFlags
	format string
	bits   int
	pairs  bool
}

func (f *signFlags) AddFlags(fs *pflag.FlagSet) {
	f.recipe.AddFlags(fs)
	fs.StringVar(&f.format, "format", "text", "output format: text or json (one object per line)")
	fs.IntVar(&f.bits, "bits", 32, "bits per slot in the printed signature (1-32, b-bit MinHash)")
	fs.BoolVar(&f.pairs, "pairs", true, "compare every pair of files: estimated and exact similarity and containment")
}

const signUsage = `Usage: mimeo sign [flags] FILE...

Reads each FILE as one plain-text document (- for standard input), prints its
number of shingles, estimated distinct shingles and MinHash signature, then for
every pair of files the estimated Jaccard similarity and containment next to the
exact values computed from the shingle sets.

Flags:
`

func runSign(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var f signFlags
	fs := pflag.NewFlagSet("sign", pflag.ContinueOnError)
	f.AddFlags(fs)
	if err := parseFlags(fs, args, signUsage, stdout); err != nil {
		return err
	}
	r, err := f.recipe.Recipe()
	if err != nil {
		return err
	}
	if f.format != "text" && f.format != "json" {
		return usagef("sign: --format %q: want text or json", f.format)
	}
	if f.bits < 1 || f.bits > 32 {
		return usagef("sign: --bits %d: want 1 to 32", f.bits)
	}
	files := fs.Args()
	if len(files) == 0 {
		return usagef("sign: no input files")
	}
	signer, err := r.NewSigner()
	if err != nil {
		return err
	}

	type doc struct {
		name   string
		hashes []uint64
		sig    minhash.Signature
	}
	docs := make([]doc, 0, len(files))
	stdinUsed := false
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		var text []byte
		if name == "-" {
			if stdinUsed {
				return usagef("sign: standard input named twice")
			}
			stdinUsed = true
			text, err = io.ReadAll(stdin)
		} else {
			text, err = os.ReadFile(name)
		}
		if err != nil {
			return fmt.Errorf("sign: %w", err)
		}
		hashes := append([]uint64(nil), signer.Hashes(text)...)
		h, _ := minhash.New(minhash.Options{K: r.K, Seed: r.Seed})
		docs = append(docs, doc{name: name, hashes: hashes, sig: h.Sign(hashes)})
	}

	if f.format == "json" {
		enc := json.NewEncoder(stdout)
		for _, d := range docs {
			b, err := d.sig.BBit(f.bits).MarshalBinary()
			if err != nil {
				return err
			}
			if err := enc.Encode(map[string]any{
				"file": d.name, "recipe": r.String(), "shingles": len(d.hashes),
				"cardinality": d.sig.Card, "bits": f.bits, "signature": hex.EncodeToString(b),
			}); err != nil {
				return err
			}
		}
		if f.pairs {
			for i := range docs {
				for j := i + 1; j < len(docs); j++ {
					a, b := docs[i], docs[j]
					if err := enc.Encode(map[string]any{
						"a": a.name, "b": b.name,
						"similarity":        round4(a.sig.Jaccard(b.sig)),
						"similarity_exact":  round4(minhash.ExactJaccard(a.hashes, b.hashes)),
						"containment":       round4(a.sig.Containment(b.sig)),
						"containment_exact": round4(minhash.ExactContainment(a.hashes, b.hashes)),
						"contained":         round4(b.sig.Containment(a.sig)),
						"contained_exact":   round4(minhash.ExactContainment(b.hashes, a.hashes)),
						"similarity_bbit":   round4(a.sig.BBit(f.bits).Jaccard(b.sig.BBit(f.bits))),
						"bits":              f.bits,
					}); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}

	fmt.Fprintf(stdout, "recipe: %s\n\n", r)
	tw := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
	fmt.Fprintf(tw, "FILE\tSHINGLES\tDISTINCT~\tSIGNATURE (first of %d %d-bit slots)\n", r.K, f.bits)
	for _, d := range docs {
		bb := d.sig.BBit(f.bits)
		slots := ""
		for i := range min(4, bb.K) {
			slots += fmt.Sprintf("%0*x ", (f.bits+3)/4, bb.Slot(i))
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s…\n", d.name, len(d.hashes), d.sig.Card, slots)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if !f.pairs || len(docs) < 2 {
		return nil
	}
	fmt.Fprintln(stdout)
	fmt.Fprintln(stdout, "Pairs: estimated (~) and exact Jaccard J, containment C(A in B) and C(B in A)")
	tw = tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "A\tB\tJ~\tJ\tC(A in B)~\tC(A in B)\tC(B in A)~\tC(B in A)\t")
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			a, b := docs[i], docs[j]
			fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t\n", a.name, b.name,
				a.sig.Jaccard(b.sig), minhash.ExactJaccard(a.hashes, b.hashes),
				a.sig.Containment(b.sig), minhash.ExactContainment(a.hashes, b.hashes),
				b.sig.Containment(a.sig), minhash.ExactContainment(b.hashes, a.hashes))
		}
	}
	return tw.Flush()
}

func round4(x float64) float64 {
	if x != x { // NaN cannot be encoded in JSON
		return -1
	}
	return float64(int64(x*10000+0.5)) / 10000
}
