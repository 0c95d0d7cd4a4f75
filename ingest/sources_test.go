package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"dyad/data"
	"dyad/event"
	"dyad/timex"
)

// read collects what Read yields: documents, and errors as strings.
func read(t *testing.T, paths []string, stdin []byte, opt Options) ([]event.Document, []string) {
	t.Helper()
	var docs []event.Document
	var errs []string
	var in *bytes.Reader
	if stdin != nil {
		in = bytes.NewReader(stdin)
	}
	for d, err := range Read(context.Background(), paths, in, opt) {
		if err != nil {
			var de *DocError
			if !errors.As(err, &de) {
				t.Fatalf("error %v is not a *DocError", err)
			}
			errs = append(errs, err.Error())
			continue
		}
		docs = append(docs, d)
	}
	return docs, errs
}

// docWant is what a test expects of one document; empty fields are not
// checked, except ID.
type docWant struct {
	id, origin, pub, lang, url, title, source string
	has, hasNot                               []string // in Text / not in Text
}

func checkDocs(t *testing.T, got []event.Document, want []docWant) {
	t.Helper()
	if len(got) != len(want) {
		for _, d := range got {
			t.Logf("got %s (%s)", d.ID, d.Origin)
		}
		t.Fatalf("got %d documents, want %d", len(got), len(want))
	}
	for i, w := range want {
		d := got[i]
		fields := []struct{ name, got, want string }{
			{"id", d.ID, w.id}, {"origin", d.Origin, w.origin}, {"published", d.Published, w.pub},
			{"lang", d.Lang, w.lang}, {"url", d.URL, w.url}, {"title", d.Title, w.title}, {"source", d.Source, w.source},
		}
		for _, f := range fields {
			if (f.want != "" || f.name == "id") && f.got != f.want {
				t.Errorf("document %d: %s = %q, want %q", i, f.name, f.got, f.want)
			}
		}
		for _, s := range w.has {
			if !strings.Contains(d.Text, s) {
				t.Errorf("document %d (%s): text lacks %q:\n%s", i, d.ID, s, d.Text)
			}
		}
		for _, s := range w.hasNot {
			if strings.Contains(d.Text, s) {
				t.Errorf("document %d (%s): text has %q, which is not the article's", i, d.ID, s)
			}
		}
	}
}

const (
	frURL  = "https://quotidien.example/monde/2021/11/17/lavrov-le-drian-paris"
	esURL  = "https://diario.example/internacional/canciller-cubano-venezolano"
	frLead = "Le ministre russe des Affaires étrangères a rencontré mercredi à Paris son homologue français."
	esLead = "El ministro de Relaciones Exteriores de Cuba recibió este jueves en La Habana a su homólogo de Venezuela"
)

// boilerplate is the text around the article in the page fixtures.
var boilerplate = []string{"Accueil", "Abonnez-vous", "Offre exceptionnelle", "Les plus lus",
	"Paul75", "condamné la Russie", "Mentions légales", "Portada", "Comentario de lector", "dataLayer"}

var frPage = docWant{id: frURL, pub: "2021-11-17", lang: "fr", url: frURL,
	title: "Le chef de la diplomatie russe reçu à Paris", source: "Le Quotidien du Monde",
	has:    []string{frLead, "Quai d'Orsay", "sans fixer de date pour une nouvelle réunion."},
	hasNot: boilerplate}

var esPage = docWant{id: esURL, lang: "es", url: esURL,
	title: "Canciller cubano recibe a su homólogo venezolano",
	has:   []string{esLead, "concluirá la próxima semana en Managua"}, hasNot: boilerplate}

