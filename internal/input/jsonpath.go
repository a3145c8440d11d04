package input

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// jsonPaths extracts the fields that the one-pass scanner cannot: nested
// paths ("meta.body", "paragraphs.0") and several text fields
// ("title,body"). A line with such fields is scanned (validated, and its
// simple fields extracted) first, then decoded with encoding/json.
type jsonPaths struct {
	// names of each field, nil for fields the scanner extracts; the text
	// may have several, the others one.
	names [numFields][]string
	vals  [numFields][]byte
	text  []byte
}

// complexName reports whether a field name needs jsonPaths.
func complexName(name string) bool { return strings.ContainsAny(name, ".,") }

// newJSONPaths returns the jsonPaths for the field names, nil when the
// scanner extracts them all.
func newJSONPaths(names [numFields]string) *jsonPaths {
	var p jsonPaths
	any := false
	for k, name := range names {
		if !complexName(name) {
			continue
		}
		any = true
		if k == fieldText {
			for _, n := range strings.Split(name, ",") {
				if n = strings.TrimSpace(n); n != "" {
					p.names[k] = append(p.names[k], n)
				}
			}
		} else {
			p.names[k] = []string{name}
		}
	}
	if !any {
		return nil
	}
	return &p
}

// extract decodes line and fills vals and text. It returns the reason the
// line is not a usable record, or 0.
func (p *jsonPaths) extract(line []byte) (Reason, error) {
	var obj any
	d := json.NewDecoder(bytes.NewReader(line))
	d.UseNumber()
	if err := d.Decode(&obj); err != nil {
		return ReasonMalformedJSON, err // the scanner has validated it: not reached
	}
	for k := range p.vals {
		p.vals[k] = p.vals[k][:0]
		if k == fieldText || p.names[k] == nil {
			continue
		}
		if v, ok := lookup(obj, p.names[k][0]); ok {
			switch v := v.(type) {
			case string:
				p.vals[k] = append(p.vals[k], v...)
			case json.Number:
				p.vals[k] = append(p.vals[k], v...)
			}
		}
	}
	if p.names[fieldText] == nil {
		return 0, nil
	}
	p.text = p.text[:0]
	found := false
	add := func(s string) { p.text = appendPart(p.text, []byte(s)) }
	for _, name := range p.names[fieldText] {
		v, ok := lookup(obj, name)
		if !ok || v == nil {
			continue
		}
		switch v := v.(type) {
		case string:
			found = true
			add(v)
		case []any: // a list of paragraphs
			for _, x := range v {
				if s, ok := x.(string); ok {
					found = true
					add(s)
				} else if x != nil {
					return ReasonTextNotString, fmt.Errorf("%q holds %s", name, describe(x))
				}
			}
		default:
			return ReasonTextNotString, fmt.Errorf("%q is %s", name, describe(v))
		}
	}
	switch {
	case !found:
		return ReasonMissingText, fmt.Errorf("none of %s", quoteNames(p.names[fieldText]))
	case !utf8.Valid(line) && bytes.ContainsRune(p.text, utf8.RuneError):
		return ReasonInvalidUTF8, fmt.Errorf("%s not valid UTF-8", quoteNames(p.names[fieldText]))
	case isBlank(p.text):
		return ReasonEmptyText, fmt.Errorf("%s empty or white space", quoteNames(p.names[fieldText]))
	}
	return 0, nil
}

func quoteNames(names []string) string {
	return strings.Join(quoteAll(names), ", ")
}

func describe(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return "a string"
}

// lookup finds the value at a dotted path in v. A key that itself holds a
// dot is found too: at each level the longest key that matches is tried
// first. A number indexes an array.
func lookup(v any, path string) (any, bool) {
	switch v := v.(type) {
	case map[string]any:
		if x, ok := v[path]; ok {
			return x, true
		}
		for i := len(path) - 1; i > 0; i-- {
			if path[i] != '.' {
				continue
			}
			if x, ok := v[path[:i]]; ok {
				if r, ok := lookup(x, path[i+1:]); ok {
					return r, true
				}
			}
		}
	case []any:
		head, rest, more := strings.Cut(path, ".")
		n, err := strconv.Atoi(head)
		if err != nil || n < 0 || n >= len(v) {
			return nil, false
		}
		if !more {
			return v[n], true
		}
		return lookup(v[n], rest)
	}
	return nil, false
}
