package segment

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// TestGolden writes the same documents in every format version and
// compares the files byte for byte with testdata/golden-vN.mms, written by
// an earlier revision; then reads each golden file back. A change of the
// bytes a version writes breaks every index of that version in the field:
// it needs a new version, not new golden files. To write them anew (a new
// version only): MIMEO_UPDATE_GOLDEN=1 go test ./index/internal/segment
// -run TestGolden.
func TestGolden(t *testing.T) {
	for _, v := range []uint32{V1, V2, V3} {
		t.Run(fmt.Sprint("v", v), func(t *testing.T) {
			docs := randomDocs(rand.New(rand.NewPCG(2026, 12)), 40, testParams)
			o := WriterOptions{Params: testParams, Version: v, NoSets: v == V1, KeyCap: func(int) int { return 5 }}
			path := filepath.Join(t.TempDir(), "seg")
			writeDocs(t, path, o, docs, 12345)
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// The Docs hint, right or wrong, changes no byte.
			for _, hint := range []int{1, len(docs), 4000} {
				o.Docs = hint
				p := filepath.Join(t.TempDir(), "hinted")
				writeDocs(t, p, o, docs, 12345)
				if b, err := os.ReadFile(p); err != nil || !bytes.Equal(b, got) {
					t.Errorf("with the hint Docs=%d the file differs (%v)", hint, err)
				}
			}
			golden := filepath.Join("testdata", fmt.Sprintf("golden-v%d.mms", v))
			if os.Getenv("MIMEO_UPDATE_GOLDEN") == "1" {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				i := 0
				for i < min(len(got), len(want)) && got[i] == want[i] {
					i++
				}
				t.Fatalf("%d bytes, golden %d; first difference at offset %d", len(got), len(want), i)
			}
			s, err := Open(golden, want, testParams)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Verify(); err != nil {
				t.Fatal(err)
			}
			checkDocs(t, s, docs, 5)
		})
	}
}
