package index

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestCountWords(t *testing.T) {
	r := &rng{s: 11}
	alphabet := []string{"a", "B", " ", "  ", "\t", "\n", "é", "\x00", "x", "yz", "\r\n"}
	for range 3000 {
		var b strings.Builder
		for range r.intn(40) {
			b.WriteString(alphabet[r.intn(len(alphabet))])
		}
		s := b.String()
		want := len(strings.FieldsFunc(s, func(c rune) bool { return c <= ' ' && unicode.IsControl(c) || c == ' ' }))
		if got := countWords([]byte(s), 0); got != want {
			t.Fatalf("countWords(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestStripShortLines(t *testing.T) {
	page := "Home | News | Sports\nTrending\n" +
		"The council approved the plan on Tuesday after a long debate about the costs of the bridge over the river.\n" +
		"Share this\n" +
		"Work will start in spring and last eighteen months, the city's transport office said in a statement today.\n" +
		"Copyright 2026"
	got := string(StripShortLines(nil, []byte(page), 10, 10))
	want := "The council approved the plan on Tuesday after a long debate about the costs of the bridge over the river.\n" +
		"Work will start in spring and last eighteen months, the city's transport office said in a statement today.\n"
	if got != want {
		t.Errorf("StripShortLines = %q, want %q", got, want)
	}
	short := "Milk\nEggs\nBread and butter\n"
	if got := string(StripShortLines(nil, []byte(short), 10, 10)); got != short {
		t.Errorf("a page without long lines changed: %q", got)
	}
	wrapped := "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\n" +
		"January and improving prospects for the coming harvest,\nalthough normal humidity levels have not been restored.\n"
	if got := string(StripShortLines(nil, []byte(wrapped), 10, 10)); got != wrapped {
		t.Errorf("text wrapped at a fixed width lost lines: %q", got)
	}
	if got := string(StripShortLines([]byte("x"), []byte(page), -1, 10)); got != "x"+page {
		t.Error("disabled filter changed the text")
	}
}

func TestLineKeyCase(t *testing.T) {
	k1, ok1 := lineKey(7, []byte("  Copyright 2026 ACME News. All Rights Reserved.  "))
	k2, ok2 := lineKey(7, []byte("copyright 2026 acme news. all rights reserved."))
	k3, _ := lineKey(8, []byte("copyright 2026 acme news. all rights reserved."))
	k4, _ := lineKey(7, []byte("copyright 2027 acme news. all rights reserved."))
	if !ok1 || !ok2 || k1 != k2 {
		t.Error("case or surrounding space changed the key")
	}
	if k3 == k2 || k4 == k2 {
		t.Error("different site or text, same key")
	}
	if _, ok := lineKey(7, []byte(" --- | ... ")); ok {
		t.Error("a line without letters or digits has a key")
	}
	if _, ok := lineKey(7, []byte("été")); !ok {
		t.Error("a non-ASCII word has no key")
	}
}

// TestLineKeyEveryByte checks both line hashes at every length and
// position: the case of any letter changes nothing, any other byte
// changed changes the key (both lanes and the tail count).
func TestLineKeyEveryByte(t *testing.T) {
	const letters = "abcdefghijklmnopqrstuvwxyz0123456789 .,"
	r := rand.New(rand.NewPCG(1, 2))
	for _, key := range []func(uint64, []byte) (uint64, bool){lineKey, passageKey} {
		for n := 1; n <= 70; n++ {
			line := make([]byte, n)
			for i := range line {
				line[i] = letters[r.IntN(len(letters))]
			}
			line[0] = 'q' // no surrounding space to trim
			line[n-1] = 'z'
			want, _ := key(3, line)
			for i := range line {
				c := line[i]
				if c >= 'a' && c <= 'z' {
					line[i] = c - 'a' + 'A'
					if k, _ := key(3, line); k != want {
						t.Fatalf("length %d: the case of byte %d changed the key", n, i)
					}
				}
				line[i] = c ^ 0x01
				if line[i] > ' ' {
					if k, _ := key(3, line); k == want {
						t.Fatalf("length %d: byte %d changed, the key did not", n, i)
					}
				}
				line[i] = c
			}
		}
	}
}

// TestPassageKeyFormat pins the passage hash: passage keys are stored in
// the index's segments, so an index written before reads the same keys.
func TestPassageKeyFormat(t *testing.T) {
	k, ok := passageKey(0x9a55a6e, []byte("The Ministry of Finance said on Tuesday that its Budget"))
	if !ok || k != 0x9f8773ffd6d04275 {
		t.Fatalf("passage key %#x, want 0x9f8773ffd6d04275 (the segments' format)", k)
	}
}

// TestStripLists checks the list filter: runs of three or more lines that
// do not end as sentences go (headline lists, a breadcrumb, title and date
// above a story), sentences and shorter runs stay, and text without
// paragraph lines is left whole.
func TestStripLists(t *testing.T) {
	p1 := "The council approved the plan on Tuesday after a long debate about the costs of the bridge over the river."
	p2 := "Work will start in spring and last eighteen months, the city's transport office said in a statement today."
	p3 := "“We have waited for this bridge for thirty years and now we finally have a date,” one resident told reporters?”"
	head := "Home > news > Brandname: the council approves the new bridge over the river after a decade of debate -Site\n" +
		"Brandname: the council approves the new bridge over the river after a decade of debate and delays\n" +
		"Date: 2025-04-10 15:35:57 in the morning edition of the paper that covers the whole region today\n"
	list := "Ranking\n" +
		"- Ukrainian officials say the talks on the grain corridor will resume after the holiday weekend\n" +
		"- The best stocking stuffers under twenty five dollars for everyone on your list this year\n" +
		"- A future basketball app feature lets fans virtually replace a player in a live game tonight\n"
	for _, tc := range []struct {
		name, page, want string
	}{
		{"seed-like page", head + p1 + "\n" + p2 + "\n" + list, p1 + "\n" + p2 + "\n"},
		{"list between paragraphs", p1 + "\n" + list + p2 + "\n", p1 + "\n" + p2 + "\n"},
		{"blank lines inside the list", p1 + "\n\n" + strings.ReplaceAll(list, "\n", "\n\n") + p2, p1 + "\n" + p2 + "\n"},
		{"quotes and question marks end sentences", p3 + "\n" + p1 + "\n", p3 + "\n" + p1 + "\n"},
		{"two long lines without a full stop stay", p1 + "\n" +
			"A subhead that runs on for longer than ten words without any full stop at all\n" +
			"Another line that also has more than ten words and no full stop at its end\n" + p2 + "\n",
			p1 + "\n" + "A subhead that runs on for longer than ten words without any full stop at all\n" +
				"Another line that also has more than ten words and no full stop at its end\n" + p2 + "\n"},
		{"ellipsis", p2 + "\n" + p1[:len(p1)-1] + "…\n", p2 + "\n" + p1[:len(p1)-1] + "…\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(StripShortLines(nil, []byte(tc.page), 10, 10)); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
	// Text wrapped at a fixed width has no sentence ends on most lines:
	// it is kept whole.
	wrapped := "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\n" +
		"January and improving prospects for the coming harvest,\nalthough normal humidity levels have not been restored\n"
	if got := string(StripShortLines(nil, []byte(wrapped), 10, 10)); got != wrapped {
		t.Errorf("wrapped text changed: %q", got)
	}
	// A page that is only a list keeps its lines.
	if got := string(StripShortLines(nil, []byte(list+list), 10, 10)); got != list+list {
		t.Errorf("a page of lists changed: %q", got)
	}
	// ListRun off: the lists stay, the short lines go.
	e, _ := NewFeaturizer(Options{ListRun: -1})
	got := string(e.Clean(nil, []byte(head+p1+"\n"+p2+"\n"+list), ""))
	if !strings.Contains(got, "stocking stuffers") {
		t.Errorf("ListRun -1 removed the lists: %q", got)
	}
}

func TestEndsSentence(t *testing.T) {
	for s, want := range map[string]bool{
		"A sentence.": true, "A question?\n": true, "Wow!  ": true, `He said "yes."`: true, "He said “yes.”": true,
		"(Reporting by A; editing by B.)": true, "Wait…": true, "句子。": true, "« Oui. »": true, "Oui.\u00a0»": true, "“Yes” and no": false,
		"A headline": false, "veryGood! (7)": false, "(Reporting by A; editing by B)": false, "": false,
		"Key points:": false, "2025-04-10 15:35:57": false, "—": false,
	} {
		if got := endsSentence([]byte(s)); got != want {
			t.Errorf("endsSentence(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestAfterDateline(t *testing.T) {
	for line, want := range map[string]string{
		"WASHINGTON (AP) — The Senate passed the bill late on Tuesday after a long debate.":                                        "The Senate passed",
		"LONDON, March 3 - Shares in the bank fell sharply on Monday as investors took fright.":                                    "Shares in the",
		"GRALMOUTH, Blumora India (Tidemark Press) - The economy would be met by the new plan.":                                    "The economy would",
		"BELWICK,Poinbank Brazil (Orbital News Service) — Most observers expected the ministry to act before the end of the year.": "Most observers expected",
		"The deal — which was signed on Friday — gives the company control of the port for years.":                                 "",
		"WASHINGTON (AP) — Too short to key.":                                                                                      "",
		"No dateline here at all, just a sentence of a story that goes on for a while longer.":                                     "",
	} {
		got := afterDateline([]byte(line))
		if want == "" {
			if got != nil {
				t.Errorf("%q: after dateline %q, want none", line, got)
			}
			continue
		}
		if !strings.HasPrefix(strings.TrimSpace(string(got)), want) {
			t.Errorf("%q: after dateline %q, want %q…", line, got, want)
		}
	}
}

// TestPassageKeysAfterDateline: a story's lead keyed after its dateline
// gives the key of the same lead quoted at the start of a line (a digest)
// and under another dateline (a copy), whenever that key is in the sample.
func TestPassageKeysAfterDateline(t *testing.T) {
	r := &rng{s: 31}
	sampled := 0
	for range 16 {
		words := r.words(25)
		lead := strings.Join(words, " ") + "."
		quoted := appendPassageKeys(nil, []byte(lead+"\n"))
		first, _ := passageKey(0x9a55a6e, []byte(strings.Join(words[:passageEnd], " ")))
		if !slices.Contains(quoted, first) {
			continue // not in the sample
		}
		sampled++
		for _, dl := range []string{"ASHGATE (Tidemark Press) — ", "GRALMOUTH, Blumora India (Tidemark Press) - "} {
			if keys := appendPassageKeys(nil, []byte(dl+lead+"\n")); !slices.Contains(keys, first) {
				t.Errorf("%q: the lead's key is missing", dl+lead)
			}
		}
	}
	if sampled == 0 {
		t.Fatal("no lead's first key is in the sample")
	}
}
