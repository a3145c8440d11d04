// Package serve is mimeo serve: the persistent index (package index) over
// HTTP and JSON, for crawlers in any language. It is a thin layer: every
// answer is the library's (Index.CheckAndAdd, Get, Delete, Flush,
// Compact, Stats); what it adds is the protocol — routes, limits,
// authentication, durability on request, metrics and an access log.
package serve

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mimeo-dedup/mimeo/index"
)

// Config configures a Server.
type Config struct {
	// Tokens are the bearer tokens a request may carry. Without any,
	// only loopback clients (and Unix socket ones) are served, unless
	// Insecure.
	Tokens   []string
	Insecure bool
	ReadOnly bool // refuse what would change the index
	// Durability: every FlushInterval (0: never on a timer) and once
	// FlushEvery documents are pending (0: no bound), the index is
	// flushed; a request with "durable": true is answered once its
	// documents are.
	FlushInterval time.Duration
	FlushEvery    int
	// Limits; 0 takes the default.
	MaxBodyBytes  int64 // DefaultMaxBody
	MaxBatch      int   // documents a request, DefaultMaxBatch
	MaxTextBytes  int   // a document's text or HTML, DefaultMaxText
	MaxConcurrent int   // requests at once before 429, DefaultMaxConcurrent
	// Log receives one record a request (nil: none).
	Log *slog.Logger
}

// Defaults of Config's limits.
const (
	DefaultMaxBody       = 32 << 20
	DefaultMaxBatch      = 1000
	DefaultMaxText       = 8 << 20
	DefaultMaxConcurrent = 256
)

// Server serves one index.
type Server struct {
	x       *index.Index
	cfg     Config
	mux     *http.ServeMux
	slots   chan struct{}
	metrics metrics

	// mu guards closing and the start of background work: once closing
	// is set, no compaction starts and Serve may wait for bg.
	mu         sync.Mutex
	closing    atomic.Bool
	inflight   sync.WaitGroup // handlers running
	bg         sync.WaitGroup // a compaction in the background
	bgCtx      context.Context
	bgCancel   context.CancelFunc
	compacting atomic.Bool
	// dirty tells that something not counted as pending (a deletion)
	// awaits a flush; kick asks the flusher for one (--flush-every).
	dirty atomic.Bool
	kick  chan struct{}
}