func TestReadSources(t *testing.T) {
	es := esPage
	es.pub = "2021-11-19" // the page's own date, in words in a class="date" element
	esWARC := es
	tests := []struct {
		name  string
		paths []string
		want  []docWant
		errs  []string
	}{
		{"HTML page with menus, ads and comments", []string{td + "/web/rencontre.html"},
			[]docWant{withOrigin(frPage, td+"/web/rencontre.html")}, nil},
		{"HTML page dated in words only", []string{td + "/web/reunion-es.htm"},
			[]docWant{withOrigin(es, td+"/web/reunion-es.htm")}, nil},
		{"RSS feed with French dates", []string{td + "/feeds/monde.rss"}, []docWant{
			{id: frURL, origin: td + "/feeds/monde.rss#1", pub: "2021-11-17", lang: "fr", url: frURL,
				title: "Le chef de la diplomatie russe reçu à Paris", source: "Le Quotidien du Monde - International",
				has: []string{frLead + "\n\nLes deux diplomates"}, hasNot: []string{"<p>"}},
			{id: "https://quotidien.example/monde/2021/11/19/moscou-la-havane", pub: "2021-11-19", lang: "fr",
				has: []string{"l'ambassadeur de Cuba"}},
			{id: "https://quotidien.example/europe/sommet", pub: "2021-11-19"},
		}, nil},
		{"Atom feed with Spanish dates", []string{td + "/feeds/noticias.atom"}, []docWant{
			{id: esURL, origin: td + "/feeds/noticias.atom#1", pub: "2021-11-19", lang: "es", url: esURL,
				source: "Diario del Caribe - Internacional", has: []string{esLead}, hasNot: []string{"&lt;", "<p>"}},
			{id: "https://diario.example/internacional/protestas", pub: "2021-11-18", lang: "es",
				title: "Protestas frente a la embajada", has: []string{"manifestantes"}},
		}, nil},
		{"WARC.gz with HTML, non-HTML and a corrupt record", []string{td + "/crawl/news.warc.gz"}, []docWant{
			withOrigin(frPage, td+"/crawl/news.warc.gz@441"),
			withOrigin(esWARC, td+"/crawl/news.warc.gz@3368"),
		}, []string{td + "/crawl/news.warc.gz: bad WARC record at byte 2478: gzip: invalid checksum"}},
		{"plain WARC", []string{td + "/crawl/news.warc"}, []docWant{
			withOrigin(frPage, td+"/crawl/news.warc@620"),
			withOrigin(esWARC, td+"/crawl/news.warc@4294"),
		}, nil},
		{"gzipped JSONL", []string{td + "/news.jsonl.gz"}, []docWant{
			{id: "qm-1", origin: td + "/news.jsonl.gz:1", pub: "2021-11-17", lang: "fr", has: []string{frLead}},
			{id: "qm-2", origin: td + "/news.jsonl.gz:2", pub: "2021-11-19", lang: "xx", has: []string{"l ambassadeur de Cuba"}},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, errs := read(t, tt.paths, nil, Options{Lang: "xx"})
			checkDocs(t, docs, tt.want)
			if strings.Join(errs, "\n") != strings.Join(tt.errs, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(tt.errs, "\n"))
			}
		})
	}
}

func withOrigin(w docWant, origin string) docWant {
	w.origin = origin
	return w
}

// TestReadFolderOfEverything walks a folder holding every kind of source:
// each is read by its kind, the generator script is skipped.
func TestReadFolderOfEverything(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"web/rencontre.html", "feeds/noticias.atom", "crawl/news.warc.gz", "crawl/make.py", "news.jsonl.gz"} {
		b, err := os.ReadFile(filepath.Join(td, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, strings.ReplaceAll(f, "/", "-")), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var n atomic.Int64
	docs, errs := read(t, []string{dir}, nil, Options{BytesRead: &n})
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	want := []string{frURL, esURL, esURL, "https://diario.example/internacional/protestas", "qm-1", "qm-2", frURL}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("ids %v, want %v", ids, want)
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "bad WARC record at byte 2478") {
		t.Errorf("errors %q, want the corrupt WARC record", errs)
	}
	var size int64
	for _, f := range []string{"web/rencontre.html", "feeds/noticias.atom", "crawl/news.warc.gz", "news.jsonl.gz"} {
		st, _ := os.Stat(filepath.Join(td, f))
		size += st.Size()
	}
	if n.Load() != size {
		t.Errorf("BytesRead = %d, want the files' %d bytes", n.Load(), size)
	}
}

