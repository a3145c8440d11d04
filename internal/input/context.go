package input

import (
	"context"
	"io"
)

// ContextReader returns a reader of r whose Read returns ctx's error as
// soon as ctx is done, even while a Read of r is blocked (standard input,
// a pipe whose writer is silent): the blocked Read is left to finish on its
// own, and its data is dropped. Reads of r happen one at a time, in a
// goroutine of their own; use it for streams, not for files on disk.
func ContextReader(ctx context.Context, r io.Reader) io.Reader {
	return &ctxReader{ctx: ctx, r: r, done: make(chan struct{}, 1)}
}

type ctxReader struct {
	ctx  context.Context
	r    io.Reader
	buf  []byte
	n    int
	err  error
	done chan struct{}
	busy bool // a Read of r was abandoned and may still write buf
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	if c.busy {
		// An earlier Read was abandoned; ctx was done then, and is now.
		return 0, context.Canceled
	}
	if len(p) == 0 {
		return 0, nil
	}
	if cap(c.buf) < len(p) {
		c.buf = make([]byte, len(p))
	}
	buf := c.buf[:len(p)]
	go func() {
		c.n, c.err = c.r.Read(buf)
		c.done <- struct{}{}
	}()
	select {
	case <-c.done:
		return copy(p, buf[:c.n]), c.err
	case <-c.ctx.Done():
		c.busy = true
		return 0, c.ctx.Err()
	}
}