// New returns a server of x, which the caller closes after Serve returns.
func New(x *index.Index, cfg Config) *Server {
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBody
	}
	if cfg.MaxBatch <= 0 {
		cfg.MaxBatch = DefaultMaxBatch
	}
	if cfg.MaxTextBytes <= 0 {
		cfg.MaxTextBytes = DefaultMaxText
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = DefaultMaxConcurrent
	}
	s := &Server{x: x, cfg: cfg, mux: http.NewServeMux(), slots: make(chan struct{}, cfg.MaxConcurrent), kick: make(chan struct{}, 1)}
	s.bgCtx, s.bgCancel = context.WithCancel(context.Background())
	s.metrics.init()
	s.route("POST /v1/check", "check", s.check)
	s.route("POST /v1/query", "query", s.query)
	s.route("POST /v1/add", "add", s.add)
	s.route("GET /v1/docs/{id}", "get", s.getDoc)
	s.route("DELETE /v1/docs/{id}", "delete", s.deleteDoc)
	s.route("GET /v1/stats", "stats", s.stats)
	s.route("POST /v1/flush", "flush", s.flush)
	s.route("POST /v1/compact", "compact", s.compact)
	s.route("GET /v1/openapi.json", "openapi", s.openapi)
	s.route("GET /metrics", "metrics", s.serveMetrics)
	s.route("GET /healthz", "healthz", func(w http.ResponseWriter, r *http.Request) error {
		return writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.route("GET /readyz", "readyz", func(w http.ResponseWriter, r *http.Request) error {
		if s.closing.Load() {
			return apiError{http.StatusServiceUnavailable, "shutting_down", "the server is shutting down"}
		}
		return writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	return s
}

// ServeHTTP routes r; what no route takes — an unknown path (404), a
// known one with another method (405, with Allow) — is answered as every
// refusal is, in JSON.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h, pattern := s.mux.Handler(r)
	if pattern != "" {
		s.mux.ServeHTTP(w, r) // a route, or the mux's redirect to a clean path
		return
	}
	start := time.Now()
	probe := &headerProbe{header: http.Header{}}
	h.ServeHTTP(probe, r) // the mux's own answer, for its status and Allow
	err := apiError{http.StatusNotFound, "not_found", fmt.Sprintf("no route %s %s", r.Method, r.URL.Path)}
	if probe.status == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", probe.header.Get("Allow"))
		err = apiError{http.StatusMethodNotAllowed, "method_not_allowed", fmt.Sprintf("%s %s: the route takes %s", r.Method, r.URL.Path, probe.header.Get("Allow"))}
	}
	s.finish(w, r, "unknown", start, err)
}

// headerProbe records the status and headers a handler writes, and drops
// its body.
type headerProbe struct {
	header http.Header
	status int
}

func (p *headerProbe) Header() http.Header { return p.header }
func (p *headerProbe) WriteHeader(code int) {
	if p.status == 0 {
		p.status = code
	}
}
func (p *headerProbe) Write(b []byte) (int, error) {
	p.WriteHeader(http.StatusOK)
	return len(b), nil
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s }

// apiError is a refusal or failure, written as {"error": {"code",
// "message"}} with its status.
type apiError struct {
	status        int
	code, message string
}

func (e apiError) Error() string { return e.code + ": " + e.message }

// open routes need no token: a load balancer's probes. unlimited ones
// are answered beyond MaxConcurrent: the probes and the metrics, which
// tell an operator why the server is busy.
var (
	open      = map[string]bool{"healthz": true, "readyz": true}
	unlimited = map[string]bool{"healthz": true, "readyz": true, "metrics": true}
)

// route registers h for pattern, with authentication, the concurrency
// limit, metrics and the access log around it.
func (s *Server) route(pattern, name string, h func(http.ResponseWriter, *http.Request) error) {
	s.mux.HandleFunc(pattern, func(rw http.ResponseWriter, r *http.Request) {
		s.inflight.Add(1)
		defer s.inflight.Done()
		start := time.Now()
		w := &statusWriter{ResponseWriter: rw, status: http.StatusOK}
		if !open[name] {
			if err := s.authorize(r); err != nil {
				s.finish(w, r, name, start, err)
				return
			}
		}
		if !unlimited[name] {
			select {
			case s.slots <- struct{}{}:
				defer func() { <-s.slots }()
			default:
				w.Header().Set("Retry-After", "1")
				s.finish(w, r, name, start, apiError{http.StatusTooManyRequests, "too_many_requests", fmt.Sprintf("more than %d requests at once", s.cfg.MaxConcurrent)})
				return
			}
		}
		s.finish(w, r, name, start, h(w, r))
	})
}

// finish writes err if there is one, and counts and logs the request.
func (s *Server) finish(w http.ResponseWriter, r *http.Request, name string, start time.Time, err error) {
	status := http.StatusOK
	sw, _ := w.(*statusWriter)
	if err != nil && (sw == nil || !sw.wrote) {
		var ae apiError
		if !errors.As(err, &ae) {
			// The detail (paths of the server's files) goes to the
			// log, not to the client.
			ae = apiError{http.StatusInternalServerError, "internal", "the index failed to answer; the server's log says why"}
		}
		status = ae.status
		writeJSON(w, ae.status, map[string]any{"error": map[string]string{"code": ae.code, "message": ae.message}})
	} else if sw != nil {
		status = sw.status
	}
	d := time.Since(start)
	s.metrics.observe(name, status, d)
	if s.cfg.Log != nil {
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		} else if status >= 400 {
			level = slog.LevelWarn
		}
		attrs := []slog.Attr{slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("route", name),
			slog.Int("status", status), slog.Float64("ms", float64(d.Microseconds())/1000), slog.String("remote", r.RemoteAddr)}
		if err != nil {
			attrs = append(attrs, slog.String("error", err.Error()))
		}
		s.cfg.Log.LogAttrs(r.Context(), level, "request", attrs...)
	}
}