// TestReadStdinSniffed: standard input is gunzipped and recognised as a
// feed, a page or a WARC by its content.
func TestReadStdinSniffed(t *testing.T) {
	file := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(td, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	tests := []struct {
		name  string
		stdin []byte
		ids   string
	}{
		{"HTML", file("web/rencontre.html"), frURL},
		{"gzipped HTML", gz(file("web/rencontre.html")), frURL},
		{"Atom", file("feeds/noticias.atom"), esURL + " https://diario.example/internacional/protestas"},
		{"WARC.gz", file("crawl/news.warc.gz"), frURL + " " + esURL},
		{"WARC gzipped whole, one gzip member", gz(file("crawl/news.warc")), frURL + " " + esURL},
		{"gzipped JSONL", file("news.jsonl.gz"), "qm-1 qm-2"},
		{"gzipped text", gz([]byte(frLead)), "-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, _ := read(t, []string{"-"}, tt.stdin, Options{})
			var ids []string
			for _, d := range docs {
				ids = append(ids, d.ID)
			}
			if got := strings.Join(ids, " "); got != tt.ids {
				t.Errorf("ids %q, want %q", got, tt.ids)
			}
		})
	}
}

// TestReadURLs serves a feed and its pages on 127.0.0.1: the feed is read
// from its URL, and with Follow each item's page is fetched and extracted.
func TestReadURLs(t *testing.T) {
	page, err := os.ReadFile(td + "/web/rencontre.html")
	if err != nil {
		t.Fatal(err)
	}
	feed, err := os.ReadFile(td + "/feeds/monde.rss")
	if err != nil {
		t.Fatal(err)
	}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/monde.rss":
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			w.Write(bytes.ReplaceAll(feed, []byte("https://quotidien.example"), []byte(srv.URL)))
		case "/monde/2021/11/17/lavrov-le-drian-paris", "/page":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	docs, errs := read(t, []string{srv.URL + "/monde.rss"}, nil, Options{})
	if len(docs) != 3 || len(errs) != 0 || docs[0].ID != srv.URL+"/monde/2021/11/17/lavrov-le-drian-paris" {
		t.Fatalf("feed by URL: %d documents, errors %q", len(docs), errs)
	}
	if strings.Contains(docs[0].Text, "Quai d'Orsay") {
		t.Errorf("without Follow the item's text is its description, got the page")
	}

	docs, errs = read(t, []string{srv.URL + "/monde.rss"}, nil, Options{Follow: true})
	if len(docs) != 1 {
		t.Fatalf("with Follow: %d documents, want the one page served", len(docs))
	}
	if !strings.Contains(docs[0].Text, "Quai d'Orsay") || strings.Contains(docs[0].Text, "Paul75") {
		t.Errorf("with Follow the text is not the page's article:\n%s", docs[0].Text)
	}
	wantErrs := []string{
		srv.URL + "/monde.rss#2: following " + srv.URL + "/monde/2021/11/19/moscou-la-havane: HTTP 404 Not Found",
		srv.URL + "/monde.rss#3: following " + srv.URL + "/europe/sommet: HTTP 404 Not Found",
	}
	if strings.Join(errs, "\n") != strings.Join(wantErrs, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(wantErrs, "\n"))
	}

	pdocs, perrs := read(t, []string{srv.URL + "/monde.rss"}, nil, Options{Follow: true, Workers: 3})
	if len(pdocs) != 1 || pdocs[0].Text != docs[0].Text || strings.Join(perrs, "\n") != strings.Join(wantErrs, "\n") {
		t.Errorf("with Follow on 3 workers: %d documents, errors %q", len(pdocs), perrs)
	}

	docs, _ = read(t, []string{srv.URL + "/page"}, nil, Options{})
	if len(docs) != 1 || docs[0].ID != frURL || docs[0].Published != "2021-11-17" {
		t.Errorf("page by URL: %+v", docs)
	}
	_, errs = read(t, []string{srv.URL + "/missing"}, nil, Options{})
	if len(errs) != 1 || errs[0] != srv.URL+"/missing: HTTP 404 Not Found" {
		t.Errorf("missing URL: errors %q", errs)
	}
}

