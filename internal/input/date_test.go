package input

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s int) time.Time {
		return time.Date(y, mo, d, h, mi, s, 0, time.UTC)
	}
	for in, want := range map[string]time.Time{
		"2025-04-10T15:35:57Z":            utc(2025, 4, 10, 15, 35, 57),
		"2025-04-10T16:35:57+01:00":       utc(2025, 4, 10, 15, 35, 57),
		"2025-04-10T11:35:57.123-04:00":   utc(2025, 4, 10, 15, 35, 57).Add(123 * time.Millisecond),
		"2025-04-10 15:35:57":             utc(2025, 4, 10, 15, 35, 57),
		"2025-04-10 17:35:57+02:00":       utc(2025, 4, 10, 15, 35, 57),
		"2025-04-10":                      utc(2025, 4, 10, 0, 0, 0),
		"Thu, 10 Apr 2025 15:35:57 GMT":   utc(2025, 4, 10, 15, 35, 57),
		"Thu, 10 Apr 2025 17:35:57 +0200": utc(2025, 4, 10, 15, 35, 57),
		"05-MAR-1987 10:00:00":            utc(1987, 3, 5, 10, 0, 0),
		" 5-MAR-1987 10:00:00.00 ":        utc(1987, 3, 5, 10, 0, 0),
		"05-mar-1987 10:00:00":            utc(1987, 3, 5, 10, 0, 0),
		"1744299357":                      utc(2025, 4, 10, 15, 35, 57),
		"1744299357000":                   utc(2025, 4, 10, 15, 35, 57),
		"20250410153557":                  utc(2025, 4, 10, 15, 35, 57),
		"April 10, 2025":                  utc(2025, 4, 10, 0, 0, 0),
	} {
		got, ok := ParseDate(in)
		if !ok || !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "yesterday", "2025-13-40", "12345", "10/04/2025 maybe", "99999999999"} {
		if got, ok := ParseDate(bad); ok {
			t.Errorf("ParseDate(%q) = %v, want no date", bad, got)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-04-10T15:35:57Z", "05-MAR-1987 10:00:00", "1744299357", "Thu, 10 Apr 2025 15:35:57 GMT"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		if !ok {
			return
		}
		// What it read, written in RFC 3339, reads as the same instant.
		if again, ok := ParseDate(d.Format(time.RFC3339Nano)); d.Year() >= 0 && d.Year() <= 9999 && (!ok || !again.Equal(d)) {
			t.Fatalf("ParseDate(%q) = %v, which does not read back (%v, %v)", s, d, again, ok)
		}
	})
}
