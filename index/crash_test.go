//go:build unix

package index

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// crashText is document k of the crash test: distinct for every k.
func crashText(k int) []byte {
	r := rand.New(rand.NewPCG(uint64(k), 99))
	var b strings.Builder
	for i := range 120 {
		if i > 0 {
			b.WriteByte(' ')
		}
		for range 3 + r.IntN(6) {
			b.WriteByte(byte('a' + r.IntN(26)))
		}
	}
	return []byte(b.String())
}

func crashID(k int) string { return "d" + strconv.Itoa(k) }

// crashDeleted reports whether the crash test deletes document k (right
// after adding it).
func crashDeleted(k int) bool { return k%7 == 3 }

// TestCrashChild is the writer that TestCrashSafety kills: it adds
// documents from MIMEO_CRASH_FROM on, deleting some, flushing and now and
// then compacting, and prints "durable N" each time a Flush or Compact has
// made the first N documents durable. It runs until killed.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv("MIMEO_CRASH_DIR")
	if dir == "" {
		t.Skip("run by TestCrashSafety")
	}
	k, _ := strconv.Atoi(os.Getenv("MIMEO_CRASH_FROM"))
	x, err := OpenOrCreate(dir, Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	r := rand.New(rand.NewPCG(uint64(k), uint64(time.Now().UnixNano())))
	for round := 0; ; round++ {
		for range 1 + r.IntN(300) {
			if err := x.Add(Doc{ID: crashID(k), Text: crashText(k)}); err != nil {
				fmt.Println("error", err)
				os.Exit(1)
			}
			if crashDeleted(k) {
				x.Delete(crashID(k))
			}
			k++
		}
		op := x.Flush
		if round%5 == 4 {
			op = x.Compact
		}
		if err := op(); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("durable", k)
	}
}

// TestCrashSafety kills a writer (a child process) with SIGKILL at random
// moments of adding, flushing, merging and compacting, many times over the
// same index, and checks after each kill that the index opens, passes
// Verify, and holds every document a returned Flush made durable.
func TestCrashSafety(t *testing.T) {
	if os.Getenv("MIMEO_CRASH_DIR") != "" {
		t.Skip("in the child")
	}
	kills := 60
	if testing.Short() {
		kills = 15
	}
	dir := t.TempDir()
	durable := 0
	r := rand.New(rand.NewPCG(5, 6))
	for kill := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "MIMEO_CRASH_DIR="+dir, "MIMEO_CRASH_FROM="+strconv.Itoa(durable))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1000)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Let it run until a random number of flushes has returned, then
		// a little longer, so that kills land anywhere.
		wantFlushes := r.IntN(4)
		timeout := time.After(20 * time.Second)
	wait:
		for flushes := 0; flushes < wantFlushes; {
			select {
			case l, ok := <-lines:
				if !ok {
					break wait
				}
				if n, ok := strings.CutPrefix(l, "durable "); ok {
					durable, _ = strconv.Atoi(n)
					flushes++
				} else if strings.HasPrefix(l, "error") || strings.HasPrefix(l, "---") {
					t.Fatalf("kill %d: child: %s", kill, l)
				}
			case <-timeout:
				t.Fatalf("kill %d: the child made no progress", kill)
			}
		}
		time.Sleep(time.Duration(r.IntN(30_000)) * time.Microsecond)
		cmd.Process.Signal(syscall.SIGKILL)
		for l := range lines { // what it printed before dying
			if n, ok := strings.CutPrefix(l, "durable "); ok {
				durable, _ = strconv.Atoi(n)
			} else if strings.HasPrefix(l, "error") {
				t.Fatalf("kill %d: child: %s", kill, l)
			}
		}
		cmd.Wait()
		checkAfterCrash(t, dir, durable, r, kill)
	}
	if durable < 500 {
		t.Fatalf("only %d documents made durable in %d runs", durable, kills)
	}
}

func checkAfterCrash(t *testing.T, dir string, durable int, r *rand.Rand, kill int) {
	t.Helper()
	x, err := OpenOrCreate(dir, Options{})
	if err != nil {
		t.Fatalf("kill %d: Open: %v", kill, err)
	}
	defer x.Close()
	if err := x.Verify(); err != nil {
		t.Fatalf("kill %d: Verify: %v", kill, err)
	}
	if st := x.Stats(); st.Documents < durable*6/7-1 {
		t.Fatalf("kill %d: %d documents, %d were durable", kill, st.Documents, durable)
	}
	// The newest durable documents and a sample of the older ones.
	check := func(k int) {
		hits, err := x.Query(crashText(k))
		if err != nil {
			t.Fatalf("kill %d: Query: %v", kill, err)
		}
		found := false
		for _, h := range hits {
			found = found || h.ID == crashID(k)
		}
		if found == crashDeleted(k) {
			t.Fatalf("kill %d: document %d of %d durable: found %v, deleted %v", kill, k, durable, found, crashDeleted(k))
		}
	}
	for k := max(0, durable-20); k < durable; k++ {
		check(k)
	}
	for range min(durable, 40) {
		check(r.IntN(durable))
	}
	// Nothing left over but the index's own files.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Fatalf("kill %d: %s left after Open", kill, filepath.Join(dir, e.Name()))
		}
	}
}
