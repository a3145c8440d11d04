package serve

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/index"
)

// FuzzRequest sends any body to each route that reads one: the answer is
// 200 with JSON, or a 4xx JSON error with a code — never a crash or a 500.
func FuzzRequest(f *testing.F) {
	for _, s := range []string{
		`{"documents": [{"id": "a", "text": "some words of a page about the harbour"}], "add": true}`,
		`{"documents": [{"html": "<html><title>t</title><p>a page</p></html>", "url": "https://x.example/a"}]}`,
		`{"documents": [{"id": "", "text": ""}]}`, `{"documents": null}`, `[]`, `{}`, `{"documents": [{}]}`,
		`{"documents": [{"id": "a", "text": "x"}], "limit": -3}`, "\xff\xfe", `{"documents": [{"text": "\u0000"}]}`,
	} {
		f.Add(s, uint8(0))
	}
	x, err := index.Create(filepath.Join(f.TempDir(), "idx"), index.Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer x.Close()
	s := New(x, Config{MaxBodyBytes: 1 << 16, MaxBatch: 4, MaxTextBytes: 1 << 12})
	routes := []string{"/v1/check", "/v1/query", "/v1/add"}
	f.Fuzz(func(t *testing.T, body string, route uint8) {
		req := httptest.NewRequest("POST", routes[int(route)%len(routes)], strings.NewReader(body))
		req.RemoteAddr = "127.0.0.1:1"
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		var out map[string]any
		if err := json.NewDecoder(bytes.NewReader(rec.Body.Bytes())).Decode(&out); err != nil {
			t.Fatalf("%d, not JSON: %q", rec.Code, rec.Body)
		}
		switch {
		case rec.Code == 200:
		case rec.Code >= 400 && rec.Code < 500:
			e, _ := out["error"].(map[string]any)
			if c, _ := e["code"].(string); c == "" {
				t.Fatalf("%d without an error code: %s", rec.Code, rec.Body)
			}
		default:
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	})
}