func TestWordDate(t *testing.T) {
	lex, err := timex.ReadLexicon(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	x := &pageExtractor{months: lex}
	tests := []struct{ in, want string }{
		{"ven., 19 nov. 2021", "2021-11-19"},
		{"19 nov 2021", "2021-11-19"},
		{"mer., 17 nov. 2021 18:42:00 +0100", "2021-11-17"},
		{"viernes, 19 de noviembre de 2021", "2021-11-19"},
		{"18 déc. 2020", "2020-12-18"},
		{"1er janvier 2022", ""}, // "1er" is no number token: not guessed
		{"Nov 19, 2021", "2021-11-19"},
		{"Fri, 19 Nov 2021 09:15:00 GMT", "2021-11-19"},
		{"2021-11-19T23:30:00-05:00", "2021-11-19"},
		{"2021-11-19 08:00:00", "2021-11-19"},
		{"31 novembre 2021", ""},
		{"19 novembre", ""},
		{"hier", ""},
	}
	for _, tt := range tests {
		if got := x.date(tt.in); got != tt.want {
			t.Errorf("date(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExtractHTMLCharset(t *testing.T) {
	// A Latin-1 page declared in its meta tag is read as such.
	page := "<html lang=\"fr\"><head><meta charset=\"iso-8859-1\"><title>T</title></head><body><article><p>" +
		strings.Repeat("Le ministre a rencontr\xe9 son homologue \xe0 Paris. ", 20) + "</p></article></body></html>"
	p, err := ExtractHTML(strings.NewReader(page), "", "https://x.example/a")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Text, "rencontré son homologue à Paris") || p.Lang != "fr" || p.URL != "https://x.example/a" {
		t.Errorf("got %+v", p)
	}
}

// TestReadParallel: with Workers, pages are extracted on several goroutines
// and Read yields exactly what it yields serially, in the same order; a
// consumer may stop early.
func TestReadParallel(t *testing.T) {
	paths := []string{td + "/web", td + "/crawl", td + "/feeds", td + "/news.jsonl.gz", td + "/missing.html", td + "/corpus"}
	render := func(opt Options) []string {
		var out []string
		for d, err := range Read(context.Background(), paths, nil, opt) {
			if err != nil {
				out = append(out, "err "+err.Error())
				continue
			}
			out = append(out, fmt.Sprintf("doc %s %s %s %s %d", d.ID, d.Origin, d.Published, d.Lang, len(d.Text)))
		}
		return out
	}
	serial := render(Options{})
	if len(serial) < 15 {
		t.Fatalf("only %d items", len(serial))
	}
	for _, w := range []int{2, 3, 8} {
		if got := render(Options{Workers: w}); strings.Join(got, "\n") != strings.Join(serial, "\n") {
			t.Errorf("Workers %d:\n%s\nserially:\n%s", w, strings.Join(got, "\n"), strings.Join(serial, "\n"))
		}
	}
	n := 0
	for range Read(context.Background(), paths, nil, Options{Workers: 2}) {
		n++
		if n == 2 {
			break
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var errs []error
	for _, err := range Read(ctx, paths, nil, Options{Workers: 2}) {
		errs = append(errs, err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("cancelled: %v, want one context.Canceled", errs)
	}
}

// TestExtractHTMLNoArticle: a page with no text at all gives an empty
// document (rejected later by the pipeline as empty), never a panic.
func TestExtractHTMLNoArticle(t *testing.T) {
	for _, page := range []string{
		"",
		"<html><body><nav><a href=/>Accueil</a></nav></body></html>",
		"<html><head><title>Seulement un titre</title></head></html>",
		"<<<>>>&&&",
	} {
		p, err := ExtractHTML(strings.NewReader(page), "", "")
		if err != nil && !errors.Is(err, ErrNoArticle) {
			t.Errorf("%q: %v", page, err)
		}
		if strings.Contains(p.Text, "Accueil") && len(p.Text) > 20 {
			t.Errorf("%q: text %q", page, p.Text)
		}
	}
}

// FuzzReadSniffed feeds arbitrary bytes to Read as standard input (sniffed as
// gzip, WARC, feed, page, JSON Lines or text): it must never panic nor hang.
func FuzzReadSniffed(f *testing.F) {
	for _, name := range []string{"web/rencontre.html", "feeds/monde.rss", "feeds/noticias.atom", "crawl/news.warc", "crawl/news.warc.gz", "news.jsonl.gz"} {
		b, err := os.ReadFile(filepath.Join(td, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999999\r\n\r\nshort"))
	f.Add([]byte{0x1f, 0x8b, 0x08, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, err := range Read(context.Background(), []string{"-"}, bytes.NewReader(b), Options{MaxBytes: 1 << 20}) {
			_ = err
		}
	})
}
