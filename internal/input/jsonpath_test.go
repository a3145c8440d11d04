package input

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestJSONLPaths(t *testing.T) {
	dir := t.TempDir()
	lines := []string{
		`{"id":"a","title":"Head","meta":{"body":"Body text","url":"http://x/a","id":7},"d":{"when":"2024-01-02"}}`,
		`{"id":"b","title":"  ","meta":{"body":"only body"}}`,
		`{"id":"c","title":"T","meta":{"body":["p1"," ","p2"]}}`,
		`{"id":"d","meta":{"other":1}}`,
		`{"id":"e","title":"T","meta":{"body":{"x":1}}}`,
		`{"id":"f","meta.body":"a key with a dot"}`,
		`{"id":"g","title":"","meta":{"body":""}}`,
		`{"id":"h","title":"caf` + "\xe9" + `","meta":{"body":"x"}}`,
		`{"id":"i","meta":{"body":"unclosed"}`,
		`{"id":"j","items":[{"text":"first"},{"text":"second"}]}`,
	}
	p := writeFile(t, dir, "n.jsonl", []byte(strings.Join(lines, "\n")+"\n"))
	evs := readAll(t, openFile(t, p, JSONL, Options{TextField: "title, meta.body, items.1.text", URLField: "meta.url", DateField: "d.when"}))
	type want struct {
		id, text, url, date string
		reason              Reason
	}
	wants := []want{
		{id: "a", text: "Head\nBody text", url: "http://x/a", date: "2024-01-02"},
		{id: "b", text: "only body"},
		{id: "c", text: "T\np1\np2"},
		{reason: ReasonMissingText},
		{reason: ReasonTextNotString},
		{id: "f", text: "a key with a dot"},
		{reason: ReasonEmptyText},
		{id: "h", text: "caf\u00e9\nx"}, // read as windows-1252
		{reason: ReasonMalformedJSON},
		{id: "j", text: "second"},
	}
	if len(evs) != len(wants) {
		t.Fatalf("%d events: %+v", len(evs), evs)
	}
	for i, w := range wants {
		ev := evs[i]
		if w.reason != 0 {
			if re := recordErr(t, ev); re.Reason != w.reason || re.Line != int64(i+1) {
				t.Errorf("line %d: %v, want %v", i+1, re, w.reason)
			}
			continue
		}
		if ev.err != nil || ev.id != w.id || ev.text != w.text || ev.url != w.url || ev.date != w.date || ev.raw != lines[i] {
			t.Errorf("line %d: %+v, want %+v", i+1, ev, w)
		}
	}

	// A nested id, a number.
	evs = readAll(t, openFile(t, p, JSONL, Options{TextField: "meta.body", IDField: "meta.id"}))
	if evs[0].id != "7" || evs[1].id != p+":2" {
		t.Errorf("nested ids %q %q", evs[0].id, evs[1].id)
	}
}

// FuzzJSONLPaths: the path reader never panics, and on lines that
// encoding/json accepts, a single path gives the value lookup finds.
func FuzzJSONLPaths(f *testing.F) {
	f.Add([]byte(`{"a":{"b":"x"},"a.b":"y"}`), "a.b")
	f.Add([]byte(`{"a":[{"b":"x"}]}`), "a.0.b")
	f.Add([]byte(`{"t":["x",null,"y"]}`), "t,u")
	f.Fuzz(func(t *testing.T, line []byte, field string) {
		if strings.ContainsAny(string(line), "\n") {
			return
		}
		dir := t.TempDir()
		p := writeFile(t, dir, "f.jsonl", append(line, '\n'))
		r := openFile(t, p, JSONL, Options{TextField: field})
		rec, err := r.Next()
		if err != nil || !complexName(field) || strings.Contains(field, ",") || !utf8.Valid(line) {
			return // (not UTF-8: read as windows-1252, where encoding/json has U+FFFD)
		}
		var obj any
		if json.Unmarshal(line, &obj) != nil {
			t.Fatalf("accepted a line encoding/json rejects: %q", line)
		}
		v, ok := lookup(obj, field)
		if s, isStr := v.(string); ok && isStr && strings.TrimSpace(s) != "" && s != string(rec.Text) {
			t.Fatalf("text %q, lookup %q", rec.Text, s)
		}
	})
}
