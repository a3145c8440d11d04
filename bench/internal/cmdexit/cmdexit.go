// Package cmdexit maps the errors of the bench commands to exit statuses
// as mimeo's own: 0 success (help asked for included), 1 failure, 2 a
// mistake in the command line.
package cmdexit

import (
	"errors"
	"fmt"
	"io"
)

// UsageError is a mistake in the command line: exit status 2.
type UsageError struct{ Err error }

func (e UsageError) Error() string { return e.Err.Error() }
func (e UsageError) Unwrap() error { return e.Err }

// Usagef returns a UsageError of the formatted message.
func Usagef(format string, args ...any) error { return UsageError{fmt.Errorf(format, args...)} }

// ErrHelp reports that help was printed as asked: exit status 0.
var ErrHelp = errors.New("help requested")

// ErrReported is a usage error the flag package has already printed.
var ErrReported = errors.New("bad flags")

// Code prints err, if any, after the command's name and maps it to the
// exit status; a usage error is followed by where to find the usage.
func Code(name string, err error, stderr io.Writer) int {
	var ue UsageError
	switch {
	case err == nil, errors.Is(err, ErrHelp):
		return 0
	case errors.Is(err, ErrReported):
		return 2
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "%s: %v\nRun '%s -h' for usage.\n", name, err, name)
		return 2
	default:
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
}