// authorize checks the bearer token, or without tokens the client's
// address.
func (s *Server) authorize(r *http.Request) error {
	if len(s.cfg.Tokens) == 0 {
		if s.cfg.Insecure || local(r.RemoteAddr) {
			return nil
		}
		return apiError{http.StatusForbidden, "forbidden", "without --token-file only loopback clients are served"}
	}
	scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return apiError{http.StatusUnauthorized, "unauthorized", "a bearer token is required (Authorization: Bearer TOKEN)"}
	}
	// Digests of equal length compared, every token: the time tells
	// neither a token nor its length.
	got := sha256.Sum256([]byte(strings.TrimSpace(tok)))
	match := 0
	for _, t := range s.cfg.Tokens {
		want := sha256.Sum256([]byte(t))
		match |= subtle.ConstantTimeCompare(got[:], want[:])
	}
	if match != 1 {
		return apiError{http.StatusUnauthorized, "unauthorized", "unknown token"}
	}
	return nil
}

// local tells a loopback or Unix socket client.
func local(remote string) bool {
	if remote == "" || remote == "@" {
		return true // a Unix socket
	}
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Serve answers requests on l until ctx ends, then stops taking new ones,
// lets those in flight finish (up to grace, after which their connections
// are closed and they are waited for), stops a compaction under way and
// flushes the index. certFile and keyFile, if set, serve TLS.
func (s *Server) Serve(ctx context.Context, l net.Listener, certFile, keyFile string, grace time.Duration) error {
	defer l.Close() // also when ServeTLS fails at once
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
	if s.cfg.Log != nil { // the server's own complaints (TLS handshakes, bad requests) as log records too
		srv.ErrorLog = slog.NewLogLogger(s.cfg.Log.Handler(), slog.LevelWarn)
	} else {
		srv.ErrorLog = log.New(io.Discard, "", 0)
	}
	done := make(chan error, 1)
	go func() {
		if certFile != "" {
			done <- srv.ServeTLS(l, certFile, keyFile)
		} else {
			done <- srv.Serve(l)
		}
	}()
	stopFlusher := s.flusher()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		s.mu.Lock()
		s.closing.Store(true)
		s.mu.Unlock()
		sctx, cancel := context.WithTimeout(context.Background(), grace)
		err = srv.Shutdown(sctx)
		cancel()
		if err != nil {
			srv.Close() // the grace is over: cut the requests still running
			err = fmt.Errorf("requests still running after %v were cut short", grace)
		}
		<-done
	}
	s.mu.Lock()
	s.closing.Store(true)
	s.mu.Unlock()
	s.inflight.Wait()
	s.bgCancel()
	s.bg.Wait()
	stopFlusher()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	if !s.cfg.ReadOnly {
		if ferr := s.flushNow(context.Background()); err == nil {
			err = ferr
		}
	}
	return err
}

// flusher flushes every FlushInterval, and when kicked (FlushEvery), while
// something awaits a flush.
func (s *Server) flusher() (stop func()) {
	if s.cfg.ReadOnly {
		return func() {}
	}
	var tick <-chan time.Time
	ticker := time.NewTicker(time.Hour)
	if s.cfg.FlushInterval > 0 {
		ticker.Reset(s.cfg.FlushInterval)
		tick = ticker.C
	}
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-tick:
			case <-s.kick:
			case <-quit:
				return
			}
			if s.x.Stats().Pending > 0 || s.dirty.Load() {
				if err := s.flushNow(s.bgCtx); err != nil && s.cfg.Log != nil {
					s.cfg.Log.Error("flush", slog.String("error", err.Error()))
				}
			}
		}
	}()
	return func() { ticker.Stop(); close(quit); wg.Wait() }
}

