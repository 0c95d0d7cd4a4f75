package server

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"dyad/store"
)

var (
	long      = flag.Bool("long", false, "TestLatency: a store of one million synthetic events, and p99 must stay under 50 ms")
	latencyDB = flag.String("latency-db", "", "TestLatency: keep the synthetic store in `FILE` (built when missing) instead of a temporary one")
)

// buildSynthetic fills st with docs documents of 10 synthetic mentions each.
func buildSynthetic(t *testing.T, st store.Store, docs int) {
	t.Helper()
	const batch = 1000
	start := time.Now()
	for from := 0; from < docs; from += batch {
		if _, err := st.Add(context.Background(), store.Synthetic(1, from, min(batch, docs-from), 10)); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("built a store of %d mentions in %v", docs*10, time.Since(start).Round(time.Millisecond))
}

// TestLatency measures the latency of /api/events and /api/timeline on a
// store of synthetic events through a real HTTP server. By default the store
// is small and the test only checks the answers; with -long it holds a
// million events and the 99th percentile must stay under 50 ms.
func TestLatency(t *testing.T) {
	docs, requests := 2000, 100
	if *long {
		docs, requests = 100_000, 1000
	}
	path := *latencyDB
	if path == "" {
		path = filepath.Join(t.TempDir(), "latency.db")
	}
	_, statErr := os.Stat(path)
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if statErr != nil {
		buildSynthetic(t, st, docs)
	}
	c, err := st.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("store: %d documents, %d mentions, %d events", c.Documents, c.Mentions, c.Events)
	srv := httptest.NewServer(New(Config{Store: st}))
	defer srv.Close()

	r := rand.New(rand.NewPCG(7, 7))
	country := func() string { return fmt.Sprintf("C%02d", int(r.ExpFloat64()*10)%60) }
	year := func() int { return 2015 + r.IntN(10) }
	queries := map[string]func() string{
		"/api/events": func() string {
			switch r.IntN(10) {
			case 0:
				return "/api/events"
			case 1:
				return "/api/events?actor=" + country()
			case 2:
				return fmt.Sprintf("/api/events?source=%s&target=%s", country(), country())
			case 3:
				return fmt.Sprintf("/api/events?q=r%03d", r.IntN(1000))
			case 4:
				return fmt.Sprintf("/api/events?country=%s&quad=4&from=%d-01-01&to=%d-12-31", country(), year(), year())
			case 5:
				return "/api/events?sort=mentions&code=19"
			case 6:
				return "/api/events?sort=goldstein&limit=100"
			case 7:
				return fmt.Sprintf("/api/events?sort=-date&target=%sGOV", country())
			case 8:
				return fmt.Sprintf("/api/events?root=04&from=%d-06", year())
			default:
				return fmt.Sprintf("/api/events?actor=%s&q=r%03d", country(), r.IntN(1000))
			}
		},
		"/api/timeline": func() string {
			return fmt.Sprintf("/api/timeline?a=%s&b=%s&interval=%s", country(), country(), []string{"day", "week", "month"}[r.IntN(3)])
		},
	}
	for _, endpoint := range []string{"/api/events", "/api/timeline"} {
		var lat []time.Duration
		slowest := ""
		for range requests {
			u := queries[endpoint]()
			t0 := time.Now()
			resp, err := http.Get(srv.URL + u)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			d := time.Since(t0)
			if resp.StatusCode != 200 || len(body) < 10 {
				t.Fatalf("GET %s: %d %.200s", u, resp.StatusCode, body)
			}
			if len(lat) == 0 || d > slices.Max(lat) {
				slowest = u
			}
			lat = append(lat, d)
		}
		slices.Sort(lat)
		p := func(q float64) time.Duration { return lat[int(q*float64(len(lat)-1))].Round(10 * time.Microsecond) }
		t.Logf("%s: %d requests, p50 %v, p90 %v, p99 %v, max %v (%s)", endpoint, len(lat), p(0.5), p(0.9), p(0.99), p(1), slowest)
		if *long && p(0.99) > 50*time.Millisecond {
			t.Errorf("%s: p99 %v, want under 50 ms", endpoint, p(0.99))
		}
	}
}
