package corpus

import (
	"strconv"
	"strings"
	"sync"
)

// lazy builds a vocabulary on first use.
type lazy[T any] struct {
	once sync.Once
	v    *T
	mk   func() *T
}

func (l *lazy[T]) get() *T {
	l.once.Do(func() { l.v = l.mk() })
	return l.v
}

// itoa formats small integers.
func itoa(n int) string { return strconv.Itoa(n) }

// groupDigits formats n with sep between groups of three digits.
func groupDigits(n int, sep string) string {
	s := strconv.Itoa(n)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// decimal formats a number with one decimal digit, tenths/10, using the
// given decimal mark; whole numbers are written without decimals.
func decimal(tenths int, mark string) string {
	if tenths%10 == 0 {
		return strconv.Itoa(tenths / 10)
	}
	return strconv.Itoa(tenths/10) + mark + strconv.Itoa(tenths%10)
}

// smallTenths draws a positive figure in tenths, mostly below 10 and
// occasionally up to 60, as used for percentages.
func smallTenths(r *Rand) int {
	switch k := r.IntN(10); {
	case k < 6:
		return 1 + r.IntN(99)
	case k < 9:
		return 100 + r.IntN(200)
	default:
		return 300 + r.IntN(300)
	}
}

// amount draws a money amount: the figure in tenths and whether the unit
// is billions (otherwise millions).
func amount(r *Rand) (tenths int, billion bool) {
	if r.chance(45) {
		return 10 + r.IntN(290), true
	}
	if r.chance(50) {
		return 10 * (5 + r.IntN(995)), false
	}
	return 10 + r.IntN(990), false
}

// headcount draws a number of jobs, a multiple of 25 up to 10,000.
func headcount(r *Rand) int { return 25 * (1 + r.IntN(400)) }

func year(r *Rand) int { return 1998 + r.IntN(33) }
