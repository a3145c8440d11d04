package input

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkLine compares the scanner's verdict and extracted fields on line
// with encoding/json, the slow, obviously-correct reference.
func checkLine(t testing.TB, s *lineScanner, line []byte) {
	t.Helper()
	reason := s.scan(line)
	if reason == ReasonMalformedJSON && s.errMsg == "exceeded maximum nesting depth" {
		// encoding/json allows 10000 levels; we stop at 1000.
		if d := maxNesting(line); d <= maxDepth {
			t.Fatalf("depth error on a line nested %d deep: %q", d, line)
		}
		return
	}
	ours := reason != ReasonMalformedJSON && reason != ReasonBinary
	if std := json.Valid(line); ours != std {
		t.Fatalf("valid: scanner says %v (%v at %d: %s), encoding/json says %v\nline: %q",
			ours, reason, s.errPos, s.errMsg, std, line)
	}
	if !ours {
		if s.errPos < 0 || s.errPos > len(line) {
			t.Fatalf("error position %d outside line of %d bytes", s.errPos, len(line))
		}
		if reason == ReasonBinary && bytes.IndexByte(line, 0) < 0 {
			t.Fatalf("binary reason without a NUL byte: %q", line)
		}
		return
	}

	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("encoding/json cannot decode a valid line: %v\nline: %q", err, line)
	}
	m, isObject := v.(map[string]any)
	if !isObject {
		if reason != ReasonNotObject {
			t.Fatalf("top level %T: got reason %v, want %v\nline: %q", v, reason, ReasonNotObject, line)
		}
		return
	}
	if reason == ReasonNotObject {
		t.Fatalf("object reported as not an object: %q", line)
	}
	for k, name := range s.names {
		got := s.fields[k]
		want, present := m[name]
		switch w := want.(type) {
		case string:
			if got.kind != kindString || string(got.val) != w {
				t.Fatalf("field %q: got %v %q, want string %q\nline: %q", name, got.kind, got.val, w, line)
			}
		case json.Number:
			if got.kind != kindNumber || string(got.val) != string(w) {
				t.Fatalf("field %q: got %v %q, want number %s\nline: %q", name, got.kind, got.val, w, line)
			}
		default:
			wantKind := kindOther
			if !present {
				wantKind = kindAbsent
			}
			if got.kind != wantKind {
				t.Fatalf("field %q: got kind %v, want %v (%T)\nline: %q", name, got.kind, wantKind, w, line)
			}
		}
	}

	text, present := m[s.names[fieldText]]
	str, isString := text.(string)
	var want Reason
	switch {
	case !present:
		want = ReasonMissingText
	case !isString:
		want = ReasonTextNotString
	case reason == ReasonInvalidUTF8:
		// Invalid bytes decode to U+FFFD; the line cannot be valid UTF-8.
		if utf8.Valid(line) || !strings.ContainsRune(str, utf8.RuneError) {
			t.Fatalf("invalid UTF-8 reported for valid text %q\nline: %q", str, line)
		}
		want = ReasonInvalidUTF8
	case isBlank([]byte(str)):
		want = ReasonEmptyText
	}
	if reason != want {
		t.Fatalf("reason: got %v, want %v\nline: %q", reason, want, line)
	}
}

// maxNesting returns the deepest nesting of brackets outside strings.
func maxNesting(line []byte) int {
	depth, deepest, inString := 0, 0, false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
			deepest = max(deepest, depth)
		case c == '}' || c == ']':
			depth--
		}
	}
	return deepest
}

// jsonGen writes random JSON lines, mostly valid, biased towards the
// fields the scanner extracts and towards the corners of the grammar.
type jsonGen struct {
	r *rand.Rand
	b []byte
}

var (
	genKeys = []string{`"id"`, `"text"`, `"url"`, `"date"`, `"t\u0065xt"`, `"\u0069d"`, `"\u0074ext"`,
		`"te\"xt"`, `"title"`, `"meta"`, `""`, `"Text"`, `"text "`, `"\ud800"`, `"url\/x"`}
	genChunks = []string{"a", "b", "hello", " ", "text", "é", "北京", "😀", "\u2028", "\x7f",
		`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\u00e9`, `\u00E9`, `\u0000`, `\u001f`,
		`\ud83d\ude00`, `\uD83D\uDE00`, `\ud800`, `\udc00`, `\ud800\ud800`, `\ud800x`, `\ud800\u0041`,
		`\ufffd`, "\t", "\u00a0", "\u3000"}
	genBad = []string{"\xff", "\xc3", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80", "\xe2\x82",
		"\x01", "\x1f", "\\x", "\\u12", "\\u12g4", "\n", "\x00"}
	genNumbers = []string{"0", "-0", "1", "-1", "12345678901234567890", "0.5", "-0.0e0", "1e10",
		"1E+2", "1e-2", "3.14159", "1.5e3", "01", "1.", ".5", "1e", "+1", "-", "--1", "0x1", "1.2.3", "Infinity", "NaN"}
	genWS = []string{"", "", "", " ", "\t", "\r", "\n", "  ", "\f", "\v", "\u00a0"}
)