// flushNow flushes the index (which takes one writer at a time) and times
// it.
func (s *Server) flushNow(ctx context.Context) error {
	start := time.Now()
	dirty := s.dirty.Swap(false)
	err := s.x.FlushContext(ctx)
	if err != nil && dirty {
		s.dirty.Store(true)
	}
	s.metrics.flushed(time.Since(start))
	return err
}

// docIn is a document of a request.
type docIn struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	HTML string `json:"html"`
	URL  string `json:"url"`
	Date string `json:"date"`
}

type batchIn struct {
	Documents []docIn `json:"documents"`
	Add       bool    `json:"add"`
	Durable   bool    `json:"durable"`
	Limit     int     `json:"limit"`
}

// decode reads a JSON request body into v within the limits.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return apiError{http.StatusUnsupportedMediaType, "unsupported_media_type", fmt.Sprintf("Content-Type %q: want application/json", ct)}
		}
	}
	body := http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return apiError{http.StatusRequestEntityTooLarge, "body_too_large", fmt.Sprintf("the body is larger than %d bytes", s.cfg.MaxBodyBytes)}
		}
		if errors.Is(err, io.EOF) {
			return apiError{http.StatusBadRequest, "bad_json", "an empty body: want a JSON object"}
		}
		return apiError{http.StatusBadRequest, "bad_json", err.Error()}
	}
	if _, err := dec.Token(); err != io.EOF {
		return apiError{http.StatusBadRequest, "bad_json", "more than one JSON value in the body"}
	}
	return nil
}

// batch decodes and checks a request of documents; needID requires ids.
func (s *Server) batch(w http.ResponseWriter, r *http.Request, needID bool) (batchIn, error) {
	var in batchIn
	if err := s.decode(w, r, &in); err != nil {
		return in, err
	}
	switch {
	case len(in.Documents) == 0:
		return in, apiError{http.StatusBadRequest, "no_documents", `"documents" is empty or missing`}
	case len(in.Documents) > s.cfg.MaxBatch:
		return in, apiError{http.StatusRequestEntityTooLarge, "batch_too_large", fmt.Sprintf("%d documents: at most %d a request", len(in.Documents), s.cfg.MaxBatch)}
	case in.Limit < 0:
		return in, apiError{http.StatusBadRequest, "bad_limit", fmt.Sprintf(`"limit" %d: want 0 (all) or more`, in.Limit)}
	}
	for i, d := range in.Documents {
		switch {
		case needID && d.ID == "":
			return in, apiError{http.StatusBadRequest, "missing_id", fmt.Sprintf("document %d has no id", i)}
		case (d.Text == "") == (d.HTML == ""):
			return in, apiError{http.StatusBadRequest, "missing_text", fmt.Sprintf("document %d (%q): give exactly one of text and html", i, d.ID)}
		case len(d.Text) > s.cfg.MaxTextBytes || len(d.HTML) > s.cfg.MaxTextBytes:
			return in, apiError{http.StatusRequestEntityTooLarge, "text_too_large", fmt.Sprintf("document %d (%q): larger than %d bytes", i, d.ID, s.cfg.MaxTextBytes)}
		}
	}
	return in, nil
}

func (d docIn) doc() index.Doc {
	out := index.Doc{ID: d.ID, URL: d.URL, Date: d.Date}
	if d.Text != "" {
		out.Text = []byte(d.Text)
	} else {
		out.HTML = []byte(d.HTML)
	}
	return out
}

// matchOut is a hit in an answer.
type matchOut struct {
	ID          string  `json:"id"`
	URL         string  `json:"url,omitempty"`
	Date        string  `json:"date,omitempty"`
	Similarity  float64 `json:"similarity"`
	Containment float64 `json:"containment"`
	Contained   float64 `json:"contained"`
	Verified    bool    `json:"verified"`
	Seen        bool    `json:"seen"`
}

