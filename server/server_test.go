package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"dyad/data"
	"dyad/event"
	"dyad/ingest"
	"dyad/pipeline"
	"dyad/store"
)

// The pipeline is loaded once for the package's tests.
var testPipeline = sync.OnceValues(func() (*pipeline.Pipeline, error) { return pipeline.New(data.FS) })

func loadPipeline(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	p, err := testPipeline()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// fixtureStore codes the founding dispatch and testdata/store into a new
// SQLite file.
func fixtureStore(t testing.TB) *store.SQLite {
	t.Helper()
	p := loadPipeline(t)
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var items []store.Item
	add := func(doc event.Document, published string) {
		it, err := CodeItem(p, doc, pipeline.Options{Published: published})
		if err != nil {
			t.Fatalf("%s: %v", doc.ID, err)
		}
		items = append(items, it)
	}
	text := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	add(event.Document{ID: "rhc-2021-11-19-russie-cuba", Text: text("../examples/rhc-2021-11-19-russie-cuba.txt"),
		Title: "Russie-Cuba", Source: "RHC"}, "2021-11-19")
	for _, name := range []string{"paris-alger", "washington-havana", "script"} {
		add(event.Document{ID: name, Text: text("../testdata/store/" + name + ".txt")}, "2022-05-05")
	}
	for doc, err := range ingest.Read(ctx, []string{"../testdata/store/wires.jsonl"}, nil, ingest.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		add(doc, "")
	}
	if _, err := st.Add(ctx, items); err != nil {
		t.Fatal(err)
	}
	return st
}

func get(t *testing.T, srv *httptest.Server, path string, v any) (int, string) {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if ct := resp.Header.Get("Content-Type"); strings.HasPrefix(path, "/api/") && ct != "application/json; charset=utf-8" {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	if v != nil && resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("GET %s: %v in %s", path, err, body)
		}
	}
	return resp.StatusCode, string(body)
}

