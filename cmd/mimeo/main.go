// Command mimeo finds near-duplicate documents: syndicated copies of news
// stories, reprints and boilerplate-wrapped copies, at crawl scale.
//
// Usage:
//
//	mimeo scan [flags] INPUT...  clusters of near-duplicates in crawl dumps (JSONL, WARC, ARC, CSV, Parquet, text, HTML)
//	mimeo sign [flags] FILE...   signatures and pairwise similarity of files
//	mimeo eval --truth FILE [flags] INPUT...  scores of a scan against labels
//	mimeo bench [flags] [--truth FILE INPUT...]  mimeo against the peers' pipeline on labelled data
//	mimeo explain [flags] A B    similarity, containment and aligned text of two documents
//	mimeo index SUBCOMMAND ...   build, add to, query, verify a persistent index
//	mimeo version                the version and build (also --version)
//	mimeo completion SHELL       a completion script for bash, zsh or fish
//	mimeo help [COMMAND [SUBCOMMAND]]
//
// Exit status: 0 success, 1 failure, 2 usage error; 130 or 143 when
// interrupted by SIGINT or SIGTERM (a second signal exits at once).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"syscall"

	"github.com/mimeo-dedup/mimeo/internal/cliflags"
	"github.com/spf13/pflag"
)

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go handleSignals(sigs, cancel, os.Exit, os.Stderr)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	signal.Stop(sigs)
	var kept afterSignal
	if err != nil && ctx.Err() != nil && !errors.As(err, &kept) {
		err = context.Cause(ctx) // interrupted
	}
	os.Exit(exitCode(err, os.Stderr))
}

// interrupted is the cause of a run canceled by a signal: the command
// cleans up (temporary files, a partial index build) and exits with
// 128 + the signal's number, 130 for SIGINT and 143 for SIGTERM.
// afterSignal is an error of a command that a signal told to stop and
// that failed in stopping (mimeo serve's last flush): reported as it is,
// not as the interruption.
type afterSignal struct{ err error }

func (e afterSignal) Error() string { return e.err.Error() }
func (e afterSignal) Unwrap() error { return e.err }

type interrupted struct{ sig os.Signal }

func (e interrupted) Error() string { return "interrupted by " + signalName(e.sig) }

func (e interrupted) Is(target error) bool { return target == context.Canceled }

func signalName(s os.Signal) string {
	switch s {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return s.String()
}

func signalCode(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 1
}

// handleSignals cancels the run at the first signal and exits at once at
// the second.
func handleSignals(sigs <-chan os.Signal, cancel context.CancelCauseFunc, exit func(int), stderr io.Writer) {
	first := <-sigs
	cancel(interrupted{first})
	second := <-sigs
	fmt.Fprintf(stderr, "mimeo: %s again: exiting at once\n", signalName(second))
	exit(signalCode(second))
}

// usageError is a mistake in the command line: exit status 2 (the
// shared flags' checks make the same).
type usageError = cliflags.UsageError

func usagef(format string, args ...any) error {
	return usageError{Err: fmt.Errorf(format, args...)}
}

// errHelp reports that help was printed as asked: exit status 0.
var errHelp = errors.New("help requested")

// exitCode prints err (if any) and maps it to the exit status.
func exitCode(err error, stderr io.Writer) int {
	var ue usageError
	var sig interrupted
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.As(err, &sig):
		fmt.Fprintf(stderr, "mimeo: %v; partial outputs were removed\n", err)
		return signalCode(sig.sig)
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "mimeo: %v\nRun 'mimeo help' for usage.\n", err)
		return 2
	default:
		fmt.Fprintf(stderr, "mimeo: %v\n", err)
		return 1
	}
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"scan", "find clusters of near-duplicate documents in JSONL, WARC, ARC, CSV, Parquet, text or HTML inputs", runScan},
		{"sign", "print signatures and pairwise similarity of files", runSign},
		{"eval", "score a scan against labelled truth: precision, recall, F1, ARI", runEval},
		{"bench", "measure mimeo against the peers' pipeline: speed, memory, precision, recall", runBench},
		{"explain", "show why two documents match: similarity, containment, aligned text", runExplain},
		{"index", "build, add to, query and check a persistent on-disk index", runIndex},
		{"serve", "serve an index over HTTP and JSON: crawlers check and add pages", runServe},
		{"version", "print mimeo's version and build", runVersion},
		{"completion", "print a shell completion script (bash, zsh, fish)", runCompletion},
	}
}

// run executes the command line args (without the program name).
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		printUsage(stderr)
		return usagef("no command given")
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "--help":
		if len(rest) > 0 {
			// mimeo help index build: that subcommand's help.
			for _, c := range commands() {
				if c.name == rest[0] {
					return c.run(ctx, append(slices.Clone(rest[1:]), "--help"), stdin, stdout, stderr)
				}
			}
			return usagef("unknown command %q%s", rest[0], didYouMean(rest[0], names(commands())))
		}
		printUsage(stdout)
		return nil
	case "--version", "-V":
		return runVersion(ctx, rest, stdin, stdout, stderr)
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, rest, stdin, stdout, stderr)
		}
	}
	return usagef("unknown command %q%s", name, didYouMean(name, names(commands())))
}

// parseFlags parses a subcommand's flags. On --help it prints usage and
// the flags to stdout and returns errHelp; a bad flag is a usage error.
func parseFlags(fs *pflag.FlagSet, args []string, usage string, stdout io.Writer) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return errHelp
		}
		return usagef("%s: %v", fs.Name(), err)
	}
	return nil
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "mimeo finds near-duplicate documents.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: mimeo COMMAND [flags] [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "  help        show help for a command (mimeo help index build)")
}
