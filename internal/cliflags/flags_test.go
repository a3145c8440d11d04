package cliflags

import (
	"errors"
	"testing"

	"github.com/spf13/pflag"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "512k": 512000, "100MB": 100_000_000, "64GiB": 64 << 30, "1e6": 1_000_000, " 2 KiB ": 2048, "3b": 3} {
		got, err := ParseSize(in)
		if err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
		if back, err := ParseSize(FormatSize(want)); err != nil || back != want {
			t.Errorf("ParseSize(FormatSize(%d)) = %d, %v", want, back, err)
		}
	}
	for _, bad := range []string{"", "x", "-1", "1.5.2G", "9e30"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q): no error", bad)
		}
	}
}

// TestMatchConfig: the defaults make the scan's defaults, and a mistake
// is a UsageError that names the flag.
func TestMatchConfig(t *testing.T) {
	var m Match
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	m.AddFlags(fs)
	if err := fs.Parse(nil); err != nil {
		t.Fatal(err)
	}
	cfg, err := m.Config()
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.Boilerplate || !cfg.Exact || cfg.Dedup.Jaccard != 0.3 || cfg.Dedup.Containment != 0.45 || cfg.Input.TextField != "text" {
		t.Errorf("defaults: %+v", cfg)
	}
	for _, args := range [][]string{{"--threshold", "0"}, {"--exact", "maybe"}, {"--shingle", "lines:3"}, {"--bands", "4x"}} {
		var m Match
		fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
		m.AddFlags(fs)
		if err := fs.Parse(args); err != nil {
			t.Fatal(err)
		}
		_, err := m.Config()
		var ue UsageError
		if !errors.As(err, &ue) {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}