func TestReadAPI(t *testing.T) {
	st := fixtureStore(t)
	srv := httptest.NewServer(New(Config{Store: st}))
	defer srv.Close()

	t.Run("events", func(t *testing.T) {
		tests := []struct {
			query string
			check func(t *testing.T, evs []store.Event)
		}{
			{"actor=RUS", func(t *testing.T, evs []store.Event) {
				for _, e := range evs {
					if !strings.HasPrefix(e.Source.Code, "RUS") && (e.Target == nil || !strings.HasPrefix(e.Target.Code, "RUS")) {
						t.Errorf("event %d has no RUS side", e.ID)
					}
				}
			}},
			// Four mentions from four documents and three publishers fold.
			{"source=USA&target=CUB&code=163", func(t *testing.T, evs []store.Event) {
				if len(evs) != 1 {
					t.Fatalf("%d events, want 1", len(evs))
				}
				if e := evs[0]; e.Mentions != 4 || e.Documents != 4 || e.Sources != 3 || e.Date != "2022-05-04" {
					t.Errorf("folded sanctions: %+v", e)
				}
			}},
			{"q=cooperation&country=DZA", func(t *testing.T, evs []store.Event) {
				for _, e := range evs {
					if !strings.Contains(e.Evidence.Text, "coopération") {
						t.Errorf("evidence without the word: %q", e.Evidence.Text)
					}
				}
			}},
			{"source=RUS&target=CUB&sort=-date&from=2021-11-01&to=2021-11", func(t *testing.T, evs []store.Event) {
				for i, e := range evs {
					if i > 0 && e.Date < evs[i-1].Date {
						t.Errorf("not oldest first: %s after %s", e.Date, evs[i-1].Date)
					}
					if e.Evidence.Doc != "rhc-2021-11-19-russie-cuba" || e.Evidence.Trigger == nil {
						t.Errorf("evidence: %+v", e.Evidence)
					}
				}
			}},
			{"org=eu", func(t *testing.T, evs []store.Event) {
				for _, e := range evs {
					if e.Source.Org != "EU" && (e.Target == nil || e.Target.Org != "EU") {
						t.Errorf("event %d has no EU side", e.ID)
					}
				}
			}},
			{"country=CUB&sort=mentions", func(t *testing.T, evs []store.Event) {
				for i, e := range evs {
					if e.Source.Country != "CUB" && (e.Target == nil || e.Target.Country != "CUB") {
						t.Errorf("event %d has no CUB side", e.ID)
					}
					if i > 0 && e.Mentions > evs[i-1].Mentions {
						t.Errorf("not sorted by mentions")
					}
				}
			}},
			{"quad=4&root=16", func(t *testing.T, evs []store.Event) {
				for _, e := range evs {
					if e.Quad != 4 || e.Root != "16" {
						t.Errorf("event %d: quad %d root %s", e.ID, e.Quad, e.Root)
					}
				}
			}},
		}
		for _, tt := range tests {
			t.Run(tt.query, func(t *testing.T) {
				var page store.EventPage
				if code, body := get(t, srv, "/api/events?"+tt.query, &page); code != 200 {
					t.Fatalf("status %d: %s", code, body)
				}
				if len(page.Events) == 0 {
					t.Fatal("no events")
				}
				tt.check(t, page.Events)
			})
		}
	})

	t.Run("pagination", func(t *testing.T) {
		var all store.EventPage
		get(t, srv, "/api/events?limit=500&sort=mentions", &all)
		var ids []int64
		next := ""
		for range 100 {
			var page store.EventPage
			if code, body := get(t, srv, "/api/events?limit=3&sort=mentions&cursor="+url.QueryEscape(next), &page); code != 200 {
				t.Fatalf("status %d: %s", code, body)
			}
			for _, e := range page.Events {
				ids = append(ids, e.ID)
			}
			if next = page.Next; next == "" {
				break
			}
		}
		if len(all.Events) < 10 || len(ids) != len(all.Events) {
			t.Fatalf("paged %d events, one page %d", len(ids), len(all.Events))
		}
		for i, e := range all.Events {
			if ids[i] != e.ID {
				t.Fatalf("event %d: %d paged, %d unpaged", i, ids[i], e.ID)
			}
		}
	})

	t.Run("timeline", func(t *testing.T) {
		var tl struct {
			A, B, Interval string
			Points         []store.Point
		}
		if code, body := get(t, srv, "/api/timeline?a=rus&b=CUB&interval=month", &tl); code != 200 {
			t.Fatalf("status %d: %s", code, body)
		}
		if tl.A != "RUS" || tl.B != "CUB" || tl.Interval != "month" || len(tl.Points) == 0 || tl.Points[len(tl.Points)-1].Period != "2021-11" {
			t.Errorf("timeline: %+v", tl)
		}
		for _, p := range tl.Points {
			if p.Q1+p.Q2+p.Q3+p.Q4 != p.Events || p.Events == 0 {
				t.Errorf("point %+v", p)
			}
		}
	})

	t.Run("dyads and actors", func(t *testing.T) {
		var d struct{ Dyads []store.Dyad }
		get(t, srv, "/api/dyads?limit=3", &d)
		if len(d.Dyads) == 0 || d.Dyads[0].Source != "RUS" || d.Dyads[0].Target != "CUB" {
			t.Errorf("dyads: %+v", d.Dyads)
		}
		var a struct{ Actors []store.ActorCount }
		get(t, srv, "/api/actors?q=ryabkov", &a)
		if len(a.Actors) != 1 || a.Actors[0].Code != "RUSGOV" || a.Actors[0].Name != "Sergei Ryabkov" {
			t.Errorf("actors: %+v", a.Actors)
		}
	})

	t.Run("document", func(t *testing.T) {
		var d store.DocumentView
		if code, body := get(t, srv, "/api/documents/rhc-2021-11-19-russie-cuba", &d); code != 200 {
			t.Fatalf("status %d: %s", code, body)
		}
		if d.Title != "Russie-Cuba" || len(d.Events) < 5 || len(d.Actors) < 5 || len(d.Sentences) == 0 || !strings.HasPrefix(strings.TrimSpace(d.Text), "Moscou") {
			t.Errorf("document: title %q, %d events, %d actors, %d sentences", d.Title, len(d.Events), len(d.Actors), len(d.Sentences))
		}
		for _, a := range d.Actors {
			if a.Span[0] < 0 || a.Span[1] > len(d.Text) || a.Span[0] >= a.Span[1] {
				t.Errorf("actor span %v outside the text", a.Span)
			}
		}
	})

	t.Run("script is escaped", func(t *testing.T) {
		for _, path := range []string{"/api/documents/script", "/api/events?q=critique"} {
			code, body := get(t, srv, path, nil)
			if code != 200 || strings.Contains(body, "<script>") || !strings.Contains(body, `\u003cscript\u003e`) {
				t.Errorf("GET %s: status %d, body not escaped: %.300s", path, code, body)
			}
		}
	})

	t.Run("errors", func(t *testing.T) {
		long := strings.Repeat("a", store.MaxText+1)
		tests := []struct {
			path string
			code int
		}{
			{"/api/events?limit=501", 400},
			{"/api/events?limit=x", 400},
			{"/api/events?q=" + long, 400},
			{"/api/events?from=2021-13-01", 400},
			{"/api/events?sort=title", 400},
			{"/api/events?cursor=zzz", 400},
			{"/api/events?quad=7", 400},
			{"/api/timeline?a=RUS", 400},
			{"/api/timeline?a=RUS&b=CUB&interval=year", 400},
			{"/api/dyads?limit=1000", 400},
			{"/api/documents/nope", 404},
			{"/api/nothing", 404},
			{"/api/events?actor=" + strings.Repeat("x", 5000), 414},
		}
		// The limit counts characters, not bytes.
		if code, body := get(t, srv, "/api/events?q="+url.QueryEscape(strings.Repeat("é", store.MaxText)), nil); code != 200 {
			t.Errorf("q of %d accented letters: %d %s", store.MaxText, code, body)
		}
		for _, tt := range tests {
			code, body := get(t, srv, tt.path, nil)
			var e struct{ Error string }
			if code != tt.code || json.Unmarshal([]byte(body), &e) != nil || e.Error == "" {
				t.Errorf("GET %.60s: status %d body %.100s, want %d and an error", tt.path, code, body, tt.code)
			}
		}
	})

	t.Run("page", func(t *testing.T) {
		code, body := get(t, srv, "/", nil)
		if code != 200 || !strings.Contains(body, "dyad") {
			t.Errorf("GET /: %d %q", code, body)
		}
		page := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><p>the page</p>")}}
		srv2 := httptest.NewServer(New(Config{Store: st, Page: page}))
		defer srv2.Close()
		if code, body := get(t, srv2, "/", nil); code != 200 || !strings.Contains(body, "the page") {
			t.Errorf("GET / with a page: %d %q", code, body)
		}
	})
}

