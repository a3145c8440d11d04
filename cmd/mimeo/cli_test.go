package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

func TestSuggest(t *testing.T) {
	cmds := names(commands())
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"scna", "scan"}, {"sacn", "scan"}, {"scan2", "scan"}, {"ind", "index"}, {"indx", "index"},
		{"expalin", "explain"}, {"verison", "version"}, {"Scan", "scan"}, {"frobnicate", ""}, {"x", ""},
	} {
		got := suggest(tc.in, cmds)
		if tc.want == "" && len(got) > 0 || tc.want != "" && (len(got) == 0 || got[0] != tc.want) {
			t.Errorf("suggest(%q) = %v, want %q first", tc.in, got, tc.want)
		}
	}
	if got := suggest("biuld", names(indexSubcommands())); len(got) == 0 || got[0] != "build" {
		t.Errorf("biuld: %v", got)
	}
	if d := editDistance("kitten", "sitting"); d != 3 {
		t.Errorf("editDistance = %d, want 3", d)
	}
}

func TestCLIHabits(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{"typo", []string{"scna"}, 2, nil, []string{`unknown command "scna"; did you mean "scan"?`}},
		{"far typo", []string{"frobnicate"}, 2, nil, []string{`unknown command "frobnicate"`}},
		{"index typo", []string{"index", "qeury"}, 2, nil, []string{`did you mean "query"?`}},
		{"help typo", []string{"help", "scann"}, 2, nil, []string{`did you mean "scan"?`}},
		{"help index build", []string{"help", "index", "build"}, 0, []string{"Usage: mimeo index build", "--flush-every"}, nil},
		{"help index", []string{"help", "index"}, 0, []string{"Usage: mimeo index SUBCOMMAND", "compact"}, nil},
		{"help scan", []string{"help", "scan"}, 0, []string{"Usage: mimeo scan", ".parquet", ".csv", "--dedup-output"}, nil},
		{"version", []string{"version"}, 0, []string{"mimeo ", runtime.Version(), runtime.GOOS + "/" + runtime.GOARCH}, nil},
		{"--version", []string{"--version"}, 0, []string{"mimeo ", runtime.Version()}, nil},
		{"version args", []string{"version", "x"}, 2, nil, []string{"no arguments"}},
		{"completion none", []string{"completion"}, 2, nil, []string{"want one shell"}},
		{"completion typo", []string{"completion", "bsh"}, 2, nil, []string{`did you mean "bash"?`}},
		{"completion fish", []string{"completion", "fish"}, 0, []string{"complete -c mimeo", "-l dedup-output"}, nil},
		{"completion zsh", []string{"completion", "zsh"}, 0, []string{"bashcompinit", "complete -o default"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkCLI(t, runCLI(t, "", tc.args...), tc.code, tc.stdout, tc.stderr, nil)
		})
	}
}

// TestVersionStamp: a release build's -X main.version shows.
func TestVersionStamp(t *testing.T) {
	old := version
	defer func() { version = old }()
	version = "v9.8.7"
	if s := versionString(); !strings.HasPrefix(s, "mimeo v9.8.7") {
		t.Errorf("%q", s)
	}
}

// TestCompletionFlags: the flags completion reads from --help are every
// flag the command defines.
func TestCompletionFlags(t *testing.T) {
	var f scanFlags
	fs := pflag.NewFlagSet("scan", pflag.ContinueOnError)
	f.AddFlags(fs)
	var want []string
	fs.VisitAll(func(fl *pflag.Flag) { want = append(want, fl.Name) })
	var got []string
	for _, c := range completionCommands() {
		if slices.Equal(c.path, []string{"scan"}) {
			for _, fl := range c.flags {
				got = append(got, fl.long)
				if fl.long == "output" && fl.short != "o" || fl.long == "threshold" && !fl.takesValue || fl.long == "pairs" && fl.takesValue {
					t.Errorf("flag %+v misread", fl)
				}
			}
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("completion has %v\nthe flag set %v", got, want)
	}
}

// TestCompletionBash runs the bash script's completion function.
func TestCompletionBash(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	script := filepath.Join(t.TempDir(), "mimeo.bash")
	res := runCLI(t, "", "completion", "bash")
	if res.code != 0 {
		t.Fatal(res.stderr)
	}
	if err := os.WriteFile(script, []byte(res.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		words string
		want  []string
	}{
		{"mimeo sc", []string{"scan"}},
		{"mimeo i", []string{"index"}},
		{"mimeo index b", []string{"build"}},
		{"mimeo index build --flush", []string{"--flush-every"}},
		{"mimeo scan --dedup", []string{"--dedup-output"}},
		{"mimeo scan --text-f", []string{"--text-field"}},
		{"mimeo help index c", []string{"compact"}},
		{"mimeo completion f", []string{"fish"}},
		{"mimeo eval --tr", []string{"--truth"}},
	} {
		words := strings.Fields(tc.words)
		cmd := exec.Command(bash, "--norc", "--noprofile", "-c",
			`source "$0"; COMP_WORDS=(`+strings.Join(words, " ")+`); COMP_CWORD=`+strconv.Itoa(len(words)-1)+`; _mimeo; echo "${COMPREPLY[*]}"`, script)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", tc.words, err, out)
		}
		if got := strings.Fields(string(out)); !slices.Equal(got, tc.want) {
			t.Errorf("%q completes to %q, want %q", tc.words, got, tc.want)
		}
	}
	for _, sh := range []string{"zsh", "fish"} {
		p, err := exec.LookPath(sh)
		if err != nil {
			continue // not installed here: the scripts' content is checked above
		}
		s := filepath.Join(t.TempDir(), "mimeo."+sh)
		os.WriteFile(s, []byte(runCLI(t, "", "completion", sh).stdout), 0o644)
		if out, err := exec.Command(p, "-n", s).CombinedOutput(); err != nil {
			t.Errorf("%s -n: %v\n%s", sh, err, out)
		}
	}
}
