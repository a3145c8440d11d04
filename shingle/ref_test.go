package shingle

import (
	"math/bits"
	"strings"
)

// This file holds the slow, obviously correct reference the Shingler is
// tested against: normalise the whole text at once with x/text, classify
// every rune with classOf, segment with explicit look-ahead, hash each token
// with hashToken and combine each window from scratch.

// refSegment is a token, or an ideographic run given by its units.
type refSegment struct {
	tok   string
	units []string
}

// refTokens returns the tokens of text as the package documentation defines
// them.
func refTokens(o Options, text []byte) []string {
	var toks []string
	for _, sg := range refSegments(o, text) {
		switch {
		case sg.units == nil:
			toks = append(toks, sg.tok)
		case len(sg.units) == 1:
			toks = append(toks, sg.units[0])
		default:
			for i := 1; i < len(sg.units); i++ {
				toks = append(toks, sg.units[i-1]+sg.units[i])
			}
		}
	}
	return toks
}

// refNormalized joins the segments as AppendNormalized does: a space
// between segments, none inside an ideographic run.
func refNormalized(o Options, text []byte) string {
	var parts []string
	for _, sg := range refSegments(o, text) {
		if sg.units == nil {
			parts = append(parts, sg.tok)
		} else {
			parts = append(parts, strings.Join(sg.units, ""))
		}
	}
	return strings.Join(parts, " ")
}

func refSegments(o Options, text []byte) []refSegment {
	valid := strings.ToValidUTF8(string(text), "\uFFFD")
	rs := []rune(newNormalizer().normalizeString(valid, o.StripDiacritics))
	var (
		segs  []refSegment
		tok   []rune
		inTok bool
		last  class
		units [][]rune
		inRun bool
	)
	endTok := func() {
		if inTok && len(tok) > 0 {
			segs = append(segs, refSegment{tok: string(tok)})
		}
		inTok, tok = false, nil
	}
	endRun := func() {
		if inRun {
			sg := refSegment{units: []string{}}
			for _, u := range units {
				sg.units = append(sg.units, string(u))
			}
			segs = append(segs, sg)
		}
		inRun, units = false, nil
	}
	// gap: a character was dropped inside the token or run since the last
	// one kept; a combining character may not join across it.
	gap := false
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		combines := !boundaryBefore(r)
		switch c := classOf(r); c {
		case clLetter, clDigit:
			endRun()
			if inTok && gap && combines {
				endTok()
			}
			if !inTok {
				inTok, gap = true, false
			}
			if c == clDigit && o.FoldDigits {
				r = '0'
			}
			tok = append(tok, r)
			last, gap = c, false
		case clIdeo:
			endTok()
			if inRun && gap && combines {
				endRun()
			}
			inRun = true
			units = append(units, []rune{r})
			gap = false
		case clExtend:
			switch {
			case gap && combines:
			case inTok && len(tok) > 0:
				tok = append(tok, r)
			case inRun:
				units[len(units)-1] = append(units[len(units)-1], r)
			}
		case clFormat:
			gap = gap || inTok || inRun
		case clMidLetter, clMidNum, clMidNumLet:
			endRun()
			if inTok && midJoins(c, last) {
				j := i + 1
				for j < len(rs) && (classOf(rs[j]) == clExtend || classOf(rs[j]) == clFormat) {
					j++
				}
				if j < len(rs) && classOf(rs[j]) == last && boundaryBefore(rs[j]) {
					i = j - 1
					gap = true
					continue
				}
			}
			endTok()
		case clExtNumLet:
			endRun()
			if !inTok {
				inTok = true
			}
			last, gap = clExtNumLet, true
		default:
			endTok()
			endRun()
		}
	}
	endTok()
	endRun()
	return segs
}

// refHashes returns the shingle hashes of text computed from refTokens.
func refHashes(o Options, text []byte) []uint64 {
	o, err := o.withDefaults()
	if err != nil {
		panic(err)
	}
	toks := refTokens(o, text)
	seedFull, seedShort, seedChars := fmix64(o.Seed^kFull), fmix64(o.Seed^kShort), fmix64(o.Seed^kChars)
	var out []uint64
	if o.Kind == Chars {
		t := []rune(refNormalized(o, text))
		if len(t) == 0 {
			return nil
		}
		if len(t) < o.N {
			return []uint64{fmix64(hashToken([]byte(string(t))) ^ seedShort)}
		}
		for i := 0; i+o.N <= len(t); i++ {
			out = append(out, fmix64(hashToken([]byte(string(t[i:i+o.N])))^seedChars))
		}
		return out
	}
	th := make([]uint64, len(toks))
	for i, t := range toks {
		th[i] = hashToken([]byte(t))
	}
	window := func(w []uint64) uint64 {
		var x uint64
		for j, t := range w {
			x ^= bits.RotateLeft64(t, len(w)-1-j)
		}
		return x
	}
	if len(th) > 0 && len(th) < o.N {
		return []uint64{fmix64(window(th) ^ seedShort ^ uint64(len(th)))}
	}
	for i := 0; i+o.N <= len(th); i++ {
		out = append(out, finish(window(th[i:i+o.N]), seedFull))
	}
	return out
}
