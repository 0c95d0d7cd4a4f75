package ingest

import (
	"bufio"
	"fmt"
	"strings"

	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"dyad/event"
)

// feed yields one document per item of an RSS, Atom or RDF feed: its link,
// title, date and text (the item's content, else its description, as plain
// text). With Options.Follow the item's page is fetched and read as HTML
// instead; a page that cannot be fetched is reported and the item skipped.
func (r *reader) feed(name string, br *bufio.Reader) bool {
	b, err := r.readAll(br)
	if err != nil {
		return r.fail(name, 0, err)
	}
	var f *gofeed.Feed
	err = safely(func() error {
		var err error
		f, err = gofeed.NewParser().ParseString(string(b))
		return err
	})
	if err != nil {
		return r.fail(name, 0, fmt.Errorf("feed: %w", err))
	}
	if len(f.Items) == 0 {
		return r.fail(name, 0, fmt.Errorf("%w: the feed has no item", ErrNoDocuments))
	}
	x := r.extractor()
	lang := langCode(f.Language)
	if lang == "" {
		lang = r.opt.Lang
	}
	for i, it := range f.Items {
		origin := fmt.Sprintf("%s#%d", name, i+1)
		d := event.Document{
			ID:        firstNonEmpty(it.Link, it.GUID, origin),
			Text:      fragmentText(firstNonEmpty(it.Content, it.Description)),
			Published: x.date(it.Published),
			Lang:      lang,
			URL:       it.Link,
			Title:     strings.TrimSpace(it.Title),
			Source:    strings.TrimSpace(f.Title),
			Origin:    origin,
		}
		if d.Published == "" && it.PublishedParsed != nil {
			d.Published = it.PublishedParsed.Format("2006-01-02")
		}
		if d.Published == "" {
			d.Published = x.date(it.Updated)
		}
		if d.Published == "" {
			d.Published = r.opt.Published
		}
		if r.opt.Follow && it.Link != "" {
			link := r.absLink(name, it.Link)
			if !r.page(pageJob{name: origin, make: func() (event.Document, error) {
				return r.follow(d, it.Link, link)
			}}) {
				return false
			}
			continue
		}
		if !r.doc(d) {
			return false
		}
	}
	return true
}

// fragmentText is the plain text of an HTML fragment (or of plain text).
func fragmentText(s string) string {
	if !strings.Contains(s, "<") && !strings.Contains(s, "&") {
		return cleanText(s)
	}
	n, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return cleanText(s)
	}
	return cleanText(render.InnerText(n))
}

// follow fetches an item's page and makes the document from it.
func (r *reader) follow(d event.Document, link, abs string) (event.Document, error) {
	p, err := r.fetchPage(abs)
	if err != nil {
		return event.Document{}, fmt.Errorf("following %s: %w", link, err)
	}
	d.Text = p.Text
	d.Title = firstNonEmpty(d.Title, p.Title)
	if p.Published != "" && (d.Published == "" || d.Published == r.opt.Published) {
		d.Published = p.Published
	}
	if p.Lang != "" {
		d.Lang = p.Lang
	}
	return d, nil
}
