package index

// chunked is an append-only sequence of items of width values each, kept
// in blocks of chunkItems items: growing never moves what is stored. A
// slice grown by append is copied again and again — about four times its
// final size over a bulk load, with as many fresh pages to fault in — and
// needs room for two copies at once.
type chunked[T any] struct {
	width  int
	blocks [][]T
	n      int
}

const chunkItems = 1 << 13

func newChunked[T any](width int) chunked[T] { return chunked[T]{width: width} }

// add appends one item; len(v) must be the width.
func (c *chunked[T]) add(v []T) {
	if c.n%chunkItems == 0 {
		c.blocks = append(c.blocks, make([]T, 0, chunkItems*c.width))
	}
	b := &c.blocks[len(c.blocks)-1]
	*b = append(*b, v...)
	c.n++
}

// push appends one value to a sequence of width 1.
func (c *chunked[T]) push(v T) {
	if c.n%chunkItems == 0 {
		c.blocks = append(c.blocks, make([]T, 0, chunkItems))
	}
	b := &c.blocks[len(c.blocks)-1]
	*b = append(*b, v)
	c.n++
}

// item returns item i (its values, not a copy).
func (c *chunked[T]) item(i int) []T {
	j := i % chunkItems * c.width
	return c.blocks[i/chunkItems][j : j+c.width : j+c.width]
}

// at returns value i of a sequence of width 1.
func (c *chunked[T]) at(i int) T { return c.blocks[i/chunkItems][i%chunkItems] }

func (c *chunked[T]) len() int { return c.n }

// values calls fn with the stored values in order, a block at a time.
func (c *chunked[T]) values(fn func([]T)) {
	for _, b := range c.blocks {
		fn(b)
	}
}
