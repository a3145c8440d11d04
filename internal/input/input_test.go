package input

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// expandTree builds a directory tree for the Expand tests and returns its
// root.
func expandTree(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	files := map[string][]byte{
		"data/a.jsonl":             []byte(`{"text":"a"}` + "\n"),
		"data/b.txt.gz":            gzipBytes(t, []byte("b")),
		"data/c.ndjson.zst":        zstdBytes(t, []byte(`{"text":"c"}`)),
		"data/d.JSONL.GZ":          gzipBytes(t, []byte(`{"text":"d"}`)),
		"data/sub/e.jsonl.zstd":    []byte(`{"text":"e"}`), // not compressed
		"data/sub/deeper/f.txt":    []byte("f"),
		"data/ignored.xml":         []byte("<x/>"),
		"data/ignored.json":        []byte(`{"text":"no"}`),
		"data/ignored.jsonl.bz2":   []byte("BZh"),
		"data/.hidden.jsonl":       []byte(`{"text":"hidden"}`),
		"data/.git/g.jsonl":        []byte(`{"text":"hidden dir"}`),
		"other/o.txt":              []byte("o"),
		"empty/readme.md":          []byte("nothing here"),
		"empty/.only-hidden.jsonl": []byte(`{"text":"x"}`),
		"unknown/x.data":           []byte("  \n{\"text\":\"sniffed\"}\n"),
		"unknown/y.data":           []byte("plain words"),
		"unknown/z.bin":            gzipBytes(t, []byte(`{"text":"z"}`)),
		"unknown/.hidden":          []byte("taken when named"),
	}
	for name, data := range files {
		writeFile(t, root, name, data)
	}
	// Links: a file link is taken, a directory link is not followed.
	mustSymlink(t, filepath.Join(root, "other"), filepath.Join(root, "data", "linkdir"))
	mustSymlink(t, filepath.Join(root, "other", "o.txt"), filepath.Join(root, "data", "linked.txt"))
	if err := os.Mkdir(filepath.Join(root, "empty", "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	return root
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
}

func TestExpand(t *testing.T) {
	root := expandTree(t)
	t.Chdir(root)
	dataFiles := []Input{
		{Path: "data/a.jsonl", Format: JSONL},
		{Path: "data/b.txt.gz", Format: Text, Compressed: true},
		{Path: "data/c.ndjson.zst", Format: JSONL, Compressed: true},
		{Path: "data/d.JSONL.GZ", Format: JSONL, Compressed: true},
		{Path: "data/linked.txt", Format: Text},
		{Path: "data/sub/deeper/f.txt", Format: Text},
		{Path: "data/sub/e.jsonl.zstd", Format: JSONL}, // plain content: magic wins
	}
	stdin := Input{Path: "-", Format: Detect, Size: -1}
	tests := []struct {
		name string
		args []string
		want []Input
	}{
		{"directory", []string{"data"}, dataFiles},
		{"directory with trailing slash", []string{"./data/"}, dataFiles},
		{"file and its directory dedup", []string{"data/a.jsonl", "data", "./data/a.jsonl"}, dataFiles},
		{"stdin sorts last", []string{"-", "other/o.txt"}, []Input{{Path: "other/o.txt", Format: Text}, stdin}},
		{"explicit compressed file", []string{"data/b.txt.gz"}, []Input{{Path: "data/b.txt.gz", Format: Text, Compressed: true}}},
		{"two dirs", []string{"other", "data/sub"}, []Input{
			{Path: "data/sub/deeper/f.txt", Format: Text},
			{Path: "data/sub/e.jsonl.zstd", Format: JSONL},
			{Path: "other/o.txt", Format: Text},
		}},
		{"explicit unknown extensions are sniffed", []string{"unknown/z.bin", "unknown/y.data", "unknown/x.data"}, []Input{
			{Path: "unknown/x.data", Format: JSONL},
			{Path: "unknown/y.data", Format: Text},
			{Path: "unknown/z.bin", Format: JSONL, Compressed: true},
		}},
		{"explicit hidden and ignored names are taken", []string{"unknown/.hidden", "data/ignored.json"}, []Input{
			{Path: "data/ignored.json", Format: JSONL},
			{Path: "unknown/.hidden", Format: Text},
		}},
		{"same file by two names", []string{"other/o.txt", "data/linked.txt"}, []Input{{Path: "data/linked.txt", Format: Text}}},
		{"symlinked directory named explicitly", []string{"data/linkdir"}, []Input{{Path: "data/linkdir/o.txt", Format: Text}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, args := range [][]string{tt.args, reversed(tt.args)} {
				got, err := Expand(args)
				if err != nil {
					t.Fatal(err)
				}
				for i := range got {
					if got[i].Path != "-" {
						fi, err := os.Stat(got[i].Path)
						if err != nil || got[i].Size != fi.Size() || !got[i].ModTime.Equal(fi.ModTime()) {
							t.Errorf("%s: size %d, time %v, want %v, %v (%v)", got[i].Path, got[i].Size, got[i].ModTime, fi.Size(), fi.ModTime(), err)
						}
						got[i].Size, got[i].ModTime, got[i].FromDir = 0, time.Time{}, false // FromDir: TestExpandSkipped
					}
				}
				if !slices.Equal(got, tt.want) {
					t.Errorf("Expand(%q):\n got %v\nwant %v", args, got, tt.want)
				}
			}
		})
	}
}

func TestExpandErrors(t *testing.T) {
	root := expandTree(t)
	t.Chdir(root)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{"data", "nope.jsonl"}, "input: stat nope.jsonl: no such file or directory"},
		{"empty directory", []string{"empty"}, "input: empty: no input files (.jsonl, .ndjson, .txt, .warc, .wet, .arc, .html, .htm, .csv, .tsv, optionally .gz/.zst, or .parquet)"},
		{"empty subdirectory", []string{"data", "empty/sub/"}, "input: empty/sub: no input files (.jsonl, .ndjson, .txt, .warc, .wet, .arc, .html, .htm, .csv, .tsv, optionally .gz/.zst, or .parquet)"},
		{"stdin twice", []string{"-", "data", "-"}, `input: "-" (stdin) given more than once`},
		{"empty argument", []string{""}, "input: empty path"},
	}
	if os.Geteuid() != 0 { // root reads anything
		unreadable := writeFile(t, root, "locked/u.jsonl", []byte("{}"))
		if err := os.Chmod(unreadable, 0); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Join(root, "empty", "sub"), 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(filepath.Join(root, "empty", "sub"), 0o755) })
		tests = append(tests, []struct {
			name string
			args []string
			want string
		}{
			{"unreadable file", []string{"locked/u.jsonl"}, "input: open locked/u.jsonl: permission denied"},
			{"unreadable directory below", []string{"empty"}, "input: open empty/sub: permission denied"},
		}...)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Expand(tt.args)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Expand(%q) = %v, %v; want error %q", tt.args, got, err, tt.want)
			}
		})
	}
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]Format{
		"a.jsonl": JSONL, "a.ndjson.gz": JSONL, "dir.d/A.JSONL.ZST": JSONL, "a.jsonl.zstd": JSONL,
		"a.txt": Text, "a.txt.gz": Text, "a.json": Detect, "a.gz": Detect, "a.jsonl.gz.gz": Detect,
		"jsonl": Detect, "a.jsonl.bz2": Detect, "a.zst.jsonl": JSONL,
		"a.warc": WARC, "a.warc.gz": WARC, "a.WARC.ZST": WARC, "a.warc.zstd": WARC, "a.warc.wet.gz": WARC,
		"a.wet": WARC, "a.wet.gz": WARC, "a.wet.zst": WARC, "a.warc.wat.gz": Detect, "a.arc.gz": ARC, "a.arc": ARC, "a.warc.arc.zst": ARC,
		"a.html": HTML, "a.htm": HTML, "a.HTML.GZ": HTML, "a.htm.zst": HTML, "a.xhtml": Detect, "a.html.bz2": Detect,
	} {
		if got := formatOf(name); got != want {
			t.Errorf("formatOf(%q) = %v, want %v", name, got, want)
		}
	}
}

