//go:build unix

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain runs main itself when the test binary is started as mimeo by
// runChild: MIMEO_TEST_MAIN holds the arguments, separated by newlines.
func TestMain(m *testing.M) {
	if args, ok := os.LookupEnv("MIMEO_TEST_MAIN"); ok {
		os.Args = append([]string{"mimeo"}, strings.Split(args, "\n")...)
		main()
		return
	}
	os.Exit(m.Run())
}

// child is mimeo running in a process of its own, its standard input a
// pipe the test writes to.
type child struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr bytes.Buffer
}

func startChild(t *testing.T, dir string, args ...string) *child {
	t.Helper()
	c := &child{cmd: exec.Command(os.Args[0])}
	// The child's temporary files (spools) go to TMP beside its outputs.
	tmp := filepath.Join(dir, "TMP")
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	c.cmd.Env = append(os.Environ(), "MIMEO_TEST_MAIN="+strings.Join(args, "\n"), "TMPDIR="+tmp)
	c.cmd.Dir = dir
	c.cmd.Stderr = &c.stderr
	var err error
	if c.stdin, err = c.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.cmd.Process.Kill(); c.cmd.Wait() })
	return c
}

// waitFor waits until cond holds, or fails after a while.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for start := time.Now(); !cond(); {
		if time.Since(start) > 20*time.Second {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func exitStatus(t *testing.T, c *child) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		return c.cmd.ProcessState.ExitCode()
	case <-time.After(20 * time.Second):
		t.Fatalf("the child did not exit; stderr: %s", c.stderr.String())
	}
	return -1
}

func tempFiles(dir string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, ".*.mimeo-tmp-*"))
	return m
}

// TestGuaranteeSignals: SIGINT and SIGTERM cancel a run, which removes its
// temporary files (or its partial index build) and exits with 130 or 143.
func TestGuaranteeSignals(t *testing.T) {
	raw := readGz(t, sampleNews)
	for _, tc := range []struct {
		name string
		sig  syscall.Signal
		code int
	}{{"SIGINT", syscall.SIGINT, 130}, {"SIGTERM", syscall.SIGTERM, 143}} {
		t.Run("scan "+tc.name, func(t *testing.T) {
			dir := t.TempDir()
			c := startChild(t, dir, "scan", "-o", "out.jsonl", "--dedup-output", "dedup.jsonl", "-")
			c.stdin.Write([]byte(raw)) // and keep the pipe open: the scan waits for more
			waitFor(t, "the temporary outputs", func() bool { return len(tempFiles(dir)) == 2 })
			c.cmd.Process.Signal(tc.sig)
			if code := exitStatus(t, c); code != tc.code {
				t.Errorf("exit status %d, want %d; stderr: %s", code, tc.code, c.stderr.String())
			}
			if !strings.Contains(c.stderr.String(), "interrupted by "+tc.name) {
				t.Errorf("stderr: %s", c.stderr.String())
			}
			if m := tempFiles(dir); len(m) > 0 {
				t.Errorf("temporary files left: %v", m)
			}
			for _, p := range []string{"out.jsonl", "dedup.jsonl"} {
				if _, err := os.Stat(filepath.Join(dir, p)); err == nil {
					t.Errorf("%s written by an interrupted scan", p)
				}
			}
		})
		t.Run("index build "+tc.name, func(t *testing.T) {
			dir := t.TempDir()
			c := startChild(t, dir, "index", "build", "--boilerplate", "off", "-o", "idx", "-")
			c.stdin.Write([]byte(raw))
			waitFor(t, "the index directory", func() bool {
				_, err := os.Stat(filepath.Join(dir, "idx", "MANIFEST"))
				return err == nil
			})
			c.cmd.Process.Signal(tc.sig)
			if code := exitStatus(t, c); code != tc.code {
				t.Errorf("exit status %d, want %d; stderr: %s", code, tc.code, c.stderr.String())
			}
			if _, err := os.Stat(filepath.Join(dir, "idx")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the interrupted build left its directory: %v", err)
			}
		})
	}
}

