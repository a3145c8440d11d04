package bench

import (
	"reflect"
	"strings"
	"testing"
)

// TestBaselineScan: the peers' pipeline clusters the copies, not the
// unrelated document; ids are the "id" field or NAME:LINE; blank lines are
// passed over and a bad line is an error that names it.
func TestBaselineScan(t *testing.T) {
	story := "the council approved the new budget for the harbour district after a long debate on tuesday night about the fees charged to ferry operators and fishermen"
	in := `{"id": "a", "text": "` + story + `"}` + "\n\n" +
		`{"id": 7, "text": "something else entirely, which shares no five words in a row with the story at all"}` + "\n" +
		`{"text": "` + story + ` today"}` + "\n"
	res, err := BaselineScan(strings.NewReader(in), 0.3)
	if err != nil {
		t.Fatal(err)
	}
	if res.Docs != 3 || res.Bytes != int64(len(in)) {
		t.Errorf("%d documents, %d bytes; want 3, %d", res.Docs, res.Bytes, len(in))
	}
	if want := []string{"a", "7", "-:4"}; !reflect.DeepEqual(res.IDs, want) {
		t.Errorf("ids %q, want %q", res.IDs, want)
	}
	if want := [][]int{{0, 2}}; !reflect.DeepEqual(res.Clusters, want) {
		t.Errorf("clusters %v, want %v", res.Clusters, want)
	}
	_, err = BaselineScan(strings.NewReader(in+"{bad\n"), 0.3)
	if err == nil || !strings.Contains(err.Error(), "-:5:") {
		t.Errorf("bad line: %v", err)
	}
}
