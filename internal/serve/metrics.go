package serve

import (
	_ "embed"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// metrics are the server's counters, written in the Prometheus text
// format (version 0.0.4) by GET /metrics.
type metrics struct {
	mu       sync.Mutex
	requests map[[2]string]int64 // route, status
	latency  map[string]*histogram
	flush    histogram
	compact  histogram
	added    atomic.Int64
}

// latencyBuckets are the upper bounds, in seconds, of the latency
// histograms.
var latencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type histogram struct {
	counts []int64 // by bucket, not cumulative
	sum    float64
	n      int64
}

func (h *histogram) add(d time.Duration) {
	if h.counts == nil {
		h.counts = make([]int64, len(latencyBuckets))
	}
	sec := d.Seconds()
	for i, b := range latencyBuckets {
		if sec <= b {
			h.counts[i]++
			break
		}
	}
	h.sum += sec
	h.n++
}

func (m *metrics) init() {
	m.requests = make(map[[2]string]int64)
	m.latency = make(map[string]*histogram)
}

func (m *metrics) observe(route string, status int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[[2]string{route, strconv.Itoa(status)}]++
	h := m.latency[route]
	if h == nil {
		h = new(histogram)
		m.latency[route] = h
	}
	h.add(d)
}

func (m *metrics) flushed(d time.Duration) {
	m.mu.Lock()
	m.flush.add(d)
	m.mu.Unlock()
}

func (m *metrics) compacted(d time.Duration) {
	m.mu.Lock()
	m.compact.add(d)
	m.mu.Unlock()
}

func writeHistogram(b *strings.Builder, name, labels string, h *histogram) {
	sep := ""
	if labels != "" {
		sep = ","
	}
	cum := int64(0)
	for i, ub := range latencyBuckets {
		if h.counts != nil {
			cum += h.counts[i]
		}
		fmt.Fprintf(b, "%s_bucket{%s%sle=\"%g\"} %d\n", name, labels, sep, ub, cum)
	}
	fmt.Fprintf(b, "%s_bucket{%s%sle=\"+Inf\"} %d\n", name, labels, sep, h.n)
	if labels != "" {
		labels = "{" + labels + "}"
	}
	fmt.Fprintf(b, "%s_sum%s %g\n%s_count%s %d\n", name, labels, h.sum, name, labels, h.n)
}

func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) error {
	st := s.x.Stats()
	var b strings.Builder
	m := &s.metrics
	m.mu.Lock()
	b.WriteString("# HELP mimeo_requests_total HTTP requests by route and status.\n# TYPE mimeo_requests_total counter\n")
	keys := make([][2]string, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i][0] < keys[j][0] || keys[i][0] == keys[j][0] && keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		fmt.Fprintf(&b, "mimeo_requests_total{route=%q,status=%q} %d\n", k[0], k[1], m.requests[k])
	}
	b.WriteString("# HELP mimeo_request_duration_seconds Time to answer a request, by route.\n# TYPE mimeo_request_duration_seconds histogram\n")
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	for _, r := range routes {
		writeHistogram(&b, "mimeo_request_duration_seconds", fmt.Sprintf("route=%q", r), m.latency[r])
	}
	b.WriteString("# HELP mimeo_flush_duration_seconds Time to flush the index.\n# TYPE mimeo_flush_duration_seconds histogram\n")
	writeHistogram(&b, "mimeo_flush_duration_seconds", "", &m.flush)
	b.WriteString("# HELP mimeo_compaction_duration_seconds Time to compact the index.\n# TYPE mimeo_compaction_duration_seconds histogram\n")
	writeHistogram(&b, "mimeo_compaction_duration_seconds", "", &m.compact)
	m.mu.Unlock()
	fmt.Fprintf(&b, "# HELP mimeo_documents_added_total Documents added through the server.\n# TYPE mimeo_documents_added_total counter\nmimeo_documents_added_total %d\n", m.added.Load())
	fmt.Fprintf(&b, "# HELP mimeo_documents Documents the index holds (deleted ones until a compaction).\n# TYPE mimeo_documents gauge\nmimeo_documents %d\n", st.Documents)
	fmt.Fprintf(&b, "# HELP mimeo_documents_pending Documents not yet durable.\n# TYPE mimeo_documents_pending gauge\nmimeo_documents_pending %d\n", st.Pending)
	fmt.Fprintf(&b, "# HELP mimeo_segments Segment files of the index.\n# TYPE mimeo_segments gauge\nmimeo_segments %d\n", st.Segments)
	fmt.Fprintf(&b, "# HELP mimeo_index_bytes Bytes of the index's segment files.\n# TYPE mimeo_index_bytes gauge\nmimeo_index_bytes %d\n", st.FileBytes)
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	_, err := w.Write([]byte(b.String()))
	return err
}

//go:embed openapi.json
var openapiDoc []byte

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	_, err := w.Write(openapiDoc)
	return err
}
