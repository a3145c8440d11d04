package index

import (
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
