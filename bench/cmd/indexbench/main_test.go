package main

import (
	"bytes"
	"os"
	"regexp"
	"strconv"
	"testing"
)

// TestMain lets the test binary be the query process that run starts.
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		if err := childMain(os.Args[1:]); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestRun builds a small index and runs the queries in a child process,
// checking that every figure is printed and that the near-duplicate
// queries find their documents.
func TestRun(t *testing.T) {
	var buf bytes.Buffer
	out = &buf
	defer func() { out = os.Stdout }()
	features := t.TempDir() + "/features"
	for range 2 { // the second run reads the features the first wrote
		buf.Reset()
		if err := run(3000, "", false, 2, "10x2", 400, 1, features, ""); err != nil {
			t.Fatal(err)
		}
		text := buf.String()
		for _, name := range []string{"build-rate", "sig+band-bytes", "metadata-bytes", "rss-open", "query-cold", "verify-seconds", "query-warm", "query-peak-rss"} {
			if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + ` `).MatchString(text) {
				t.Fatalf("no %s in\n%s", name, text)
			}
		}
		if m := regexp.MustCompile(`(?m)^options bits=2 bands=10x2\+6x2$`).FindString(text); m == "" {
			t.Fatalf("options not as asked:\n%s", text)
		}
		recalls := regexp.MustCompile(`recall ([0-9.]+)`).FindAllStringSubmatch(text, -1)
		if len(recalls) != 2 {
			t.Fatalf("%d recall figures:\n%s", len(recalls), text)
		}
		for _, m := range recalls {
			if r, _ := strconv.ParseFloat(m[1], 64); r < 0.95 {
				t.Fatalf("recall %v:\n%s", r, text)
			}
		}
		sb := regexp.MustCompile(`(?m)^sig\+band-bytes ([0-9.]+)`).FindStringSubmatch(text)
		if v, _ := strconv.ParseFloat(sb[1], 64); v <= 0 || v > 100 {
			t.Fatalf("%v bytes per document of signatures and bands:\n%s", v, text)
		}
	}
}
