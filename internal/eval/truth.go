package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// ErrInvalidTruth is wrapped by every error ReadTruth returns for malformed
// input (but not for errors of the underlying reader); test for it with
// errors.Is.
var ErrInvalidTruth = errors.New("eval: invalid truth")

// ReadTruth reads an Assignment from JSON Lines: one JSON object per line
// with a string "id" and a string "label", for example
//
//	{"id": "doc-000017", "label": "story-3", "kind": "combined"}
//
// Other fields are ignored. Lines that are empty or hold only white space
// are skipped. An empty, null or missing id or label, a value that is not a
// string, malformed JSON and an id that appears twice are errors that name
// the line (counted from 1) and wrap ErrInvalidTruth. The same format can
// hold a predicted clustering.
func ReadTruth(r io.Reader) (Assignment, error) {
	a, _, err := ReadTruthKinds(r)
	return a, err
}

// ReadTruthKinds is ReadTruth that also returns each document's optional
// string "kind" field (documents without one are absent from kinds).
func ReadTruthKinds(r io.Reader) (Assignment, map[string]string, error) {
	a := make(Assignment)
	kinds := make(map[string]string)
	first := make(map[string]int) // id → line where it was defined
	br := bufio.NewReader(r)
	var line []byte
	for n := 1; ; n++ {
		var err error
		line, err = readLine(br, line[:0])
		if err != nil && err != io.EOF {
			return nil, nil, fmt.Errorf("eval: reading truth line %d: %w", n, err)
		}
		if len(bytes.TrimSpace(line)) > 0 {
			var rec struct {
				ID    *string `json:"id"`
				Label *string `json:"label"`
				Kind  *string `json:"kind"`
			}
			if jerr := json.Unmarshal(line, &rec); jerr != nil {
				return nil, nil, fmt.Errorf("%w: line %d: %w", ErrInvalidTruth, n, jerr)
			}
			switch {
			case rec.ID == nil:
				return nil, nil, fmt.Errorf(`%w: line %d: missing or null "id"`, ErrInvalidTruth, n)
			case *rec.ID == "":
				return nil, nil, fmt.Errorf(`%w: line %d: empty "id"`, ErrInvalidTruth, n)
			case rec.Label == nil:
				return nil, nil, fmt.Errorf(`%w: line %d: id %q: missing or null "label"`, ErrInvalidTruth, n, *rec.ID)
			case *rec.Label == "":
				return nil, nil, fmt.Errorf(`%w: line %d: id %q: empty "label"`, ErrInvalidTruth, n, *rec.ID)
			}
			if prev, dup := first[*rec.ID]; dup {
				return nil, nil, fmt.Errorf("%w: line %d: duplicate id %q (first on line %d)", ErrInvalidTruth, n, *rec.ID, prev)
			}
			first[*rec.ID] = n
			a[*rec.ID] = *rec.Label
			if rec.Kind != nil {
				kinds[*rec.ID] = *rec.Kind
			}
		}
		if err == io.EOF {
			return a, kinds, nil
		}
	}
}

// readLine appends the next line of br, without its line feed, to buf. It
// returns io.EOF with the last line when the input ends.
func readLine(br *bufio.Reader, buf []byte) ([]byte, error) {
	for {
		chunk, err := br.ReadSlice('\n')
		buf = append(buf, chunk...)
		switch {
		case err == nil:
			return buf[:len(buf)-1], nil
		case err == bufio.ErrBufferFull:
			continue
		default:
			return buf, err
		}
	}
}
