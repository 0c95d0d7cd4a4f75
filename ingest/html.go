package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"time"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"dyad/data"
	"dyad/event"
	"dyad/timex"
)

// Page is what ExtractHTML reads from a web page.
type Page struct {
	Text      string // the article's main text, paragraphs separated by blank lines
	Title     string
	Published string // YYYY-MM-DD, or "" when the page gives no date
	Lang      string // ISO 639-1 from <html lang>, or ""
	URL       string // the canonical URL, else og:url, else the URL given
	Site      string // og:site_name, or ""
}

// ErrNoArticle is reported for a page where no main text was found.
var ErrNoArticle = errors.New("no article text found in the page")

// pageExtractor reads web pages; months holds the month names that dates
// written out in words ("19 nov. 2021") are read with, or nil.
type pageExtractor struct {
	months *timex.Lexicon
}

// ExtractHTML reads a web page: its main text (without menus, ads or
// comments, by go-readability), title, publication date, language and
// canonical URL. contentType is the HTTP Content-Type when known (it names
// the charset), pageURL the address the page came from, or "".
//
// The date comes from the page's metadata as go-readability reads it
// (article:published_time, Dublin Core, JSON-LD); where it finds none, a
// second pass looks at itemprop="datePublished", <time> elements and date
// meta names, and reads dates written in French, English or Spanish words.
func ExtractHTML(rd io.Reader, contentType, pageURL string) (Page, error) {
	lex, err := timex.ReadLexicon(data.FS)
	if err != nil {
		return Page{}, err
	}
	return (&pageExtractor{months: lex}).extract(rd, contentType, pageURL)
}

func (x *pageExtractor) extract(rd io.Reader, contentType, pageURL string) (p Page, err error) {
	err = safely(func() error {
		p, err = x.extractPage(rd, contentType, pageURL)
		return err
	})
	return p, err
}

func (x *pageExtractor) extractPage(rd io.Reader, contentType, pageURL string) (Page, error) {
	rd, err := charset.NewReader(rd, contentType)
	if errors.Is(err, io.EOF) {
		return Page{URL: pageURL}, nil // an empty page: an empty document
	}
	if err != nil {
		return Page{}, fmt.Errorf("charset: %w", err)
	}
	doc, err := html.Parse(rd)
	if err != nil {
		return Page{}, fmt.Errorf("HTML: %w", err)
	}
	m := scanMeta(doc) // before readability, which rewrites the tree
	var base *url.URL
	if pageURL != "" {
		base, _ = url.Parse(pageURL)
	}
	ps := readability.NewParser()
	// The default logger formats Info records only to discard them: a
	// seventh of the extraction time.
	ps.Logger = slog.New(slog.DiscardHandler)
	art, err := ps.ParseDocument(doc, base)
	if err != nil {
		return Page{}, fmt.Errorf("%w: %v", ErrNoArticle, err)
	}
	p := Page{Title: strings.TrimSpace(art.Title()), Lang: langCode(m.lang), Site: strings.TrimSpace(art.SiteName())}
	if p.Title == "" {
		p.Title = m.title
	}
	if p.Site == "" {
		p.Site = m.site
	}
	if p.Lang == "" {
		p.Lang = langCode(art.Language())
	}
	if t, err := art.PublishedTime(); err == nil && t.Year() > 1900 {
		p.Published = t.Format(time.DateOnly)
	}
	for _, d := range m.dates {
		if p.Published != "" {
			break
		}
		p.Published = x.date(d)
	}
	p.URL = firstNonEmpty(absURL(base, m.canonical), absURL(base, m.ogURL), pageURL)
	if art.Node != nil {
		p.Text = cleanText(render.InnerText(art.Node))
	}
	return p, nil
}

// htmlFile yields one document read from a web page.
func (r *reader) htmlFile(name string, br *bufio.Reader) bool {
	b, err := r.readAll(br)
	if err != nil {
		return r.fail(name, 0, err)
	}
	x := r.extractor()
	return r.page(pageJob{name: name, make: func() (event.Document, error) {
		p, err := x.extract(bytes.NewReader(b), "", "")
		if err != nil {
			return event.Document{}, err
		}
		return r.pageDoc(name, name, p), nil
	}})
}

// pageDoc turns a page into a document; id is used when the page names no
// URL.
func (r *reader) pageDoc(origin, id string, p Page) event.Document {
	if p.URL != "" {
		id = p.URL
	}
	d := event.Document{ID: id, Text: p.Text, Published: p.Published, Lang: p.Lang,
		URL: p.URL, Title: p.Title, Source: p.Site, Origin: origin}
	if d.Published == "" {
		d.Published = r.opt.Published
	}
	if d.Lang == "" {
		d.Lang = r.opt.Lang
	}
	return d
}

