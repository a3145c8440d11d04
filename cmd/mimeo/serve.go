package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/cliflags"
	"github.com/mimeo-dedup/mimeo/internal/serve"
)

type serveFlags struct {
	match         matchFlags
	create        bool
	listen        string
	tokenFile     string
	insecure      bool
	tlsCert       string
	tlsKey        string
	readOnly      bool
	flushInterval time.Duration
	flushEvery    int
	maxBody       int64
	maxBatch      int
	maxText       int64
	maxConcurrent int
	grace         time.Duration
	logLevel      string
	own           map[string]bool // serve's own flags: the others are the recipe's
}

func (f *serveFlags) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&f.listen, "listen", "127.0.0.1:8080", "`ADDRESS` to listen on: host:port, or the path of a Unix socket (one with a /), which must not exist")
	fs.BoolVar(&f.create, "create", false, "create the index in DIR if it holds none, with the recipe and match flags below (as 'mimeo index build' takes them)")
	fs.StringVar(&f.tokenFile, "token-file", "", "`FILE` of bearer tokens, one a line ('#' comments): a request to /v1 or /metrics must carry one (Authorization: Bearer TOKEN); without it only loopback and Unix socket clients are served")
	fs.BoolVar(&f.insecure, "insecure-no-auth", false, "without --token-file, serve every client, not only loopback ones")
	fs.StringVar(&f.tlsCert, "tls-cert", "", "serve HTTPS with this certificate `FILE` (PEM; with --tls-key)")
	fs.StringVar(&f.tlsKey, "tls-key", "", "the certificate's private key `FILE` (PEM)")
	fs.BoolVar(&f.readOnly, "read-only", false, "open the index read-only: checks and queries only (add, delete, flush and compact are refused)")
	fs.DurationVar(&f.flushInterval, "flush-interval", time.Second, "make the documents added durable this often (0: only --flush-every, requests that ask and shutdown)")
	fs.IntVar(&f.flushEvery, "flush-every", 10000, "make the documents added durable once this many are pending (0: no bound)")
	f.maxBody = serve.DefaultMaxBody
	fs.Var(cliflags.SizeValue{N: &f.maxBody}, "max-body", "largest request body")
	fs.IntVar(&f.maxBatch, "max-batch", serve.DefaultMaxBatch, "most documents a request")
	f.maxText = serve.DefaultMaxText
	fs.Var(cliflags.SizeValue{N: &f.maxText}, "max-text", "largest text or HTML of a document")
	fs.IntVar(&f.maxConcurrent, "max-concurrent", serve.DefaultMaxConcurrent, "requests served at once; more are refused with 429")
	fs.DurationVar(&f.grace, "shutdown-grace", 30*time.Second, "on SIGINT or SIGTERM, how long requests in flight may take to finish (a second signal exits at once)")
	fs.StringVar(&f.logLevel, "log-level", "info", "access log on standard error, one JSON line a request: debug, info, warn, error or off")
	f.own = map[string]bool{"help": true}
	fs.VisitAll(func(fl *pflag.Flag) { f.own[fl.Name] = true })
	// The recipe and match flags, for --create; the input flags do not
	// apply (a request carries its documents).
	all := pflag.NewFlagSet("", pflag.ContinueOnError)
	f.match.AddFlags(all)
	all.VisitAll(func(fl *pflag.Flag) {
		if !slices.Contains(inputFlagNames, fl.Name) {
			fs.AddFlag(fl)
		}
	})
}

const serveUsage = `Usage: mimeo serve [flags] DIR

Serves the index in DIR over HTTP and JSON until SIGINT or SIGTERM, for
crawlers in any language: "have I already seen this story?" with the
answers of the library (index.Index.CheckAndAdd).

  POST /v1/check      {"documents": [{"id", "text" | "html", "url", "date"}],
                       "add": true, "durable": true, "limit": N}
                      each page's matches, strongest first; with "add",
                      each new page is added in the same step (of requests
                      carrying the same new story at once, exactly one is
                      told it is new)
  POST /v1/query      the same without adding
  POST /v1/add        add documents, seen or not
  GET|DELETE /v1/docs/{id}, GET /v1/stats, POST /v1/flush, POST /v1/compact
  GET /healthz, /readyz, /metrics (Prometheus), /v1/openapi.json

On a signal the server stops taking requests, lets those in flight finish,
flushes the index and exits 0; a second signal exits at once. Refusals are
4xx JSON errors: {"error": {"code", "message"}}.

Flags:
`

