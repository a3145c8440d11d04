package input

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func TestContextReader(t *testing.T) {
	// Reads pass through.
	r := ContextReader(context.Background(), strings.NewReader(strings.Repeat("abc", 10000)))
	b, err := io.ReadAll(r)
	if err != nil || string(b) != strings.Repeat("abc", 10000) {
		t.Fatalf("read %d bytes, %v", len(b), err)
	}
	// A blocked Read returns when ctx ends.
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	r = ContextReader(ctx, pr)
	go func() {
		pw.Write([]byte("first"))
		time.Sleep(20 * time.Millisecond)
		cancel()
	}()
	buf := make([]byte, 10)
	if n, err := r.Read(buf); err != nil || string(buf[:n]) != "first" {
		t.Fatalf("first read: %q, %v", buf[:n], err)
	}
	done := make(chan error)
	go func() {
		_, err := r.Read(buf)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("blocked read returned %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a blocked read did not return when its context ended")
	}
	if _, err := r.Read(buf); !errors.Is(err, context.Canceled) {
		t.Errorf("read after the end: %v", err)
	}
}
