package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
)

// version is the release's version, stamped by the release build
// (-ldflags "-X main.version=v1.2.3"); empty: the module version of
// debug.ReadBuildInfo ("(devel)" in a checkout).
var version string

// versionString describes this build: version, VCS revision and time, Go
// version and platform.
func versionString() string {
	v, rev, when, dirty := version, "", "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "mimeo %s", v)
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		fmt.Fprintf(&b, " (%s", rev)
		if when != "" {
			fmt.Fprintf(&b, ", %s", when)
		}
		if dirty {
			b.WriteString(", modified")
		}
		b.WriteString(")")
	}
	fmt.Fprintf(&b, " %s %s/%s", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return b.String()
}

func runVersion(_ context.Context, args []string, _ io.Reader, stdout, _ io.Writer) error {
	if len(args) > 0 {
		if args[0] == "-h" || args[0] == "--help" {
			fmt.Fprintln(stdout, "Usage: mimeo version\n\nPrints mimeo's version, the VCS revision it was built from, and the Go version and platform.")
			return errHelp
		}
		return usagef("version: no arguments expected, got %q", args[0])
	}
	fmt.Fprintln(stdout, versionString())
	return nil
}

// suggest returns the names close to a mistyped one: a prefix of it or it
// of them, or within two edits, nearest first.
func suggest(name string, names []string) []string {
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	for _, n := range names {
		d := editDistance(strings.ToLower(name), n)
		if len(name) >= 2 && (strings.HasPrefix(n, name) || strings.HasPrefix(name, n)) {
			d = min(d, 1)
		}
		if d <= 2 && d < len(n) {
			cs = append(cs, cand{n, d})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return a.d - b.d })
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.name
	}
	return out
}

// didYouMean is the hint after an unknown name: "" when none is close.
func didYouMean(name string, names []string) string {
	s := suggest(name, names)
	if len(s) == 0 {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", s[0])
}

// editDistance is the Damerau–Levenshtein distance (adjacent swaps count
// once) of two short strings.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range rb {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

func names(cs []command) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.name
	}
	return out
}

// compFlag is a flag as completions offer it.
type compFlag struct {
	long, short, usage string
	takesValue         bool
}

// compCommand is a command, or an index subcommand, with its flags.
type compCommand struct {
	path    []string // "scan"; "index", "build"
	summary string
	flags   []compFlag
}

var flagLine = regexp.MustCompile(`^\s+(?:-([A-Za-z0-9]), )?--([A-Za-z0-9][A-Za-z0-9-]*)(\[=[^\]]*\])?( \S+)?\s+(.*)$`)

// flagsOf returns a command's flags, read from its --help: the one place
// that lists them all.
func flagsOf(run func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error, args ...string) []compFlag {
	var out bytes.Buffer
	run(context.Background(), append(args, "--help"), strings.NewReader(""), &out, io.Discard)
	var fl []compFlag
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		m := flagLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		fl = append(fl, compFlag{long: m[2], short: m[1], usage: m[5], takesValue: m[4] != "" && m[3] == ""})
	}
	return fl
}

// completionCommands lists every command and index subcommand with its
// flags.
func completionCommands() []compCommand {
	var cs []compCommand
	for _, c := range commands() {
		switch c.name {
		case "index":
			cs = append(cs, compCommand{path: []string{"index"}, summary: c.summary})
			for _, s := range indexSubcommands() {
				cs = append(cs, compCommand{path: []string{"index", s.name}, summary: s.summary, flags: flagsOf(s.run)})
			}
		case "completion", "version":
			cs = append(cs, compCommand{path: []string{c.name}, summary: c.summary})
		default:
			cs = append(cs, compCommand{path: []string{c.name}, summary: c.summary, flags: flagsOf(c.run)})
		}
	}
	return cs
}

const completionUsage = `Usage: mimeo completion bash|zsh|fish

Prints a shell completion script for mimeo's commands, index subcommands and
flags (file names elsewhere). To use it:

  bash:  source <(mimeo completion bash)      (or save it in /etc/bash_completion.d/mimeo)
  zsh:   source <(mimeo completion zsh)       (in ~/.zshrc, after compinit)
  fish:  mimeo completion fish > ~/.config/fish/completions/mimeo.fish
`

func runCompletion(_ context.Context, args []string, _ io.Reader, stdout, _ io.Writer) error {
	if len(args) != 1 {
		return usagef("completion: want one shell: bash, zsh or fish")
	}
	w := bufio.NewWriter(stdout)
	switch args[0] {
	case "-h", "--help":
		fmt.Fprint(stdout, completionUsage)
		return errHelp
	case "bash":
		writeBash(w, completionCommands())
	case "zsh":
		fmt.Fprintln(w, "# zsh completion for mimeo: the bash completion through bashcompinit.")
		fmt.Fprintln(w, "autoload -U +X bashcompinit && bashcompinit")
		writeBash(w, completionCommands())
	case "fish":
		writeFish(w, completionCommands())
	default:
		return usagef("completion: unknown shell %q: want bash, zsh or fish%s", args[0], didYouMean(args[0], []string{"bash", "zsh", "fish"}))
	}
	return w.Flush()
}