func post(t *testing.T, srv *httptest.Server, path, token string, body io.Reader) (int, string) {
	t.Helper()
	req, err := http.NewRequest("POST", srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestWriteAPI(t *testing.T) {
	p := loadPipeline(t)
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	closed := httptest.NewServer(New(Config{Store: st, Coder: p}))
	defer closed.Close()
	open := httptest.NewServer(New(Config{Store: st, Coder: p, Token: "s3cret"}))
	defer open.Close()
	text := "Moscou, 18 novembre (RHC) -- La Russie a condamné les sanctions imposées par l'Union européenne."
	jsonl := `{"id": "https://example.org/a b/n1?x=1", "published": "2021-11-19", "text": "Moscou, 18 novembre (RHC) -- La Russie a condamné les sanctions imposées par l'Union européenne."}` + "\n" +
		`{"id": "n2", "published": "2022-05-05", "text": "WASHINGTON, May 4 (A) - The United States imposed new sanctions on Cuba on Monday."}` + "\n" +
		`{"id": "n3", "text": ""}` + "\n"

	tests := []struct {
		name   string
		srv    *httptest.Server
		path   string
		token  string
		body   io.Reader
		status int
		want   string
	}{
		{"code without --token", closed, "/api/code", "s3cret", strings.NewReader(text), 403, "token"},
		{"ingest without --token", closed, "/api/ingest", "s3cret", strings.NewReader(jsonl), 403, "token"},
		{"code without a token", open, "/api/code", "", strings.NewReader(text), 401, "token"},
		{"code with a wrong token", open, "/api/code", "s3cre", strings.NewReader(text), 401, "token"},
		{"code", open, "/api/code?published=2021-11-19&lang=fr", "s3cret", strings.NewReader(text), 200, `"code":"111"`},
		{"code, bad lang", open, "/api/code?lang=de", "s3cret", strings.NewReader(text), 400, "lang"},
		{"code, 1 MB + 1", open, "/api/code", "s3cret", strings.NewReader(strings.Repeat("a", MaxCodeBody+1)), 413, "larger"},
		{"ingest", open, "/api/ingest", "s3cret", strings.NewReader(jsonl), 200, `"documents":2,"duplicates":0,"events":2`},
		{"ingest again", open, "/api/ingest", "s3cret", strings.NewReader(jsonl), 200, `"documents":0,"duplicates":2,"events":0`},
		{"ingest, 32 MB + 1", open, "/api/ingest", "s3cret", io.LimitReader(zeros{}, MaxIngestBody+1), 413, "larger"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := post(t, tt.srv, tt.path, tt.token, tt.body)
			if code != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("status %d, body %.300s; want %d and %q", code, body, tt.status, tt.want)
			}
		})
	}
	c, err := st.Counts(context.Background())
	if err != nil || c.Documents != 2 || c.Mentions != 2 {
		t.Errorf("store after the posts: %+v %v", c, err)
	}
	// The ingested documents are served.
	var d store.DocumentView
	// Ids may hold slashes, spaces and question marks: escaped, they work.
	for _, path := range []string{"/api/documents/" + url.PathEscape("https://example.org/a b/n1?x=1"),
		"/api/documents/https:%2F%2Fexample.org%2Fa%20b%2Fn1%3Fx=1"} {
		if code, _ := get(t, open, path, &d); code != 200 || len(d.Events) != 1 || d.ID != "https://example.org/a b/n1?x=1" {
			t.Errorf("GET %s: %d, %d events, id %q", path, code, len(d.Events), d.ID)
		}
	}
	if code, _ := get(t, open, "/api/events", nil); code != 200 {
		t.Errorf("GET with a token server: %d", code)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}