func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var f serveFlags
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	f.AddFlags(fs)
	if err := parseFlags(fs, args, serveUsage, stdout); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("serve: want one index directory, got %d arguments", fs.NArg())
	}
	dir := fs.Arg(0)
	var level slog.Level
	switch f.logLevel {
	case "debug":
		level = slog.LevelDebug
	case "info":
		level = slog.LevelInfo
	case "warn":
		level = slog.LevelWarn
	case "error":
		level = slog.LevelError
	case "off":
	default:
		return usagef("serve: --log-level %q: want debug, info, warn, error or off", f.logLevel)
	}
	switch {
	case (f.tlsCert == "") != (f.tlsKey == ""):
		return usagef("serve: --tls-cert and --tls-key go together")
	case f.flushInterval < 0 || f.flushEvery < 0:
		return usagef("serve: --flush-interval and --flush-every want 0 or more")
	case f.maxBody < 1 || f.maxBatch < 1 || f.maxText < 1 || f.maxConcurrent < 1:
		return usagef("serve: --max-body, --max-batch, --max-text and --max-concurrent want 1 or more")
	case f.grace < 0:
		return usagef("serve: --shutdown-grace wants 0 or more")
	case f.tokenFile != "" && f.insecure:
		return usagef("serve: --insecure-no-auth and --token-file contradict each other")
	case f.create && f.readOnly:
		return usagef("serve: --create and --read-only contradict each other")
	}
	var recipe []string
	fs.Visit(func(fl *pflag.Flag) {
		if !f.own[fl.Name] {
			recipe = append(recipe, "--"+fl.Name)
		}
	})
	cfg, err := f.match.Config()
	if err != nil {
		return err
	}
	if len(recipe) > 0 && !f.create {
		return usagef("serve: %s: only with --create (an index keeps the options it was built with)", strings.Join(recipe, ", "))
	}
	var tokens []string
	if f.tokenFile != "" {
		b, err := os.ReadFile(f.tokenFile)
		if err != nil {
			return fmt.Errorf("serve: --token-file: %w", err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
				tokens = append(tokens, t)
			}
		}
		if len(tokens) == 0 {
			return fmt.Errorf("serve: --token-file %s holds no token", f.tokenFile)
		}
	}

	if f.tlsCert != "" { // a bad certificate is said before anything is opened
		if _, err := tls.LoadX509KeyPair(f.tlsCert, f.tlsKey); err != nil {
			return fmt.Errorf("serve: --tls-cert, --tls-key: %w", err)
		}
	}
	x, err := openServed(dir, f.create, len(recipe) > 0, f.readOnly, cfg.Dedup)
	if err != nil {
		return err
	}
	defer x.Close()
	network := "tcp"
	if strings.Contains(f.listen, "/") {
		network = "unix"
		if _, err := os.Lstat(f.listen); err == nil {
			return fmt.Errorf("serve: --listen %s: the path exists (a server's socket left behind? remove it first)", f.listen)
		}
	}
	l, err := net.Listen(network, f.listen)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	var logger *slog.Logger
	if f.logLevel != "off" {
		logger = slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))
		logger.Info("serving", slog.String("index", dir), slog.String("listen", l.Addr().String()),
			slog.Int("documents", x.Stats().Documents), slog.Bool("auth", len(tokens) > 0), slog.Bool("read_only", f.readOnly))
	}
	s := serve.New(x, serve.Config{
		Tokens: tokens, Insecure: f.insecure, ReadOnly: f.readOnly,
		FlushInterval: f.flushInterval, FlushEvery: f.flushEvery,
		MaxBodyBytes: f.maxBody, MaxBatch: f.maxBatch, MaxTextBytes: int(min(f.maxText, 1<<40)), MaxConcurrent: f.maxConcurrent,
		Log: logger,
	})
	if err := s.Serve(ctx, l, f.tlsCert, f.tlsKey, f.grace); err != nil {
		return afterSignal{fmt.Errorf("serve: %w", err)}
	}
	if logger != nil {
		logger.Info("stopped", slog.Int("documents", x.Stats().Documents))
	}
	return x.Close()
}

// openServed opens the index in dir: read-only, with its own options, or
// created with o when it holds none and create is set.
func openServed(dir string, create, recipe, readOnly bool, o index.Options) (*index.Index, error) {
	if readOnly {
		x, err := index.OpenReadOnly(dir)
		if err != nil {
			return nil, indexErr("serve", dir, err)
		}
		return x, nil
	}
	stored, err := index.ReadOptions(dir)
	switch {
	case err == nil && recipe:
		return nil, usagef("serve: %s holds an index: it keeps the options it was built with (leave the recipe flags out)", dir)
	case err == nil:
		x, err := index.Open(dir, stored)
		if err != nil {
			return nil, indexErr("serve", dir, err)
		}
		return x, nil
	case !create:
		return nil, fmt.Errorf("serve: %s: %w (give --create to make a new index there)", dir, err)
	}
	x, err := index.Create(dir, o)
	if errors.Is(err, index.ErrExist) {
		return nil, fmt.Errorf("serve: %s: %w", dir, err)
	}
	if err != nil {
		return nil, indexErr("serve", dir, err)
	}
	return x, nil
}
