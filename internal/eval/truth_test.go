package eval

import (
	"encoding/json"
	"errors"
	"maps"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadTruth(t *testing.T) {
	long := strings.Repeat("x", 10000) // longer than bufio's default buffer
	in := "{\"id\": \"a\", \"label\": \"story-1\", \"kind\": \"original\", \"story\": 1}\n" +
		"\n" +
		"  \t\n" +
		"{\"label\": \"story-1\", \"id\": \"b\"}\r\n" +
		"{\"id\": \"" + long + "\", \"label\": \"x\", \"extra\": {\"nested\": [1, 2]}}\n" +
		"{\"id\": \"c\", \"label\": \"c\"}" // no final newline
	got, err := ReadTruth(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := Assignment{"a": "story-1", "b": "story-1", long: "x", "c": "c"}
	if !maps.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}

	got, err = ReadTruth(strings.NewReader(""))
	if err != nil || len(got) != 0 {
		t.Errorf("empty input: %v, %v", got, err)
	}
}

func TestReadTruthErrors(t *testing.T) {
	ok := `{"id": "a", "label": "1"}` + "\n"
	tests := []struct {
		name, in string
		msg      string // the error must contain this
	}{
		{"malformed JSON", ok + `{"id": "b", "label": }`, "line 2: invalid character"},
		{"missing id", ok + `{"label": "1"}`, `line 2: missing or null "id"`},
		{"null id", ok + "\n" + `{"id": null, "label": "1"}`, `line 3: missing or null "id"`},
		{"empty id", `{"id": "", "label": "1"}`, `line 1: empty "id"`},
		{"missing label", `{"id": "a"}`, `line 1: id "a": missing or null "label"`},
		{"empty label", `{"id": "a", "label": ""}`, `line 1: id "a": empty "label"`},
		{"numeric id", `{"id": 7, "label": "1"}`, "line 1: json: cannot unmarshal number"},
		{"numeric label", "\n" + `{"id": "a", "label": 7}`, "line 2: json: cannot unmarshal number"},
		{"not an object", `["a", "1"]`, "line 1: json: cannot unmarshal array"},
		{"two objects on a line", `{"id": "a", "label": "1"} {"id": "b", "label": "1"}`, "line 1: invalid character"},
		{"duplicate id", ok + "\n" + `{"id": "a", "label": "2"}`, `line 3: duplicate id "a" (first on line 1)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := ReadTruth(strings.NewReader(tc.in))
			if err == nil {
				t.Fatalf("no error, got %v", a)
			}
			if !errors.Is(err, ErrInvalidTruth) {
				t.Errorf("error %q does not wrap ErrInvalidTruth", err)
			}
			if !strings.Contains(err.Error(), tc.msg) || !strings.HasPrefix(err.Error(), "eval: ") {
				t.Errorf("error %q, want it to contain %q", err, tc.msg)
			}
		})
	}
}

func TestReadTruthReaderError(t *testing.T) {
	boom := errors.New("boom")
	_, err := ReadTruth(iotest.ErrReader(boom))
	if !errors.Is(err, boom) || errors.Is(err, ErrInvalidTruth) {
		t.Errorf("got %v, want the reader's error, not ErrInvalidTruth", err)
	}
}

func FuzzReadTruth(f *testing.F) {
	f.Add([]byte(`{"id": "a", "label": "1"}` + "\n" + `{"id": "b", "label": "1", "k": 2}`))
	f.Add([]byte("\n\r\n{\"id\":\"a\"}"))
	f.Add([]byte(`{"id":"\u00e9","label":"\ud800"}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		a, err := ReadTruth(strings.NewReader(string(in)))
		if err != nil {
			return
		}
		// What was read must survive a round trip through the format.
		var b strings.Builder
		for id, l := range a {
			line, _ := json.Marshal(map[string]string{"id": id, "label": l})
			b.Write(line)
			b.WriteByte('\n')
		}
		back, err := ReadTruth(strings.NewReader(b.String()))
		if err != nil {
			t.Fatalf("re-reading: %v", err)
		}
		if !maps.Equal(a, back) {
			t.Fatalf("round trip changed %v to %v", a, back)
		}
	})
}