// TestGuaranteeKilledRunRecovers: after SIGKILL, the temporary files left
// are removed by the next run writing the same outputs, and a killed index
// build is built again without help.
func TestGuaranteeKilledRunRecovers(t *testing.T) {
	raw := readGz(t, sampleNews)
	dir := t.TempDir()
	c := startChild(t, dir, "scan", "-o", "out.jsonl", "-")
	c.stdin.Write([]byte(raw))
	waitFor(t, "the temporary output", func() bool { return len(tempFiles(dir)) == 1 })
	// Standard input is being spooled (the boilerplate pass reads it
	// twice): the spool is unlinked from the start.
	waitFor(t, "the spool", func() bool {
		fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", c.cmd.Process.Pid))
		for _, fd := range fds {
			if l, _ := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", c.cmd.Process.Pid, fd.Name())); strings.Contains(l, "mimeo-spool-") {
				return true
			}
		}
		return false
	})
	c.cmd.Process.Kill()
	exitStatus(t, c)
	if m, _ := os.ReadDir(filepath.Join(dir, "TMP")); len(m) > 0 {
		t.Errorf("SIGKILL left temporary files: %v", m)
	}
	left := tempFiles(dir)
	if len(left) != 1 {
		t.Fatalf("after SIGKILL: %v", left)
	}
	// Re-run at once: the dead run's file is unlocked, so it goes however
	// young it is.
	in := writeFile(t, filepath.Join(dir, "in.jsonl"), []byte(raw))
	res := runCLI(t, "", "scan", "-q", "-o", filepath.Join(dir, "out.jsonl"), in)
	if res.code != 0 {
		t.Fatal(res.stderr)
	}
	if m := tempFiles(dir); len(m) > 0 {
		t.Errorf("the killed run's temporary file was not removed: %v", m)
	}

	// index build killed midway, then built again.
	c = startChild(t, dir, "index", "build", "--boilerplate", "off", "--flush-every", "10", "-o", "idx", "-")
	c.stdin.Write([]byte(strings.Repeat(raw, 4))) // more than a batch of the pipeline
	waitFor(t, "spilled segments", func() bool {
		m, _ := filepath.Glob(filepath.Join(dir, "idx", "seg-*.mms"))
		return len(m) > 2
	})
	c.cmd.Process.Kill()
	exitStatus(t, c)
	idx := filepath.Join(dir, "idx")
	res = runCLI(t, "", "index", "build", "-o", idx, in)
	if res.code != 0 {
		t.Fatalf("building again after a killed build: %s", res.stderr)
	}
	if st := indexStats(t, idx); st.Documents == 0 {
		t.Errorf("the rebuilt index holds %+v", st)
	}
}

// TestHandleSignals: the first signal cancels, the second exits at once
// with its status.
func TestHandleSignals(t *testing.T) {
	sigs := make(chan os.Signal, 2)
	ctx, cancel := context.WithCancelCause(context.Background())
	exited := make(chan int, 1)
	var msg bytes.Buffer
	go handleSignals(sigs, cancel, func(code int) { exited <- code }, &msg)
	sigs <- syscall.SIGTERM
	<-ctx.Done()
	var sig interrupted
	if !errors.As(context.Cause(ctx), &sig) || sig.sig != syscall.SIGTERM || !errors.Is(context.Cause(ctx), context.Canceled) {
		t.Fatalf("cause %v", context.Cause(ctx))
	}
	select {
	case code := <-exited:
		t.Fatalf("exited (%d) at the first signal", code)
	case <-time.After(20 * time.Millisecond):
	}
	sigs <- syscall.SIGINT
	if code := <-exited; code != 130 || !strings.Contains(msg.String(), "SIGINT again") {
		t.Errorf("second signal: exit %d (%q), want 130", code, msg.String())
	}
	var buf bytes.Buffer
	if code := exitCode(interrupted{syscall.SIGTERM}, &buf); code != 143 || !strings.Contains(buf.String(), "interrupted by SIGTERM") {
		t.Errorf("exit code %d, message %q", code, buf.String())
	}
}
