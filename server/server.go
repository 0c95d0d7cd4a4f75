package server

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"dyad/event"
	"dyad/ingest"
	"dyad/pipeline"
	"dyad/store"
)

// Limits of the API.
const (
	MaxCodeBody   = 1 << 20  // POST /api/code
	MaxIngestBody = 32 << 20 // POST /api/ingest
	MaxQuery      = 4096     // bytes of a query string
	QueryTimeout  = 10 * time.Second
	CodeTimeout   = 60 * time.Second
	ingestBatch   = 100 // documents per transaction in POST /api/ingest
)

// Config wires a server.
type Config struct {
	Store store.Store
	Coder Coder  // needed by the POST endpoints
	Token string // bearer token of the POST endpoints; "" disables them
	Page  fs.FS  // the web page at "/", index.html at its root; nil for a plain page
	Log   *log.Logger
}

// Server is the HTTP API.
type Server struct {
	cfg Config
	mux *http.ServeMux
}

// New returns the API's handler.
func New(cfg Config) *Server {
	s := &Server{cfg: cfg, mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /api/events", s.events)
	s.mux.HandleFunc("GET /api/dyads", s.dyads)
	s.mux.HandleFunc("GET /api/timeline", s.timeline)
	s.mux.HandleFunc("GET /api/actors", s.actors)
	s.mux.HandleFunc("GET /api/documents/{id...}", s.document)
	s.mux.HandleFunc("POST /api/code", s.auth(s.code))
	s.mux.HandleFunc("POST /api/ingest", s.auth(s.ingest))
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.Method+" "+r.URL.Path)
	})
	var page http.Handler = http.HandlerFunc(plainPage)
	if cfg.Page != nil {
		page = http.FileServerFS(cfg.Page)
	}
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		page.ServeHTTP(w, r)
	})
	return s
}

// plainPage stands in for the web page when there is none.
func plainPage(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, "<!doctype html><title>dyad</title><p>dyad</p>\n")
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'")
	if len(r.URL.RawQuery) > MaxQuery {
		writeError(w, http.StatusRequestURITooLong, "query string too long")
		return
	}
	s.mux.ServeHTTP(w, r)
}

// HTTPServer wraps h in an http.Server with timeouts.
func HTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	// json.Encoder escapes <, > and & by default: text stays inert in HTML.
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// fail answers a store error: bad queries are 400, unknown things 404.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrBadQuery):
		writeError(w, http.StatusBadRequest, err.Error())
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, err.Error())
	case errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusServiceUnavailable, "the query took too long")
	default:
		s.logf("%s %s: %v", r.Method, r.URL.Path, err)
		writeError(w, http.StatusInternalServerError, "internal error")
	}
}

func (s *Server) logf(format string, a ...any) {
	if s.cfg.Log != nil {
		s.cfg.Log.Printf(format, a...)
	}
}

// params reads query parameters, collecting the first problem.
type params struct {
	r   *http.Request
	err error
}

func (p *params) str(name string) string {
	v := p.r.URL.Query().Get(name)
	if utf8.RuneCountInString(v) > store.MaxText && p.err == nil {
		p.err = fmt.Errorf("%s: longer than %d characters", name, store.MaxText)
	}
	return strings.TrimSpace(v)
}

func (p *params) int(name string) int {
	v := p.str(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil && p.err == nil {
		p.err = fmt.Errorf("%s %q: not a number", name, v)
	}
	return n
}

func (p *params) date(name string) string {
	v := p.str(name)
	if v == "" {
		return ""
	}
	if !validDate(v) && p.err == nil {
		p.err = fmt.Errorf("%s %q: want YYYY, YYYY-MM or YYYY-MM-DD", name, v)
	}
	return v
}

func validDate(s string) bool {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) == len(layout) {
			if _, err := time.Parse(layout, s); err == nil {
				return true
			}
		}
	}
	return false
}

func queryContext(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), QueryTimeout)
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	q := store.EventQuery{
		Source: p.str("source"), Target: p.str("target"), Actor: p.str("actor"),
		Country: p.str("country"), Org: p.str("org"), Code: p.str("code"), Root: p.str("root"),
		Quad: p.int("quad"), From: p.date("from"), To: p.date("to"), Text: p.str("q"),
		Sort: p.str("sort"), Limit: p.int("limit"), Cursor: p.str("cursor"),
	}
	if p.err != nil {
		writeError(w, http.StatusBadRequest, p.err.Error())
		return
	}
	ctx, cancel := queryContext(r)
	defer cancel()
	page, err := s.cfg.Store.Events(ctx, q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page)
}

func (s *Server) dyads(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	q := store.DyadQuery{From: p.date("from"), To: p.date("to"), Limit: p.int("limit")}
	if p.err != nil {
		writeError(w, http.StatusBadRequest, p.err.Error())
		return
	}
	ctx, cancel := queryContext(r)
	defer cancel()
	ds, err := s.cfg.Store.Dyads(ctx, q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"dyads": ds})
}