func (g *jsonGen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// ws writes white space, rarely not JSON white space.
func (g *jsonGen) ws() {
	if g.r.IntN(4) == 0 {
		n := 4
		if g.r.IntN(50) == 0 {
			n = len(genWS)
		}
		g.b = append(g.b, genWS[g.r.IntN(n)]...)
	}
}

func (g *jsonGen) str() {
	g.b = append(g.b, '"')
	for n := g.r.IntN(12); n > 0; n-- {
		if g.r.IntN(100) == 0 {
			g.b = append(g.b, g.pick(genBad)...)
		} else {
			g.b = append(g.b, g.pick(genChunks)...)
		}
	}
	if g.r.IntN(30) == 0 {
		// A long run, to exercise the 16-byte loop and its tail.
		long := strings.Repeat("abcdefghijklmnopqrstuvwxyz0123456789 ", 6)
		g.b = append(g.b, long[:g.r.IntN(len(long))]...)
	}
	if g.r.IntN(200) != 0 {
		g.b = append(g.b, '"')
	}
}

func (g *jsonGen) value(depth int) {
	g.ws()
	switch n := g.r.IntN(10); {
	case n < 4:
		g.str()
	case n < 6:
		if g.r.IntN(10) == 0 {
			g.b = append(g.b, g.pick(genNumbers)...)
		} else {
			g.b = append(g.b, genNumbers[g.r.IntN(12)]...)
		}
	case n < 7:
		lits := []string{"true", "false", "null", "tru", "nul", "fals", "True"}
		if g.r.IntN(20) != 0 {
			lits = lits[:3]
		}
		g.b = append(g.b, g.pick(lits)...)
	case n < 8 && depth < 6:
		g.b = append(g.b, '[')
		for k := g.r.IntN(4); k >= 0; k-- {
			g.value(depth + 1)
			if k > 0 {
				g.b = append(g.b, ',')
			}
		}
		if g.r.IntN(5) == 0 {
			g.b = g.b[:len(g.b)-1] // maybe an empty or broken array
		}
		g.ws()
		g.b = append(g.b, ']')
	case depth < 6:
		g.object(depth)
	default:
		g.b = append(g.b, "null"...)
	}
	g.ws()
}

func (g *jsonGen) object(depth int) {
	g.b = append(g.b, '{')
	if depth == 0 && g.r.IntN(2) == 0 {
		g.b = append(g.b, `"text":`...)
		g.str()
		g.b = append(g.b, ',')
	}
	for k := 1 + g.r.IntN(5); k > 0; k-- {
		g.ws()
		if g.r.IntN(4) == 0 {
			g.str()
		} else {
			g.b = append(g.b, g.pick(genKeys)...)
		}
		g.ws()
		g.b = append(g.b, ':')
		g.value(depth + 1)
		if k > 1 {
			g.b = append(g.b, ',')
		}
	}
	g.ws()
	g.b = append(g.b, '}')
}

// line returns a new line: usually an object, sometimes another value.
func (g *jsonGen) line() []byte {
	g.b = g.b[:0]
	g.ws()
	if g.r.IntN(10) == 0 {
		g.value(1)
	} else {
		g.object(0)
	}
	g.ws()
	return g.b
}

// mutate damages line in one to three places.
func (g *jsonGen) mutate(line []byte) []byte {
	const alphabet = "{}[]\":,\\ \t0123456789.eE+-tfnulr\x00\xff\xc3"
	line = bytes.Clone(line)
	for n := 1 + g.r.IntN(3); n > 0 && len(line) > 0; n-- {
		i := g.r.IntN(len(line))
		switch g.r.IntN(5) {
		case 0:
			line = append(line[:i], line[i+1:]...)
		case 1:
			line = append(line[:i], append([]byte{alphabet[g.r.IntN(len(alphabet))]}, line[i:]...)...)
		case 2:
			line[i] = alphabet[g.r.IntN(len(alphabet))]
		case 3:
			line = line[:i]
		case 4:
			j := i + g.r.IntN(len(line)-i)
			line = append(line[:j], append(bytes.Clone(line[i:j]), line[j:]...)...)
		}
	}
	return line
}

func TestScannerMatchesEncodingJSON(t *testing.T) {
	n := 200000
	if testing.Short() {
		n = 20000
	}
	g := &jsonGen{r: rand.New(rand.NewPCG(7, 11))}
	s := newLineScanner("id", "text", "url", "date")
	var valid, objects, texts int
	for range n {
		line := g.line()
		if g.r.IntN(3) == 0 {
			line = g.mutate(line)
		}
		checkLine(t, s, line)
		if json.Valid(line) {
			valid++
			if s.fields[fieldText].kind == kindString {
				texts++
			}
			if line[skipWS(line, 0)] == '{' {
				objects++
			}
		}
	}
	// The generator must reach both sides of every comparison.
	if valid < n/10 || valid > n*9/10 || objects < n/20 || texts < n/20 {
		t.Errorf("poor coverage: %d lines, %d valid, %d objects, %d with a text string", n, valid, objects, texts)
	}
	t.Logf("%d lines, %d valid, %d objects, %d with a text string", n, valid, objects, texts)
}

func TestScannerCases(t *testing.T) {
	tests := []struct {
		name, line string
		reason     Reason
		id, text   string // expected ID and text values when reason is 0
		col        int    // expected 1-based error column for syntax errors
	}{
		{name: "plain", line: `{"id":"a","text":"hello"}`, id: "a", text: "hello"},
		{name: "white space everywhere", line: " \t{ \"id\" : \"a\" , \"text\" :\"x\" } \r", id: "a", text: "x"},
		{name: "number id keeps literal", line: `{"id":-1.50E+3,"text":"x"}`, id: "-1.50E+3", text: "x"},
		{name: "escaped key matches", line: `{"\u0069\u0064":"k","t\u0065xt":"v"}`, id: "k", text: "v"},
		{name: "last duplicate wins", line: `{"text":"a","text":"b","id":"1","id":"2"}`, id: "2", text: "b"},
		{name: "later non-string text wins", line: `{"text":"a","text":null}`, reason: ReasonTextNotString},
		{name: "later string text wins", line: `{"text":1,"text":"ok"}`, text: "ok"},
		{name: "escapes decoded", line: `{"text":"a\"b\\c\/d\b\f\n\r\te"}`, text: "a\"b\\c/d\b\f\n\r\te"},
		{name: "surrogate pair", line: `{"text":"\ud83d\ude00"}`, text: "😀"},
		{name: "unpaired high surrogate", line: `{"text":"x\ud800y"}`, text: "x\ufffdy"},
		{name: "high then high", line: `{"text":"\ud800\ud83d\ude00"}`, text: "\ufffd😀"},
		{name: "lone low surrogate", line: `{"text":"\udc00"}`, text: "\ufffd"},
		{name: "nested values skipped", line: `{"a":[1,{"text":2},[[]],{}],"text":"t","b":{"c":{"d":[true,false,null]}}}`, text: "t"},
		{name: "nested text is not top level", line: `{"a":{"text":"no"}}`, reason: ReasonMissingText},
		{name: "id of another type is absent", line: `{"id":{"x":1},"text":"t"}`, id: "", text: "t"},
		{name: "long text with tail", line: `{"text":"` + strings.Repeat("abcdefg ", 100) + `xyz"}`, text: strings.Repeat("abcdefg ", 100) + "xyz"},
		{name: "non-ASCII text", line: `{"text":"Ünïcödé 北京 данные"}`, text: "Ünïcödé 北京 данные"},
		{name: "invalid UTF-8 in other field replaced", line: "{\"id\":\"a\xffb\",\"text\":\"t\"}", id: "a\ufffdb", text: "t"},

		{name: "missing text", line: `{"id":"a"}`, reason: ReasonMissingText},
		{name: "empty object", line: `{}`, reason: ReasonMissingText},
		{name: "text number", line: `{"text":12}`, reason: ReasonTextNotString},
		{name: "text array", line: `{"text":["a"]}`, reason: ReasonTextNotString},
		{name: "invalid UTF-8 in text", line: "{\"text\":\"a\xc3(b\"}", reason: ReasonInvalidUTF8},
		{name: "surrogate bytes in text", line: "{\"text\":\"\xed\xa0\x80\"}", reason: ReasonInvalidUTF8},
		{name: "empty text", line: `{"text":""}`, reason: ReasonEmptyText},
		{name: "white space text", line: `{"text":" \n\t\u00a0\u3000"}`, reason: ReasonEmptyText},
		{name: "array", line: `[1,2]`, reason: ReasonNotObject},
		{name: "string", line: `"text"`, reason: ReasonNotObject},

		{name: "trailing comma", line: `{"text":"a",}`, reason: ReasonMalformedJSON, col: 13},
		{name: "single quotes", line: `{'text':'a'}`, reason: ReasonMalformedJSON, col: 2},
		{name: "unterminated string", line: `{"text":"abc`, reason: ReasonMalformedJSON, col: 13},
		{name: "raw tab in string", line: "{\"text\":\"a\tb\"}", reason: ReasonMalformedJSON, col: 11},
		{name: "bad escape", line: `{"text":"\x41"}`, reason: ReasonMalformedJSON, col: 11},
		{name: "short unicode escape", line: `{"text":"\u12"}`, reason: ReasonMalformedJSON, col: 14},
		{name: "leading zero", line: `{"text":01}`, reason: ReasonMalformedJSON, col: 10},
		{name: "two values", line: `{"text":"a"} {}`, reason: ReasonMalformedJSON, col: 14},
		{name: "missing colon", line: `{"text" "a"}`, reason: ReasonMalformedJSON, col: 9},
		{name: "unclosed object", line: `{"text":"a"`, reason: ReasonMalformedJSON, col: 12},
		{name: "bad literal", line: `{"text":"a","x":nul}`, reason: ReasonMalformedJSON, col: 20},
		{name: "too deep", line: `{"a":` + strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth) + "}", reason: ReasonMalformedJSON, col: 6 + maxDepth - 1},
		{name: "deep but allowed", line: `{"text":"t","a":` + strings.Repeat("[", maxDepth-1) + strings.Repeat("]", maxDepth-1) + "}", text: "t"},
		{name: "NUL outside strings is binary", line: "{\"text\":\"a\"\x00}", reason: ReasonBinary, col: 12},
		{name: "UTF-16 is binary", line: "{\x00\"\x00t\x00", reason: ReasonBinary, col: 2},
		{name: "NUL inside string is malformed", line: "{\"text\":\"a\x00\"}", reason: ReasonMalformedJSON, col: 11},
	}
	s := newLineScanner("id", "text", "url", "date")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reason := s.scan([]byte(tt.line))
			if reason != tt.reason {
				t.Fatalf("reason %v (%s at column %d), want %v", reason, s.errMsg, s.errPos+1, tt.reason)
			}
			if tt.col != 0 && s.errPos+1 != tt.col {
				t.Errorf("error at column %d (%s), want %d", s.errPos+1, s.errMsg, tt.col)
			}
			if reason == 0 {
				if got := string(s.fields[fieldText].val); got != tt.text {
					t.Errorf("text %q, want %q", got, tt.text)
				}
				if got := string(s.fields[fieldID].val); got != tt.id {
					t.Errorf("id %q, want %q", got, tt.id)
				}
			}
			checkLine(t, s, []byte(tt.line))
		})
	}
}

