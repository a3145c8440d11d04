// Package align aligns two token sequences: a minimal edit script (Myers,
// "An O(ND) Difference Algorithm and Its Variations", Algorithmica 1986),
// in linear space with the middle-snake divide and conquer, so that two
// documents of tens of thousands of tokens align in milliseconds.
package align

// Kind is the kind of a Segment.
type Kind uint8

const (
	Equal  Kind = iota // the run is in both sequences
	Delete             // the run is only in A
	Insert             // the run is only in B
)

// String returns "=", "-" or "+".
func (k Kind) String() string { return [...]string{"=", "-", "+"}[k] }

// Segment is a run of one kind: A[A0:A1] and/or B[B0:B1] (an Equal run has
// the same length on both sides, a Delete run an empty B range, an Insert
// run an empty A range).
type Segment struct {
	Kind           Kind
	A0, A1, B0, B1 int
}

// Diff returns the segments of a shortest edit script turning a into b, in
// order, adjacent segments of one kind merged.
func Diff[T comparable](a, b []T) []Segment {
	n, m := len(a), len(b)
	max := n + m + 1
	d := &differ[T]{a: a, b: b, vf: make([]int, 2*max+2), vb: make([]int, 2*max+2)}
	d.compare(0, n, 0, m)
	// d.ops holds unit steps in order; merge them into segments.
	var out []Segment
	ai, bi := 0, 0
	for _, op := range d.ops {
		var s Segment
		switch op.kind {
		case Equal:
			s = Segment{Equal, ai, ai + op.n, bi, bi + op.n}
			ai, bi = ai+op.n, bi+op.n
		case Delete:
			s = Segment{Delete, ai, ai + op.n, bi, bi}
			ai += op.n
		case Insert:
			s = Segment{Insert, ai, ai, bi, bi + op.n}
			bi += op.n
		}
		if s.A1 == s.A0 && s.B1 == s.B0 {
			continue
		}
		if k := len(out) - 1; k >= 0 && out[k].Kind == s.Kind {
			out[k].A1, out[k].B1 = s.A1, s.B1
			continue
		}
		out = append(out, s)
	}
	return out
}

type op struct {
	kind Kind
	n    int
}

type differ[T comparable] struct {
	a, b   []T
	vf, vb []int
	ops    []op
}

func (d *differ[T]) emit(k Kind, n int) {
	if n > 0 {
		d.ops = append(d.ops, op{k, n})
	}
}

// compare appends the edit script of a[a0:a1] → b[b0:b1].
func (d *differ[T]) compare(a0, a1, b0, b1 int) {
	// Common prefix and suffix.
	p := 0
	for a0+p < a1 && b0+p < b1 && d.a[a0+p] == d.b[b0+p] {
		p++
	}
	s := 0
	for a1-s > a0+p && b1-s > b0+p && d.a[a1-s-1] == d.b[b1-s-1] {
		s++
	}
	d.emit(Equal, p)
	a0, b0, a1, b1 = a0+p, b0+p, a1-s, b1-s
	switch {
	case a0 == a1:
		d.emit(Insert, b1-b0)
	case b0 == b1:
		d.emit(Delete, a1-a0)
	default:
		x, y := d.middle(a0, a1, b0, b1)
		d.compare(a0, x, b0, y)
		d.compare(x, a1, y, b1)
	}
	d.emit(Equal, s)
}

// middle finds a point (x, y) on a shortest edit path of a[a0:a1] →
// b[b0:b1] that splits it into two smaller problems (the middle snake).
// Both ranges are non-empty and differ at both ends.
func (d *differ[T]) middle(a0, a1, b0, b1 int) (int, int) {
	n, m := a1-a0, b1-b0
	delta := n - m
	odd := delta&1 != 0
	off := n + m + 1 // diagonals k = x - y in [-(n+m), n+m]
	vf, vb := d.vf, d.vb
	vf[off+1] = 0
	vb[off+1] = 0
	for D := 0; D <= (n+m+1)/2; D++ {
		// Forward: furthest x on diagonal k after D steps from (0, 0).
		for k := -D; k <= D; k += 2 {
			var x int
			if k == -D || (k != D && vf[off+k-1] < vf[off+k+1]) {
				x = vf[off+k+1] // down: insertion
			} else {
				x = vf[off+k-1] + 1 // right: deletion
			}
			y := x - k
			for x < n && y < m && d.a[a0+x] == d.b[b0+y] {
				x++
				y++
			}
			vf[off+k] = x
			if odd {
				if kb := delta - k; kb >= -(D-1) && kb <= D-1 && vf[off+k]+vb[off+kb] >= n {
					return a0 + x, b0 + y
				}
			}
		}
		// Backward: furthest reversed x on diagonal k from (n, m).
		for k := -D; k <= D; k += 2 {
			var x int
			if k == -D || (k != D && vb[off+k-1] < vb[off+k+1]) {
				x = vb[off+k+1]
			} else {
				x = vb[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && d.a[a1-1-x] == d.b[b1-1-y] {
				x++
				y++
			}
			vb[off+k] = x
			if !odd {
				if kf := delta - k; kf >= -D && kf <= D && vf[off+kf]+vb[off+k] >= n {
					return a1 - x, b1 - y
				}
			}
		}
	}
	panic("align: no middle snake") // unreachable: a path of length ≤ n+m exists
}
