package index

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
)

// TestCheckAndAddOnce checks that of 32 goroutines that check and add
// copies of the same new story at once, exactly one is told it is new and
// adds its copy; the others see it. Run with -race.
func TestCheckAndAddOnce(t *testing.T) {
	c := newStoryCorpus(41, 8, 0)
	x := openT(t, t.TempDir(), Options{})
	defer x.Close()
	var stories []int // the originals of four stories
	for i := range c.texts {
		if c.story[i] == i && len(stories) < 4 {
			stories = append(stories, i)
		}
	}
	for round, story := range stories {
		text := c.texts[story]
		var wg sync.WaitGroup
		var mu sync.Mutex
		added := 0
		start := make(chan struct{})
		for g := range 32 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				// The copies differ by a line, so that each is its own
				// document, a copy of the others.
				d := Doc{ID: fmt.Sprintf("r%d-g%d", round, g), Text: append([]byte(fmt.Sprintf("Copy %d.\n", g)), text...)}
				res, err := x.CheckAndAdd(context.Background(), d, CheckOptions{})
				if err != nil {
					t.Error(err)
					return
				}
				if res.Added != (len(res.Seen) == 0) {
					t.Errorf("added %v with %d hits that make it seen", res.Added, len(res.Seen))
				}
				mu.Lock()
				if res.Added {
					added++
				}
				mu.Unlock()
			}()
		}
		close(start)
		wg.Wait()
		if added != 1 {
			t.Errorf("story %d: %d of 32 goroutines added it, want exactly 1", story, added)
		}
		if round == 1 {
			if err := x.Flush(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if st := x.Stats(); st.Documents != 4 {
		t.Errorf("%d documents indexed, want the 4 stories once each", st.Documents)
	}
}

// TestCheckAndAddOptions checks the policies, the limit, bad options and a
// cancelled context.
func TestCheckAndAddOptions(t *testing.T) {
	c := newStoryCorpus(42, 6, 0)
	x := openT(t, t.TempDir(), Options{})
	defer x.Close()
	ctx := context.Background()
	story := Doc{ID: "story", Text: c.texts[0]}
	copyOf := func(id string) Doc { return Doc{ID: id, Text: append([]byte("Updated.\n"), c.texts[0]...)} }
	if res, err := x.CheckAndAdd(ctx, story, CheckOptions{Add: CheckOnly}); err != nil || res.Added || len(res.Hits) != 0 {
		t.Fatalf("CheckOnly on an empty index: %+v, %v", res, err)
	}
	if ok, _ := x.Contains("story"); ok {
		t.Fatal("CheckOnly added the page")
	}
	if res, err := x.CheckAndAdd(ctx, story, CheckOptions{}); err != nil || !res.Added {
		t.Fatalf("AddIfNew of a new story: %+v, %v", res, err)
	}
	res, err := x.CheckAndAdd(ctx, copyOf("copy1"), CheckOptions{})
	if err != nil || res.Added || len(res.Seen) == 0 || res.Seen[0].ID != "story" {
		t.Fatalf("AddIfNew of a copy: %+v, %v; want it seen in the story and not added", res, err)
	}
	res, err = x.CheckAndAdd(ctx, copyOf("copy2"), CheckOptions{Add: AddAlways})
	if err != nil || !res.Added || len(res.Seen) == 0 {
		t.Fatalf("AddAlways of a copy: %+v, %v; want it added and its match reported", res, err)
	}
	res, err = x.CheckAndAdd(ctx, copyOf("copy3"), CheckOptions{Add: CheckOnly, Limit: 1})
	if err != nil || len(res.Hits) != 1 || len(res.Seen) != 1 {
		t.Fatalf("a limit of 1 over two matches: %+v, %v", res, err)
	}
	for _, o := range []CheckOptions{{Add: -1}, {Add: CheckOnly + 1}, {Limit: -1}} {
		if _, err := x.CheckAndAdd(ctx, story, o); err == nil {
			t.Errorf("options %+v accepted", o)
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if res, err := x.CheckAndAdd(cancelled, Doc{ID: "late", Text: c.texts[1]}, CheckOptions{}); !errors.Is(err, context.Canceled) || res.Added {
		t.Errorf("a cancelled call: %+v, %v; want context.Canceled", res, err)
	}
	if ok, _ := x.Contains("late"); ok {
		t.Error("a cancelled call added its page")
	}
	// A call waiting for another gives up when its context does.
	x.checking <- struct{}{} // as if a call were running
	waiting, stop := context.WithCancel(ctx)
	done := make(chan error)
	go func() {
		_, err := x.CheckAndAdd(waiting, Doc{ID: "waiting", Text: c.texts[2]}, CheckOptions{})
		done <- err
	}()
	stop()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("a call waiting for another: %v, want context.Canceled", err)
	}
	<-x.checking
}

// endedCtx is a context whose Done never fires but whose Err reports it
// cancelled: a cancellation that arrives once a writer has its turn.
type endedCtx struct{ context.Context }

func (endedCtx) Err() error { return context.Canceled }

// TestFlushCompactContext checks that a Flush or Compact cancelled while
// it waits for its turn or while it writes records nothing: the documents
// stay queryable, and the next Flush records them.
func TestFlushCompactContext(t *testing.T) {
	c := newStoryCorpus(43, 30, 0)
	dir := t.TempDir()
	x := openT(t, dir, Options{})
	defer x.Close()
	for i := range 10 {
		x.Add(Doc{ID: c.ids[i], Text: c.texts[i]})
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	x.writing <- struct{}{} // another writer has the turn
	if err := x.FlushContext(cancelled); !errors.Is(err, context.Canceled) {
		t.Errorf("a Flush waiting for its turn: %v, want context.Canceled", err)
	}
	<-x.writing
	for range 20 { // the turn free: never taken with a cancelled context
		if err := x.FlushContext(cancelled); !errors.Is(err, context.Canceled) {
			t.Fatalf("a Flush with a cancelled context: %v, want context.Canceled", err)
		}
	}
	during := endedCtx{context.Background()}
	if err := x.FlushContext(during); !errors.Is(err, context.Canceled) {
		t.Errorf("a Flush cancelled while it writes: %v, want context.Canceled", err)
	}
	if st := x.Stats(); st.Pending != 10 {
		t.Errorf("after the cancelled Flushes %d documents pending, want 10", st.Pending)
	}
	if hits, err := x.Query(c.texts[3]); err != nil || len(hits) == 0 {
		t.Errorf("a document of a cancelled Flush: %v, %v; want it found", hits, err)
	}
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	for i := 10; i < 20; i++ {
		x.Add(Doc{ID: c.ids[i], Text: c.texts[i]})
	}
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	x.Delete(c.ids[0])
	before := x.Stats()
	if err := x.CompactContext(during); !errors.Is(err, context.Canceled) {
		t.Errorf("a Compact cancelled while it writes: %v, want context.Canceled", err)
	}
	if after := x.Stats(); after.Segments != before.Segments || after.Documents != before.Documents {
		t.Errorf("a cancelled Compact: %d segments, %d documents; before %d, %d", after.Segments, after.Documents, before.Segments, before.Documents)
	}
	if err := x.Compact(); err != nil {
		t.Fatal(err)
	}
	if st := x.Stats(); st.Segments != 1 || st.Documents != 19 {
		t.Errorf("after Compact: %d segments, %d documents; want 1, 19", st.Segments, st.Documents)
	}
	if err := x.Verify(); err != nil {
		t.Fatal(err)
	}
}

// TestQueryContext checks QueryContext's limit, a cancelled context and a
// bad limit, in memory and against segments.
func TestQueryContext(t *testing.T) {
	c := newStoryCorpus(44, 10, 3)
	x := openT(t, t.TempDir(), Options{})
	defer x.Close()
	for i, text := range c.texts {
		x.Add(Doc{ID: c.ids[i], Text: text})
		if i == len(c.texts)/2 {
			if err := x.Flush(); err != nil {
				t.Fatal(err)
			}
		}
	}
	ctx := context.Background()
	several := 0
	for _, text := range c.texts {
		f := x.Features(text)
		all, err := x.QueryFeatures(f)
		if err != nil {
			t.Fatal(err)
		}
		top, err := x.QueryContext(ctx, f, 1)
		if err != nil || len(top) != min(len(all), 1) || len(top) == 1 && top[0].ID != all[0].ID {
			t.Fatalf("limit 1: %v, %v; all %v", hitIDs(top), err, hitIDs(all))
		}
		if every, _ := x.QueryContext(ctx, f, 0); len(every) != len(all) {
			t.Fatalf("no limit: %d hits, QueryFeatures %d", len(every), len(all))
		}
		if len(all) > 1 {
			several++
		}
	}
	if several == 0 {
		t.Fatal("no query with two hits: not the case to test")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := x.QueryContext(cancelled, x.Features(c.texts[0]), 0); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled query: %v", err)
	}
	if _, err := x.QueryContext(ctx, x.Features(c.texts[0]), -1); err == nil {
		t.Error("a limit of -1 accepted")
	}
}
