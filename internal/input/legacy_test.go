package input

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

func latin1(t *testing.T, s string) string {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestLegacyEncodings: text that is not UTF-8 and declares no encoding is
// read as windows-1252 with a warning in every format (auto), skipped with
// --encoding utf-8, and decoded from a named encoding.
func TestLegacyEncodings(t *testing.T) {
	dir := t.TempDir()
	fr := "Café crème, naïve façade — « déjà vu » à 5 €."
	lat := latin1(t, fr)
	koi, _ := charmap.KOI8R.NewEncoder().String("Привет, мир")
	cases := []struct {
		name, file, data string
		format           Format
		opts             Options
		want             string
		warn             Reason
		skip             Reason
	}{
		{"text latin1", "a.txt", lat, Text, Options{}, fr, ReasonLegacyEncoding, 0},
		{"text utf-8", "b.txt", fr, Text, Options{}, fr, 0, 0},
		{"text mixed", "c.txt", "naïve " + "\xe9t\xe9", Text, Options{}, "naïve été", ReasonLegacyEncoding, 0},
		{"text strict", "d.txt", lat, Text, Options{Encoding: "utf-8"}, "", 0, ReasonInvalidUTF8},
		{"text koi8-r", "e.txt", koi, Text, Options{Encoding: "koi8-r"}, "Привет, мир", ReasonLegacyEncoding, 0},
		{"jsonl latin1", "f.jsonl", `{"id":"x","text":"` + lat + `"}` + "\n", JSONL, Options{}, fr, ReasonLegacyEncoding, 0},
		{"jsonl strict", "g.jsonl", `{"id":"x","text":"` + lat + `"}` + "\n", JSONL, Options{Encoding: "UTF8"}, "", 0, ReasonInvalidUTF8},
		{"jsonl koi8-r", "h.jsonl", `{"id":"x","text":"` + koi + `"}` + "\n", JSONL, Options{Encoding: "koi8-r"}, "Привет, мир", ReasonLegacyEncoding, 0},
		{"jsonl path latin1", "i.jsonl", `{"m":{"b":"` + lat + `"}}` + "\n", JSONL, Options{TextField: "m.b"}, fr, ReasonLegacyEncoding, 0},
		{"csv latin1", "j.csv", "id,text\n1,\"" + lat + "\"\n", CSV, Options{}, fr, ReasonLegacyEncoding, 0},
		{"html latin1", "k.html", "<html><body><p>" + lat + "</p></body></html>", HTML, Options{}, fr, ReasonLegacyEncoding, 0},
		{"html koi8-r", "l.html", "<html><body><p>" + koi + "</p></body></html>", HTML, Options{Encoding: "koi8-r"}, "Привет, мир", ReasonLegacyEncoding, 0},
		{"html declared", "m.html", `<html><head><meta charset="koi8-r"></head><body><p>` + koi + "</p></body></html>", HTML, Options{}, "Привет, мир", 0, 0},
	}
	for _, c := range cases {
		p := writeFile(t, dir, c.file, []byte(c.data))
		r := openFile(t, p, c.format, c.opts)
		rec, err := r.Next()
		if c.skip != 0 {
			if re, ok := err.(*RecordError); !ok || re.Reason != c.skip {
				t.Errorf("%s: %v, want %v", c.name, err, c.skip)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !utf8.Valid(rec.Text) || !strings.Contains(string(rec.Text), c.want) || rec.Warning != c.warn {
			t.Errorf("%s: %q warning %v, want %q warning %v", c.name, rec.Text, rec.Warning, c.want, c.warn)
		}
		if c.format != HTML && string(rec.Raw) != strings.TrimSuffix(c.data, "\n") && c.format != CSV {
			t.Errorf("%s: raw %q changed", c.name, rec.Raw)
		}
	}
	for _, bad := range []string{"no-such-encoding", "utf-16le"} {
		if _, err := Open(Input{Path: "-"}, Options{Encoding: bad}); err == nil {
			t.Errorf("encoding %q accepted", bad)
		}
	}
}

// TestWindows1252Fallback checks appendWindows1252 against x/text on
// single bytes and keeps UTF-8 characters.
func TestWindows1252Fallback(t *testing.T) {
	for b := 0x80; b < 0x100; b++ {
		want, _ := charmap.Windows1252.NewDecoder().String(string([]byte{byte(b)}))
		if got := string(appendWindows1252(nil, []byte{'a', byte(b), 'z'})); got != "a"+want+"z" {
			t.Errorf("byte %#x: %q, want %q", b, got, "a"+want+"z")
		}
	}
	if got := string(appendWindows1252(nil, []byte("é\xe9€"))); got != "éé€" {
		t.Errorf("%q", got)
	}
}
