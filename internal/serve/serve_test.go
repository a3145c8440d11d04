package serve

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	crand "crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mimeo-dedup/mimeo/index"
)

var words = strings.Fields(`council budget river harbour minister election court
	festival museum railway hospital school farmers market storm bridge airport
	company workers union strike prices energy water police report inquiry season
	league coach players stadium village mayor plan housing roads trains ferry
	summer winter rain flood drought harvest fishing tourism visitors hotel`)

// story is a made-up article of paragraphs of sentences, the same for the
// same seed.
func story(seed uint64, paragraphs int) string {
	r := rand.New(rand.NewPCG(seed, 99))
	var b strings.Builder
	for range paragraphs {
		for range 3 {
			for k := range 14 {
				if k > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(words[r.IntN(len(words))])
			}
			b.WriteString(". ")
		}
		b.WriteString("\n")
	}
	return b.String()
}

type env struct {
	t      *testing.T
	x      *index.Index
	s      *Server
	url    string
	token  string
	cancel context.CancelFunc
	done   chan error
	dir    string
}

// start serves a new index in a temporary directory on a loopback port.
func start(t *testing.T, cfg Config) *env {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	x, err := index.Create(dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return serveIndex(t, x, dir, cfg)
}

func serveIndex(t *testing.T, x *index.Index, dir string, cfg Config) *env {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := New(x, cfg)
	ctx, cancel := context.WithCancel(context.Background())
	e := &env{t: t, x: x, s: s, url: "http://" + l.Addr().String(), cancel: cancel, done: make(chan error, 1), dir: dir}
	if len(cfg.Tokens) > 0 {
		e.token = cfg.Tokens[0]
	}
	go func() { e.done <- s.Serve(ctx, l, "", "", 5*time.Second) }()
	t.Cleanup(func() {
		e.stop()
		x.Close()
	})
	return e
}

// stop shuts the server down and returns Serve's error.
func (e *env) stop() error {
	e.cancel()
	if e.done == nil {
		return nil
	}
	err := <-e.done
	e.done = nil
	return err
}

// do sends a request and decodes the JSON answer.
func (e *env) do(method, path, contentType string, body []byte) (int, map[string]any) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.url+path, bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if e.token != "" {
		req.Header.Set("Authorization", "Bearer "+e.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	var out map[string]any
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(raw, &out); err != nil {
			e.t.Fatalf("%s %s: %d, not JSON: %q", method, path, resp.StatusCode, raw)
		}
	} else {
		out = map[string]any{"raw": string(raw)}
	}
	return resp.StatusCode, out
}

func (e *env) post(path string, v any) (int, map[string]any) {
	e.t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.do("POST", path, "application/json", b)
}

func errCode(out map[string]any) string {
	e, _ := out["error"].(map[string]any)
	c, _ := e["code"].(string)
	return c
}

// results returns the results of a check or query.
func results(t *testing.T, out map[string]any) []map[string]any {
	t.Helper()
	rs, ok := out["results"].([]any)
	if !ok {
		t.Fatalf("no results in %v", out)
	}
	var res []map[string]any
	for _, r := range rs {
		res = append(res, r.(map[string]any))
	}
	return res
}

type doc = map[string]any

// TestServeCheckQueryAdd: a story is new once, its copy is seen in it, a
// query adds nothing, an added document is found by id and deleted.
func TestServeCheckQueryAdd(t *testing.T) {
	e := start(t, Config{})
	a := story(1, 6)
	code, out := e.post("/v1/check", map[string]any{"documents": []doc{{"id": "a", "text": a, "url": "https://one.example/a"}}, "add": true})
	if code != 200 {
		t.Fatalf("check: %d %v", code, out)
	}
	r := results(t, out)[0]
	if r["seen"] != false || r["added"] != true {
		t.Fatalf("a new story: %v", r)
	}
	copyText := "A paragraph the local site wrote about the story for its readers here.\n" + a
	code, out = e.post("/v1/query", map[string]any{"documents": []doc{{"text": copyText}, {"text": story(2, 6)}}})
	if code != 200 {
		t.Fatalf("query: %d %v", code, out)
	}
	rs := results(t, out)
	ms, _ := rs[0]["matches"].([]any)
	if rs[0]["seen"] != true || len(ms) == 0 || ms[0].(map[string]any)["id"] != "a" || ms[0].(map[string]any)["seen"] != true {
		t.Fatalf("the copy: %v", rs[0])
	}
	if sim := ms[0].(map[string]any)["similarity"].(float64); sim < 0.5 || sim > 1 {
		t.Errorf("the copy's similarity %v", sim)
	}
	if rs[1]["seen"] != false || rs[1]["added"] != false {
		t.Fatalf("another story: %v", rs[1])
	}
	_, st := e.do("GET", "/v1/stats", "", nil)
	if st["documents"] != float64(1) {
		t.Fatalf("a query added documents: %v", st)
	}
	// The copy checked with add: seen, not added.
	_, out = e.post("/v1/check", map[string]any{"documents": []doc{{"id": "a-copy", "text": copyText}}, "add": true, "durable": true})
	if r := results(t, out)[0]; r["seen"] != true || r["added"] != false {
		t.Fatalf("the copy checked with add: %v", r)
	}
	// /v1/add adds whatever it is given.
	code, out = e.post("/v1/add", map[string]any{"documents": []doc{{"id": "b", "text": story(3, 4), "url": "https://two.example/b", "date": "2026-12-01"}}})
	if code != 200 || out["added"] != float64(1) {
		t.Fatalf("add: %d %v", code, out)
	}
	code, out = e.do("GET", "/v1/docs/b", "", nil)
	if code != 200 || out["url"] != "https://two.example/b" || out["date"] != "2026-12-01" {
		t.Fatalf("get b: %d %v", code, out)
	}
	if code, out = e.do("DELETE", "/v1/docs/b", "", nil); code != 200 {
		t.Fatalf("delete b: %d %v", code, out)
	}
	for _, m := range []string{"GET", "DELETE"} {
		if code, out = e.do(m, "/v1/docs/b", "", nil); code != 404 || errCode(out) != "no_such_document" {
			t.Errorf("%s of a deleted document: %d %v", m, code, out)
		}
	}
	if code, out = e.do("POST", "/v1/flush", "", nil); code != 200 {
		t.Fatalf("flush: %d %v", code, out)
	}
	if e.x.Stats().Pending != 0 {
		t.Errorf("%d documents pending after a flush", e.x.Stats().Pending)
	}
}

// TestServeRefusals: every refusal is a 4xx JSON error with a code.
func TestServeRefusals(t *testing.T) {
	e := start(t, Config{MaxBodyBytes: 4096, MaxBatch: 2, MaxTextBytes: 1000})
	good := func(n int) map[string]any {
		var ds []doc
		for i := range n {
			ds = append(ds, doc{"id": fmt.Sprint(i), "text": "some words of a page"})
		}
		return map[string]any{"documents": ds}
	}
	body, _ := json.Marshal(good(1))
	cases := []struct {
		name, method, path, ctype string
		body                      []byte
		status                    int
		code                      string
	}{
		{"bad JSON", "POST", "/v1/check", "application/json", []byte(`{"documents": [`), 400, "bad_json"},
		{"empty body", "POST", "/v1/check", "application/json", nil, 400, "bad_json"},
		{"two values", "POST", "/v1/check", "application/json", append(append([]byte{}, body...), body...), 400, "bad_json"},
		{"unknown field", "POST", "/v1/check", "application/json", []byte(`{"documents": [{"id": "x", "txt": "a"}]}`), 400, "bad_json"},
		{"wrong content type", "POST", "/v1/check", "text/plain", body, 415, "unsupported_media_type"},
		{"oversize body", "POST", "/v1/check", "application/json", []byte(`{"documents": [{"text": "` + strings.Repeat("a", 5000) + `"}]}`), 413, "body_too_large"},
		{"no documents", "POST", "/v1/query", "application/json", []byte(`{"documents": []}`), 400, "no_documents"},
		{"batch too large", "POST", "/v1/query", "application/json", mustJSON(good(3)), 413, "batch_too_large"},
		{"text too large", "POST", "/v1/query", "application/json", []byte(`{"documents": [{"text": "` + strings.Repeat("a ", 600) + `"}]}`), 413, "text_too_large"},
		{"text and html", "POST", "/v1/query", "application/json", []byte(`{"documents": [{"text": "a", "html": "<p>a</p>"}]}`), 400, "missing_text"},
		{"neither", "POST", "/v1/query", "application/json", []byte(`{"documents": [{"id": "a"}]}`), 400, "missing_text"},
		{"add without id", "POST", "/v1/check", "application/json", []byte(`{"documents": [{"text": "a b c"}], "add": true}`), 400, "missing_id"},
		{"add to /v1/add without id", "POST", "/v1/add", "application/json", []byte(`{"documents": [{"text": "a b c"}]}`), 400, "missing_id"},
		{"negative limit", "POST", "/v1/query", "application/json", []byte(`{"documents": [{"text": "a"}], "limit": -1}`), 400, "bad_limit"},
		{"trailing junk", "POST", "/v1/check", "application/json", append(append([]byte{}, body...), ']'), 400, "bad_json"},
		{"limit on add", "POST", "/v1/add", "application/json", []byte(`{"documents": [{"id": "a", "text": "a b"}], "limit": 2}`), 400, "bad_request"},
		{"durable on query", "POST", "/v1/query", "application/json", []byte(`{"documents": [{"text": "a b"}], "durable": true}`), 400, "bad_request"},
		{"unknown route", "GET", "/v2/check", "", nil, 404, "not_found"},
		{"wrong method", "GET", "/v1/check", "", nil, 405, "method_not_allowed"},
		{"wrong method on a document", "PUT", "/v1/docs/a", "", nil, 405, "method_not_allowed"},
	}
	for _, c := range cases {
		code, out := e.do(c.method, c.path, c.ctype, c.body)
		if code != c.status || errCode(out) != c.code {
			t.Errorf("%s: %d %v, want %d %s", c.name, code, out, c.status, c.code)
		}
		msg, _ := out["error"].(map[string]any)["message"].(string)
		if msg == "" {
			t.Errorf("%s: no message", c.name)
		}
	}
	if e.x.Stats().Documents != 0 {
		t.Errorf("refused requests added %d documents", e.x.Stats().Documents)
	}
	req := httptest.NewRequest("GET", "/v1/check", nil)
	req.RemoteAddr = "127.0.0.1:1"
	rec := httptest.NewRecorder()
	e.s.Handler().ServeHTTP(rec, req)
	if rec.Code != 405 || !strings.Contains(rec.Header().Get("Allow"), "POST") {
		t.Errorf("GET /v1/check: %d, Allow %q", rec.Code, rec.Header().Get("Allow"))
	}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// TestServeAuth: with tokens, /v1 and /metrics need one, the probes do
// not; without tokens, only loopback clients, unless insecure; a
// read-only server refuses changes.
func TestServeAuth(t *testing.T) {
	e := start(t, Config{Tokens: []string{"s3cret", "other"}})
	q := mustJSON(map[string]any{"documents": []doc{{"text": "a few words"}}})
	for _, tok := range []string{"", "wrong", "s3cre"} {
		e.token = tok
		if code, out := e.do("POST", "/v1/query", "application/json", q); code != 401 || errCode(out) != "unauthorized" {
			t.Errorf("token %q: %d %v", tok, code, out)
		}
		if code, _ := e.do("GET", "/metrics", "", nil); code != 401 {
			t.Errorf("metrics with token %q: %d", tok, code)
		}
		if code, _ := e.do("GET", "/healthz", "", nil); code != 200 {
			t.Errorf("healthz with token %q: %d", tok, code)
		}
	}
	for _, tok := range []string{"s3cret", "other"} {
		e.token = tok
		if code, out := e.do("POST", "/v1/query", "application/json", q); code != 200 {
			t.Errorf("token %q: %d %v", tok, code, out)
		}
	}
	// The scheme's case does not matter (RFC 7235).
	req := httptest.NewRequest("GET", "/v1/stats", nil)
	req.Header.Set("Authorization", "bearer s3cret")
	rec := httptest.NewRecorder()
	e.s.Handler().ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("bearer in lower case: %d", rec.Code)
	}
	// Without tokens, by the client's address.
	for _, c := range []struct {
		remote   string
		insecure bool
		want     int
	}{{"127.0.0.1:5000", false, 200}, {"[::1]:5000", false, 200}, {"", false, 200}, {"192.0.2.7:5000", false, 403}, {"192.0.2.7:5000", true, 200}} {
		s := New(e.x, Config{Insecure: c.insecure})
		req := httptest.NewRequest("GET", "/v1/stats", nil)
		req.RemoteAddr = c.remote
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code != c.want {
			t.Errorf("remote %q, insecure %v: %d, want %d", c.remote, c.insecure, rec.Code, c.want)
		}
	}
	ro := New(e.x, Config{ReadOnly: true})
	for _, c := range []struct{ method, path, body string }{
		{"POST", "/v1/add", `{"documents": [{"id": "x", "text": "a b"}]}`},
		{"POST", "/v1/check", `{"documents": [{"id": "x", "text": "a b"}], "add": true}`},
		{"DELETE", "/v1/docs/x", ""}, {"POST", "/v1/flush", ""}, {"POST", "/v1/compact", ""},
	} {
		req := httptest.NewRequest(c.method, c.path, strings.NewReader(c.body))
		req.RemoteAddr = "127.0.0.1:1"
		rec := httptest.NewRecorder()
		ro.Handler().ServeHTTP(rec, req)
		if rec.Code != 403 || !strings.Contains(rec.Body.String(), "read_only") {
			t.Errorf("read-only %s %s: %d %s", c.method, c.path, rec.Code, rec.Body)
		}
	}
}

// TestServeConcurrentCheckAndAdd: 32 clients check and add the same new
// story at once; exactly one is told it is new.
func TestServeConcurrentCheckAndAdd(t *testing.T) {
	e := start(t, Config{})
	text := story(7, 5)
	var wg sync.WaitGroup
	var mu sync.Mutex
	added, seen := 0, 0
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := mustJSON(map[string]any{"documents": []doc{{"id": fmt.Sprintf("c%d", i), "text": text}}, "add": true})
			resp, err := http.Post(e.url+"/v1/check", "application/json", bytes.NewReader(body))
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			var out struct {
				Results []struct{ Seen, Added bool }
			}
			if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 || len(out.Results) != 1 {
				t.Errorf("status %d, %v", resp.StatusCode, err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if out.Results[0].Added {
				added++
			}
			if out.Results[0].Seen {
				seen++
			}
		}()
	}
	wg.Wait()
	if added != 1 || seen != 31 {
		t.Fatalf("%d told new and added, %d seen; want 1 and 31", added, seen)
	}
	if n := e.x.Stats().Documents; n != 1 {
		t.Fatalf("%d documents in the index", n)
	}
}

// TestServeMetricsAndCompact: the metrics count requests by route and
// status; a compaction runs in the background, and a query sent at once
// (it may still run) finds what the index holds.
func TestServeMetricsAndCompact(t *testing.T) {
	e := start(t, Config{})
	for i := range 3 {
		var ds []doc // 2 documents, then 1 and 1: a large segment, then a small one
		for j := range 2 - min(i, 1) {
			ds = append(ds, doc{"id": fmt.Sprint(i, "-", j), "text": story(uint64(10+10*i+j), 3)})
		}
		e.post("/v1/add", map[string]any{"documents": ds})
		e.do("POST", "/v1/flush", "", nil)
	}
	if st := e.x.Stats(); st.Segments < 2 {
		t.Fatalf("%d segments", st.Segments)
	}
	code, out := e.do("POST", "/v1/compact", "", nil)
	if code != 202 {
		t.Fatalf("compact: %d %v", code, out)
	}
	code, out = e.post("/v1/query", map[string]any{"documents": []doc{{"text": story(10, 3)}}})
	if code != 200 {
		t.Fatalf("query during a compaction: %d", code)
	}
	if r := results(t, out)[0]; r["seen"] != true || len(r["matches"].([]any)) == 0 || r["matches"].([]any)[0].(map[string]any)["id"] != "0-0" {
		t.Errorf("query during a compaction: %v, want 0-0 seen", r)
	}
	deadline := time.Now().Add(10 * time.Second)
	for e.s.compacting.Load() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if st := e.x.Stats(); st.Segments != 1 || st.Documents != 4 {
		t.Errorf("after the compaction: %d segments, %d documents", st.Segments, st.Documents)
	}
	e.do("GET", "/nowhere", "", nil)
	_, m := e.do("GET", "/metrics", "", nil)
	text := m["raw"].(string)
	for _, want := range []string{
		`mimeo_requests_total{route="add",status="200"} 3`,
		`mimeo_requests_total{route="compact",status="202"} 1`,
		`mimeo_requests_total{route="unknown",status="404"} 1`,
		`mimeo_request_duration_seconds_count{route="flush"} 3`,
		`mimeo_request_duration_seconds_bucket{route="add",le="+Inf"} 3`,
		"mimeo_documents 4", "mimeo_segments 1", "mimeo_compaction_duration_seconds_count 1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %q:\n%s", want, text)
		}
	}
	if code, out := e.do("GET", "/v1/openapi.json", "", nil); code != 200 || out["openapi"] != "3.0.3" {
		t.Errorf("openapi: %d", code)
	}
}

