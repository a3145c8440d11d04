package corpus

import "strings"

// zipf samples indexes 0..n-1 with probability proportional to 1/(i+q),
// a Zipf-Mandelbrot law with exponent 1. The offset q flattens the head of
// the distribution (q=1 is plain Zipf). Weights are integers so that
// sampling never depends on floating-point rounding.
type zipf struct {
	cdf []uint32
}

func newZipf(n, q int) zipf {
	if n <= 0 {
		panic("corpus: empty word list")
	}
	cdf := make([]uint32, n)
	var acc uint32
	for i := range cdf {
		acc += uint32((1 << 20) / (i + q))
		cdf[i] = acc
	}
	return zipf{cdf: cdf}
}

func (z *zipf) pick(r *Rand) int {
	x := uint32(r.IntN(int(z.cdf[len(z.cdf)-1])))
	lo, hi := 0, len(z.cdf)-1
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if z.cdf[mid] > x {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// list is a frequency-ranked word list: earlier items are drawn more often.
type list[T any] struct {
	items []T
	z     zipf
}

func mkList[T any](items []T, q int) list[T] {
	return list[T]{items: items, z: newZipf(len(items), q)}
}

func (l *list[T]) pick(r *Rand) T { return l.items[l.z.pick(r)] }

// fields splits a whitespace-separated word list; '_' inside an entry
// stands for a space.
func fields(s string) []string {
	f := strings.Fields(s)
	for i, w := range f {
		if strings.IndexByte(w, '_') >= 0 {
			f[i] = strings.ReplaceAll(w, "_", " ")
		}
	}
	return f
}

// strList builds a frequency-ranked list from a word-list string.
func strList(s string, q int) list[string] { return mkList(fields(s), q) }
