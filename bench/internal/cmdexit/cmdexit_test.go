package cmdexit

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestCode(t *testing.T) {
	for _, tc := range []struct {
		err  error
		code int
		out  string
	}{
		{nil, 0, ""},
		{ErrHelp, 0, ""},
		{fmt.Errorf("parsing: %w", ErrReported), 2, ""},
		{Usagef("-n %d: want at least 1", 0), 2, "tool: -n 0: want at least 1\nRun 'tool -h' for usage.\n"},
		{fmt.Errorf("flags: %w", UsageError{errors.New("bad")}), 2, "Run 'tool -h'"},
		{errors.New("disk full"), 1, "tool: disk full\n"},
	} {
		var b bytes.Buffer
		if got := Code("tool", tc.err, &b); got != tc.code || !strings.Contains(b.String(), tc.out) || tc.out == "" && b.Len() > 0 {
			t.Errorf("%v: exit %d, printed %q; want %d and %q", tc.err, got, b.String(), tc.code, tc.out)
		}
	}
}