func (s *Server) timeline(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	q := store.TimelineQuery{A: strings.ToUpper(p.str("a")), B: strings.ToUpper(p.str("b")),
		Interval: p.str("interval"), From: p.date("from"), To: p.date("to")}
	if p.err != nil {
		writeError(w, http.StatusBadRequest, p.err.Error())
		return
	}
	if q.Interval == "" {
		q.Interval = "month"
	}
	ctx, cancel := queryContext(r)
	defer cancel()
	pts, err := s.cfg.Store.Timeline(ctx, q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"a": q.A, "b": q.B, "interval": q.Interval, "points": pts})
}

func (s *Server) actors(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	q := store.ActorQuery{Text: p.str("q"), Limit: p.int("limit")}
	if p.err != nil {
		writeError(w, http.StatusBadRequest, p.err.Error())
		return
	}
	ctx, cancel := queryContext(r)
	defer cancel()
	as, err := s.cfg.Store.Actors(ctx, q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"actors": as})
}

func (s *Server) document(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := queryContext(r)
	defer cancel()
	d, err := s.cfg.Store.Document(ctx, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// auth lets a request through only with the server's bearer token.
func (s *Server) auth(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.Token == "" {
			writeError(w, http.StatusForbidden, "this server takes no writes: start it with --token")
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.Token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="dyad"`)
			writeError(w, http.StatusUnauthorized, "missing or wrong bearer token")
			return
		}
		if s.cfg.Coder == nil {
			writeError(w, http.StatusServiceUnavailable, "no coder configured")
			return
		}
		h(w, r)
	}
}

// readBody reads at most max bytes of the body; a larger one is an error.
func readBody(w http.ResponseWriter, r *http.Request, max int64) ([]byte, bool) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body larger than %d bytes", max))
		} else {
			writeError(w, http.StatusBadRequest, "reading the body: "+err.Error())
		}
		return nil, false
	}
	return b, true
}

func (s *Server) code(w http.ResponseWriter, r *http.Request) {
	p := params{r: r}
	lang := p.str("lang")
	published, err := ingest.NormalizeDate(p.str("published"))
	if err != nil && p.err == nil {
		p.err = fmt.Errorf("published: %w", err)
	}
	switch lang {
	case "", "auto", "fr", "en", "es":
	default:
		p.err = fmt.Errorf("lang %q: want auto, fr, en or es", lang)
	}
	if p.err != nil {
		writeError(w, http.StatusBadRequest, p.err.Error())
		return
	}
	body, ok := readBody(w, r, MaxCodeBody)
	if !ok {
		return
	}
	doc := event.Document{ID: "request", Text: string(body), Published: published, Lang: lang}
	res, err := s.cfg.Coder.Code(doc, pipeline.Options{Lang: lang, Published: published})
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	evs := res.Events
	if evs == nil {
		evs = []event.Event{}
	}
	for i := range evs {
		if evs[i].Lang == "" {
			evs[i].Lang = res.Lang
		}
		if evs[i].Source.Roles == nil {
			evs[i].Source.Roles = []string{}
		}
		if t := evs[i].Target; t != nil && t.Roles == nil {
			t.Roles = []string{}
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"events": evs})
}

func (s *Server) ingest(w http.ResponseWriter, r *http.Request) {
	body, ok := readBody(w, r, MaxIngestBody)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), CodeTimeout*5)
	defer cancel()
	res := IngestResult{Errors: []string{}}
	add := &Adder{Store: s.cfg.Store, Batch: ingestBatch}
	for doc, err := range ingest.Read(ctx, []string{"-"}, strings.NewReader(string(body)), ingest.Options{MaxBytes: MaxIngestBody}) {
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			res.Errors = append(res.Errors, err.Error())
			continue
		}
		it, err := CodeNew(ctx, s.cfg.Store, s.cfg.Coder, doc, pipeline.Options{})
		if err != nil {
			res.Errors = append(res.Errors, fmt.Sprintf("%s: %v", doc.ID, err))
			continue
		}
		if err := add.Add(ctx, it); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if err := add.Flush(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	res.Documents, res.Events = add.Total.Documents, add.Total.Mentions
	res.Duplicates = add.Total.Duplicates
	writeJSON(w, http.StatusOK, res)
}

// IngestResult is the answer of POST /api/ingest.
type IngestResult struct {
	Documents  int      `json:"documents"`  // new documents stored
	Duplicates int      `json:"duplicates"` // documents already stored
	Events     int      `json:"events"`     // event mentions stored
	Errors     []string `json:"errors"`
}

// Adder batches items into store transactions.
type Adder struct {
	Store store.Store
	Batch int // items per transaction
	Total store.AddResult
	buf   []store.Item
	bytes int
}

// Add queues it and writes the batch when it is full.
func (a *Adder) Add(ctx context.Context, it store.Item) error {
	a.buf = append(a.buf, it)
	a.bytes += len(it.Doc.Text)
	if len(a.buf) >= max(a.Batch, 1) || a.bytes >= 16<<20 {
		return a.Flush(ctx)
	}
	return nil
}

// Flush writes what is queued.
func (a *Adder) Flush(ctx context.Context) error {
	if len(a.buf) == 0 {
		return nil
	}
	res, err := a.Store.Add(ctx, a.buf)
	a.buf, a.bytes = a.buf[:0], 0
	if err != nil {
		return err
	}
	a.Total.Documents += res.Documents
	a.Total.Duplicates += res.Duplicates
	a.Total.Mentions += res.Mentions
	a.Total.NewEvents += res.NewEvents
	return nil
}