type resultOut struct {
	ID          string     `json:"id,omitempty"`
	Seen        bool       `json:"seen"`
	Added       bool       `json:"added"`
	Compilation bool       `json:"compilation"`
	Matches     []matchOut `json:"matches"`
}

// resultsOut is the answer of check and query (a struct: encoding a map
// sorts its keys).
type resultsOut struct {
	Results []resultOut `json:"results"`
}

// checkDocs answers each document of in, adding it as policy says.
func (s *Server) checkDocs(ctx context.Context, in batchIn, policy index.AddPolicy) ([]resultOut, int, error) {
	out := make([]resultOut, 0, len(in.Documents))
	added := 0
	for _, d := range in.Documents {
		res, err := s.x.CheckAndAdd(ctx, d.doc(), index.CheckOptions{Add: policy})
		if err != nil {
			if ctx.Err() != nil {
				return nil, added, apiError{http.StatusServiceUnavailable, "cancelled", "the request ended before it was answered"}
			}
			return nil, added, err
		}
		if res.Added {
			added++
		}
		out = append(out, result(d.ID, res, in.Limit))
	}
	return out, added, nil
}

// result is the answer on one page: its hits strongest first (the order
// of index.SeenResult.Hits: similarity, then containment of the page in
// the hit), those that make it seen marked.
func result(id string, r index.CheckResult, limit int) resultOut {
	seen := make(map[string]bool, len(r.Seen))
	for _, h := range r.Seen {
		seen[h.ID] = true
	}
	o := resultOut{ID: id, Seen: len(r.Seen) > 0, Added: r.Added, Compilation: r.Compilation, Matches: []matchOut{}}
	for i, h := range r.Hits {
		if limit > 0 && i >= limit {
			break
		}
		o.Matches = append(o.Matches, matchOut{ID: h.ID, URL: h.URL, Date: h.Date, Similarity: h.Similarity,
			Containment: h.Containment, Contained: h.Contained, Verified: h.Verified, Seen: seen[h.ID]})
	}
	return o
}

func (s *Server) writable() error {
	if s.cfg.ReadOnly {
		return apiError{http.StatusForbidden, "read_only", "the server is read-only (--read-only)"}
	}
	return nil
}

// afterAdd flushes when the request asks to be durable or FlushEvery
// documents are pending.
func (s *Server) afterAdd(ctx context.Context, durable bool, added int) error {
	if added == 0 {
		return nil
	}
	s.metrics.added.Add(int64(added))
	if durable {
		return s.flushNow(ctx)
	}
	if s.cfg.FlushEvery > 0 && s.x.Stats().Pending >= s.cfg.FlushEvery {
		select {
		case s.kick <- struct{}{}:
		default: // a flush is asked for already
		}
	}
	return nil
}

// check is POST /v1/check: have I seen these pages? With "add": true each
// page new to the index is added in the same step (Index.CheckAndAdd).
func (s *Server) check(w http.ResponseWriter, r *http.Request) error {
	in, err := s.batch(w, r, false)
	if err != nil {
		return err
	}
	policy := index.CheckOnly
	if in.Add {
		if err := s.writable(); err != nil {
			return err
		}
		for i, d := range in.Documents {
			if d.ID == "" {
				return apiError{http.StatusBadRequest, "missing_id", fmt.Sprintf("document %d has no id: one to add needs one", i)}
			}
		}
		policy = index.AddIfNew
	}
	res, added, err := s.checkDocs(r.Context(), in, policy)
	// A batch is not atomic: what was added before a failure stays, is
	// counted and made durable as asked.
	if ferr := s.afterAdd(context.WithoutCancel(r.Context()), in.Durable, added); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, resultsOut{res})
}

// query is POST /v1/query: check without adding.
func (s *Server) query(w http.ResponseWriter, r *http.Request) error {
	in, err := s.batch(w, r, false)
	if err != nil {
		return err
	}
	if in.Add || in.Durable {
		return apiError{http.StatusBadRequest, "bad_request", `"add" and "durable" belong to /v1/check; /v1/query adds nothing`}
	}
	res, _, err := s.checkDocs(r.Context(), in, index.CheckOnly)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, resultsOut{res})
}