// TestServeShutdown: a request in flight when the server is told to stop
// is answered; the documents added are durable once Serve returns; the
// index reopens with them.
func TestServeShutdown(t *testing.T) {
	e := start(t, Config{FlushInterval: time.Hour})
	pr, pw := io.Pipe()
	type answer struct {
		code int
		err  error
		out  map[string]any
	}
	got := make(chan answer, 1)
	go func() {
		resp, err := http.Post(e.url+"/v1/add", "application/json", pr)
		if err != nil {
			got <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		var out map[string]any
		json.NewDecoder(resp.Body).Decode(&out)
		got <- answer{code: resp.StatusCode, out: out}
	}()
	body := mustJSON(map[string]any{"documents": []doc{{"id": "late", "text": story(21, 4)}}})
	pw.Write(body[:10]) // the request has begun
	time.Sleep(100 * time.Millisecond)
	stopped := make(chan error, 1)
	go func() { stopped <- e.stop() }()
	time.Sleep(100 * time.Millisecond)
	pw.Write(body[10:])
	pw.Close()
	a := <-got
	if a.err != nil || a.code != 200 {
		t.Fatalf("the request in flight: %d %v %v", a.code, a.err, a.out)
	}
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	if st := e.x.Stats(); st.Pending != 0 || st.Documents != 1 {
		t.Fatalf("after shutdown: %d pending, %d documents", st.Pending, st.Documents)
	}
	// Once told to stop, the server is not ready and starts no compaction.
	for _, c := range []struct{ method, path, code string }{{"GET", "/readyz", "shutting_down"}, {"POST", "/v1/compact", "shutting_down"}} {
		req := httptest.NewRequest(c.method, c.path, nil)
		req.RemoteAddr = "127.0.0.1:1"
		rec := httptest.NewRecorder()
		e.s.Handler().ServeHTTP(rec, req)
		if rec.Code != 503 || !strings.Contains(rec.Body.String(), c.code) {
			t.Errorf("%s %s after shutdown: %d %s", c.method, c.path, rec.Code, rec.Body)
		}
	}
	e.x.Close()
	x, err := index.Open(e.dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if _, ok, err := x.Get("late"); !ok || err != nil {
		t.Fatalf("reopened: late found %v (%v)", ok, err)
	}
}

// TestServeDurability: a durable check is flushed before it is answered;
// --flush-every asks the flusher once enough documents are pending; the
// timer flushes a deletion, which is not a pending document.
func TestServeDurability(t *testing.T) {
	// No timer: only --flush-every and the requests flush.
	e := start(t, Config{FlushEvery: 3})
	_, out := e.post("/v1/check", map[string]any{"documents": []doc{{"id": "d1", "text": story(31, 3)}}, "add": true, "durable": true})
	if r := results(t, out)[0]; r["added"] != true || e.x.Stats().Pending != 0 {
		t.Fatalf("a durable check: %v, %d pending when answered", r, e.x.Stats().Pending)
	}
	e.post("/v1/add", map[string]any{"documents": []doc{{"id": "d2", "text": story(32, 3)}, {"id": "d3", "text": story(33, 3)}}})
	time.Sleep(50 * time.Millisecond)
	if p := e.x.Stats().Pending; p != 2 {
		t.Fatalf("%d pending below --flush-every 3, want 2", p)
	}
	e.post("/v1/add", map[string]any{"documents": []doc{{"id": "d4", "text": story(34, 3)}}})
	waitUntil(t, "the pending documents flushed", func() bool { return e.x.Stats().Pending == 0 })
	e.stop()
	e.x.Close()
	x, err := index.Open(e.dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The timer flushes a deletion.
	e = serveIndex(t, x, e.dir, Config{FlushInterval: 20 * time.Millisecond})
	if code, _ := e.do("DELETE", "/v1/docs/d2", "", nil); code != 200 {
		t.Fatalf("delete: %d", code)
	}
	waitUntil(t, "the deletion flushed", func() bool { return !e.s.dirty.Load() })
	if err := x.Verify(); err != nil {
		t.Fatal(err)
	}
	ro, err := index.OpenReadOnly(e.dir) // what is on disk
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	x = ro
	if ok, _ := x.Contains("d2"); ok {
		t.Error("the deletion was not made durable")
	}
	if ok, _ := x.Contains("d3"); !ok {
		t.Error("d3 was not made durable")
	}
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for start := time.Now(); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Since(start) > 10*time.Second {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// TestServeConcurrencyLimit: beyond MaxConcurrent requests a request is
// refused with 429 and Retry-After, while the probes and the metrics are
// still answered.
func TestServeConcurrencyLimit(t *testing.T) {
	e := start(t, Config{MaxConcurrent: 1})
	pr, pw := io.Pipe()
	held := make(chan int, 1)
	go func() {
		resp, err := http.Post(e.url+"/v1/query", "application/json", pr)
		if err != nil {
			held <- 0
			return
		}
		resp.Body.Close()
		held <- resp.StatusCode
	}()
	pw.Write([]byte(`{"documents": [`))
	waitUntil(t, "the slot taken", func() bool { return len(e.s.slots) == 1 })
	code, out := e.post("/v1/query", map[string]any{"documents": []doc{{"text": "a b c"}}})
	if code != 429 || errCode(out) != "too_many_requests" {
		t.Errorf("a second request: %d %v", code, out)
	}
	for _, p := range []string{"/healthz", "/readyz", "/metrics"} {
		if code, _ := e.do("GET", p, "", nil); code != 200 {
			t.Errorf("%s while busy: %d", p, code)
		}
	}
	pw.Write([]byte(`{"text": "a b c"}]}`))
	pw.Close()
	if c := <-held; c != 200 {
		t.Errorf("the request that held the slot: %d", c)
	}
}

// TestServeTLS serves HTTPS with a certificate of the test's own: a
// client that trusts it is answered; a plain HTTP request is not served.
func TestServeTLS(t *testing.T) {
	dir := t.TempDir()
	key, err := ecdsa.GenerateKey(elliptic.P256(), crand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mimeo test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(crand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
		t.Fatal(err)
	}
	x, err := index.Create(filepath.Join(dir, "idx"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- New(x, Config{}).Serve(ctx, l, certFile, keyFile, time.Second) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := client.Get("https://" + l.Addr().String() + "/v1/stats")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.TLS == nil {
		t.Fatalf("over TLS: %d, TLS %v", resp.StatusCode, resp.TLS != nil)
	}
	if resp, err := http.Get("http://" + l.Addr().String() + "/v1/stats"); err == nil {
		resp.Body.Close()
		if resp.StatusCode == 200 {
			t.Error("a plain HTTP request was served")
		}
	}
}
