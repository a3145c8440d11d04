package input

import (
	"strconv"
	"strings"
	"time"
)

// dateLayouts are the layouts ParseDate tries, most common first.
var dateLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 MST", "2006-01-02 15:04:05",
	"2006-01-02 15:04", "2006-01-02", "2006/01/02 15:04:05", "2006/01/02",
	time.RFC1123, time.RFC1123Z, "Mon, 2 Jan 2006 15:04:05 MST", "Mon, 2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 MST", time.RFC850, time.ANSIC, time.UnixDate,
	"02-Jan-2006 15:04:05.00", "02-Jan-2006 15:04:05", "2-Jan-2006 15:04:05", "02-Jan-2006",
	"January 2, 2006 3:04 PM", "January 2, 2006", "Jan 2, 2006", "2 January 2006", "20060102150405", "20060102",
}

// ParseDate reads a date in the formats of crawls, feeds and archives: RFC
// 3339 (any offset, fractions of seconds), RFC 1123 and RFC 850, "YYYY-MM-DD
// hh:mm:ss" (UTC unless an offset follows), "DD-MON-YYYY hh:mm:ss" as
// Reuters-21578 writes it (month names in any case), WARC's "YYYYMMDDhhmmss",
// and epoch seconds or milliseconds (9 to 10 digits, or 12 to 13). It
// reports whether it could.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if t, ok := parseEpoch(s); ok {
		return t, true
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	// Month names in capitals (05-MAR-1987): as the layouts write them.
	if f := fixMonthCase(s); f != s {
		for _, l := range dateLayouts {
			if t, err := time.Parse(l, f); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// parseEpoch reads seconds (9–10 digits: 1973 to 2286) or milliseconds
// (12–13 digits) since 1970.
func parseEpoch(s string) (time.Time, bool) {
	if len(s) < 9 || len(s) > 13 || len(s) == 11 {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, false
	}
	if len(s) >= 12 {
		return time.UnixMilli(n).UTC(), true
	}
	return time.Unix(n, 0).UTC(), true
}

var monthNames = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	"January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December",
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}

// fixMonthCase rewrites month and weekday names written in capitals or
// lower case in their usual case ("MAR" -> "Mar").
func fixMonthCase(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); {
		if !isLetter(b[i]) {
			i++
			continue
		}
		j := i
		for j < len(b) && isLetter(b[j]) {
			j++
		}
		w := string(b[i:j])
		for _, m := range monthNames {
			if len(m) == len(w) && strings.EqualFold(m, w) {
				copy(b[i:j], m)
				break
			}
		}
		i = j
	}
	return string(b)
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