func TestScannerCustomFields(t *testing.T) {
	s := newLineScanner("doc_id", "body", "link", "body")
	if r := s.scan([]byte(`{"doc_id":7,"body":"b","link":"l","text":1}`)); r != 0 {
		t.Fatalf("reason %v", r)
	}
	for k, want := range []string{"7", "b", "l", "b"} {
		if got := string(s.fields[k].val); got != want {
			t.Errorf("field %q = %q, want %q", s.names[k], got, want)
		}
	}
}

func TestScannerNoAllocs(t *testing.T) {
	lines := bytes.Split(bytes.TrimSpace(benchLines(50, 3000)), []byte{'\n'})
	lines = append(lines, []byte(`{"id":"x\u00e9","text":"esc\"aped\n"}`))
	s := newLineScanner("id", "text", "url", "date")
	for _, l := range lines { // grow the buffers
		s.scan(l)
	}
	allocs := testing.AllocsPerRun(20, func() {
		for _, l := range lines {
			if r := s.scan(l); r != 0 {
				panic(fmt.Sprint(r))
			}
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per %d lines, want 0", allocs, len(lines))
	}
}

func FuzzJSONLine(f *testing.F) {
	g := &jsonGen{r: rand.New(rand.NewPCG(1, 1))}
	for range 50 {
		f.Add(bytes.Clone(g.line()))
	}
	for _, s := range []string{`{"text":"a"}`, `{"text":"\ud800\udc00"}`, "{\"text\":\"\xff\"}", `[]`, `{"a":[{}]}`, `"x"`, `1e5`} {
		f.Add([]byte(s))
	}
	s := newLineScanner("id", "text", "url", "date")
	f.Fuzz(func(t *testing.T, line []byte) {
		checkLine(t, s, line)
	})
}