func flagWords(fl []compFlag) string {
	var w []string
	for _, f := range fl {
		w = append(w, "--"+f.long)
		if f.short != "" {
			w = append(w, "-"+f.short)
		}
	}
	w = append(w, "--help")
	return strings.Join(w, " ")
}

func writeBash(w io.Writer, cs []compCommand) {
	var top, subs []string
	for _, c := range cs {
		if len(c.path) == 1 {
			top = append(top, c.path[0])
		} else {
			subs = append(subs, c.path[1])
		}
	}
	top = append(top, "help")
	fmt.Fprintf(w, `# bash completion for mimeo (mimeo completion bash)
_mimeo() {
	local cur="${COMP_WORDS[COMP_CWORD]}"
	local cmd="${COMP_WORDS[1]}" sub="${COMP_WORDS[2]}"
	local flags=""
	COMPREPLY=()
	if [[ $COMP_CWORD -eq 1 ]]; then
		COMPREPLY=($(compgen -W "%s --version --help" -- "$cur"))
		return
	fi
	case "$cmd" in
	help)
		if [[ $COMP_CWORD -eq 2 ]]; then COMPREPLY=($(compgen -W "%s" -- "$cur")); fi
		if [[ $COMP_CWORD -eq 3 && "$sub" == index ]]; then COMPREPLY=($(compgen -W "%s" -- "$cur")); fi
		return;;
	completion)
		if [[ $COMP_CWORD -eq 2 ]]; then COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); fi
		return;;
	version) return;;
	index)
		if [[ $COMP_CWORD -eq 2 ]]; then COMPREPLY=($(compgen -W "%s help" -- "$cur")); return; fi
		case "$sub" in
`, strings.Join(top, " "), strings.Join(top[:len(top)-1], " "), strings.Join(subs, " "), strings.Join(subs, " "))
	for _, c := range cs {
		if len(c.path) == 2 {
			fmt.Fprintf(w, "\t\t%s) flags=%q;;\n", c.path[1], flagWords(c.flags))
		}
	}
	fmt.Fprint(w, "\t\tesac;;\n")
	for _, c := range cs {
		if len(c.path) == 1 && c.flags != nil {
			fmt.Fprintf(w, "\t%s) flags=%q;;\n", c.path[0], flagWords(c.flags))
		}
	}
	fmt.Fprint(w, `	esac
	if [[ "$cur" == -* ]]; then
		COMPREPLY=($(compgen -W "$flags" -- "$cur"))
	fi
	# Otherwise (a flag's value, an input): file names, by -o default.
}
complete -o default -o bashdefault -F _mimeo mimeo
`)
}

func writeFish(w io.Writer, cs []compCommand) {
	fmt.Fprintln(w, "# fish completion for mimeo (mimeo completion fish)")
	var top []string
	for _, c := range cs {
		if len(c.path) == 1 {
			top = append(top, c.path[0])
		}
	}
	top = append(top, "help")
	fmt.Fprintf(w, "complete -c mimeo -f -n '__fish_use_subcommand' -l version -d 'print the version'\n")
	for _, c := range cs {
		if len(c.path) == 1 {
			fmt.Fprintf(w, "complete -c mimeo -f -n '__fish_use_subcommand' -a %s -d %s\n", c.path[0], fishQuote(c.summary))
		}
	}
	fmt.Fprintf(w, "complete -c mimeo -f -n '__fish_use_subcommand' -a help -d 'show help for a command'\n")
	fmt.Fprintf(w, "complete -c mimeo -f -n '__fish_seen_subcommand_from help' -a %s\n", fishQuote(strings.Join(top[:len(top)-1], " ")))
	fmt.Fprintf(w, "complete -c mimeo -f -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n")
	var subs []string
	for _, c := range cs {
		if len(c.path) == 2 {
			subs = append(subs, c.path[1])
		}
	}
	for _, c := range cs {
		if len(c.path) == 2 {
			fmt.Fprintf(w, "complete -c mimeo -f -n '__fish_seen_subcommand_from index; and not __fish_seen_subcommand_from %s' -a %s -d %s\n",
				strings.Join(subs, " "), c.path[1], fishQuote(c.summary))
		}
	}
	for _, c := range cs {
		cond := "__fish_seen_subcommand_from " + c.path[0]
		if len(c.path) == 2 {
			cond = "__fish_seen_subcommand_from index; and __fish_seen_subcommand_from " + c.path[1]
		}
		for _, f := range c.flags {
			fmt.Fprintf(w, "complete -c mimeo -n '%s' -l %s", cond, f.long)
			if f.short != "" {
				fmt.Fprintf(w, " -s %s", f.short)
			}
			if f.takesValue {
				fmt.Fprint(w, " -r")
			}
			fmt.Fprintf(w, " -d %s\n", fishQuote(firstSentence(f.usage)))
		}
	}
}

func fishQuote(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`) + "'"
}

// firstSentence shortens a flag's usage for a completion menu.
func firstSentence(s string) string {
	if i := strings.Index(s, " (default"); i > 0 {
		s = s[:i]
	}
	for _, sep := range []string{"; ", ": "} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}