// add is POST /v1/add: add every document, seen or not (an id the index
// holds is replaced: index.Index.Add).
func (s *Server) add(w http.ResponseWriter, r *http.Request) error {
	if err := s.writable(); err != nil {
		return err
	}
	in, err := s.batch(w, r, true)
	if err != nil {
		return err
	}
	if in.Add || in.Limit != 0 {
		return apiError{http.StatusBadRequest, "bad_request", `"add" and "limit" belong to /v1/check; /v1/add adds every document and answers no matches`}
	}
	added := 0
	for _, d := range in.Documents {
		if err = r.Context().Err(); err != nil {
			err = apiError{http.StatusServiceUnavailable, "cancelled", "the request ended before it was answered"}
			break
		}
		if err = s.x.Add(d.doc()); err != nil {
			break
		}
		added++
	}
	// Not atomic: what was added before a failure stays (see check).
	if ferr := s.afterAdd(context.WithoutCancel(r.Context()), in.Durable, added); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"added": added, "durable": in.Durable})
}

func (s *Server) getDoc(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	d, ok, err := s.x.Get(id)
	if err != nil {
		return err
	}
	if !ok {
		return apiError{http.StatusNotFound, "no_such_document", fmt.Sprintf("no document %q", id)}
	}
	return writeJSON(w, http.StatusOK, map[string]string{"id": d.ID, "url": d.URL, "date": d.Date})
}

func (s *Server) deleteDoc(w http.ResponseWriter, r *http.Request) error {
	if err := s.writable(); err != nil {
		return err
	}
	id := r.PathValue("id")
	ok, err := s.x.Contains(id)
	if err != nil {
		return err
	}
	if !ok {
		return apiError{http.StatusNotFound, "no_such_document", fmt.Sprintf("no document %q", id)}
	}
	if err := s.x.Delete(id); err != nil {
		return err
	}
	s.dirty.Store(true) // a deletion is not pending: the flusher is told
	durable := r.URL.Query().Get("durable") == "true"
	if durable {
		if err := s.flushNow(context.WithoutCancel(r.Context())); err != nil {
			return err
		}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"deleted": id, "durable": durable})
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) error {
	st := s.x.Stats()
	return writeJSON(w, http.StatusOK, map[string]any{
		"documents": st.Documents, "in_memory": st.InMemory, "pending": st.Pending, "segments": st.Segments,
		"deletions": st.Deletions, "file_bytes": st.FileBytes, "site_lines": st.SiteLines,
		"compacting": s.compacting.Load(), "read_only": s.cfg.ReadOnly,
	})
}

func (s *Server) flush(w http.ResponseWriter, r *http.Request) error {
	if err := s.writable(); err != nil {
		return err
	}
	if err := s.flushNow(r.Context()); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"flushed": true})
}

// compact is POST /v1/compact: starts merging the segments in the
// background (queries and checks go on) and answers 202.
func (s *Server) compact(w http.ResponseWriter, r *http.Request) error {
	if err := s.writable(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing.Load() {
		return apiError{http.StatusServiceUnavailable, "shutting_down", "the server is shutting down"}
	}
	if !s.compacting.CompareAndSwap(false, true) {
		return apiError{http.StatusConflict, "compaction_running", "a compaction is under way"}
	}
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		defer s.compacting.Store(false)
		start := time.Now()
		err := s.x.CompactContext(s.bgCtx) // stopped by a shutdown, recording nothing
		s.metrics.compacted(time.Since(start))
		if err != nil && s.cfg.Log != nil {
			s.cfg.Log.Error("compact", slog.String("error", err.Error()))
		}
	}()
	return writeJSON(w, http.StatusAccepted, map[string]any{"compacting": true})
}

// statusWriter remembers the status written, and that it was.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	w.status, w.wrote = code, true
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	return enc.Encode(v)
}