func (r *reader) extractor() *pageExtractor {
	if r.pages == nil {
		r.pages = &pageExtractor{months: r.lexicon()}
	}
	return r.pages
}

// lexicon is the month vocabulary of the built-in data, loaded once per Read.
func (r *reader) lexicon() *timex.Lexicon {
	if r.lex == nil && r.lexErr == nil {
		r.lex, r.lexErr = timex.ReadLexicon(data.FS)
	}
	return r.lex
}

// pageMeta is what the page's head and markup say about it.
type pageMeta struct {
	lang, title, site, canonical, ogURL string
	dates                               []string // candidates, best first
}

var dateMetaNames = map[string]bool{
	"date": true, "pubdate": true, "publishdate": true, "publish-date": true,
	"dc.date": true, "dc.date.issued": true, "dcterms.created": true,
	"dcterms.issued": true, "sailthru.date": true, "article.published": true,
	"datepublished": true, "og:published_time": true,
}

// scanMeta walks the whole tree once.
func scanMeta(doc *html.Node) pageMeta {
	var m pageMeta
	var strong, weak []string // datetime attributes and meta; text of date elements
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				if m.lang == "" {
					m.lang = attr(n, "lang")
				}
			case "title":
				if m.title == "" {
					m.title = strings.TrimSpace(textOf(n))
				}
			case "link":
				if strings.EqualFold(attr(n, "rel"), "canonical") && m.canonical == "" {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case "meta":
				prop := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
				content := strings.TrimSpace(attr(n, "content"))
				switch {
				case prop == "og:url" && m.ogURL == "":
					m.ogURL = content
				case prop == "og:site_name" && m.site == "":
					m.site = content
				case dateMetaNames[prop] && content != "":
					strong = append(strong, content)
				}
			case "time":
				if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" {
					strong = append(strong, dt)
				} else {
					weak = append(weak, textOf(n))
				}
			default:
				if strings.EqualFold(attr(n, "itemprop"), "datePublished") {
					strong = append(strong, firstNonEmpty(attr(n, "content"), attr(n, "datetime"), textOf(n)))
				} else if cls := strings.ToLower(attr(n, "class")); strings.Contains(cls, "date") || strings.Contains(cls, "published") {
					if t := textOf(n); len(t) < 80 {
						weak = append(weak, t)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	m.dates = append(strong, weak...)
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func absURL(base *url.URL, ref string) string {
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	return u.String()
}

// langCode turns "fr-FR" or "FR" into "fr"; anything that is not a two- or
// three-letter code gives "".
func langCode(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	if len(s) < 2 || len(s) > 3 {
		return ""
	}
	for _, c := range s {
		if c < 'a' || c > 'z' {
			return ""
		}
	}
	return s
}

// cleanText trims each line and keeps at most one blank line between
// paragraphs.
func cleanText(s string) string {
	var b strings.Builder
	blank := 0
	for line := range strings.Lines(s) {
		line = strings.TrimRightFunc(strings.TrimLeft(line, " \t"), unicode.IsSpace)
		if line == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			if blank > 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteString("\n")
			}
		}
		blank = 0
		b.WriteString(line)
	}
	return b.String()
}

// dateLayouts are timestamp forms seen in page metadata besides RFC 3339.
var dateLayouts = []string{
	"2006-01-02T15:04:05", "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05", "2006-01-02 15:04", "2006/01/02", "02/01/2006",
	time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
}

// date reads a publication date in any of the usual machine forms, or
// written in words in French, English or Spanish; "" when it cannot.
func (x *pageExtractor) date(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if d, err := NormalizeDate(s); err == nil {
		return d
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	if len(s) > 10 && s[4] == '-' && s[7] == '-' {
		if d, err := NormalizeDate(s[:10]); err == nil {
			return d
		}
	}
	return wordDate(s, x.months)
}

// wordDate reads "ven., 19 nov. 2021", "19 de noviembre de 2021" or
// "Nov 19, 2021": a day number next to a month name (from the timex
// vocabulary) and a four-digit year.
func wordDate(s string, lex *timex.Lexicon) string {
	if lex == nil {
		return ""
	}
	toks := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	day, month, year := 0, 0, 0
	monthAt := -1
	for i, t := range toks {
		if n, ok := number(t); ok {
			switch {
			case len(t) == 4 && n >= 1900 && n <= 2200 && year == 0:
				year = n
			case len(t) <= 2 && n >= 1 && n <= 31 && day == 0 && (monthAt < 0 || i == monthAt+1):
				day = n
			}
			continue
		}
		if month == 0 {
			if e, ok := lex.Lookup("", timex.Month, t); ok {
				month, monthAt = e.Value, i
			}
		}
	}
	if day == 0 || month == 0 || year == 0 {
		return ""
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return "" // 31 November
	}
	return t.Format(time.DateOnly)
}

func number(s string) (int, bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