func reversed(s []string) []string {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}

func TestExpandSkipped(t *testing.T) {
	root := expandTree(t)
	t.Chdir(root)
	in, sk, err := ExpandSkipped([]string{"data", "unknown/x.data"})
	if err != nil {
		t.Fatal(err)
	}
	if len(in) != 8 {
		t.Errorf("%d inputs", len(in))
	}
	want := map[string]int{".xml": 1, ".json": 1, ".jsonl.bz2": 1}
	if !maps.Equal(sk.Other, want) || sk.Hidden != 2 || sk.Special != 1 {
		t.Errorf("skipped %+v, want other %v, 2 hidden, 1 special (the link to a directory)", sk, want)
	}
	if got, w := sk.String(), "3 files of other kinds (.json 1, .jsonl.bz2 1, .xml 1), 2 hidden entries, 1 special file (devices, FIFOs, links to directories)"; got != w {
		t.Errorf("String() = %q, want %q", got, w)
	}
	for _, x := range in {
		if x.FromDir != (x.Path != "unknown/x.data") {
			t.Errorf("%s: FromDir %v", x.Path, x.FromDir)
		}
	}
	if in, _ := Expand([]string{"data", "data/a.jsonl"}); in[0].Path != "data/a.jsonl" || in[0].FromDir {
		t.Errorf("a file named and walked is taken as named: %+v", in[0])
	}
	if _, sk, _ := ExpandSkipped([]string{"unknown/y.data"}); sk.String() != "" {
		t.Errorf("a named file skips nothing: %q", sk)
	}
}
