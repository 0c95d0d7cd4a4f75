package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"dyad/event"
)

// isURL reports whether a path given on the command line is an http(s) URL.
func isURL(p string) bool {
	l := strings.ToLower(p)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

func (r *reader) client() *http.Client {
	if r.opt.HTTP != nil {
		return r.opt.HTTP
	}
	return &http.Client{Timeout: 30 * time.Second}
}

// get fetches u; the caller closes the body.
func (r *reader) get(u string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(r.ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "dyad (political event coder)")
	resp, err := r.client().Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		resp.Body.Close()
		return nil, fmt.Errorf("HTTP %s", resp.Status)
	}
	return resp, nil
}

// fetchPath reads a URL given as a path: a feed, a web page, or any other
// input dyad reads, chosen by content type, extension and content.
func (r *reader) fetchPath(u string) bool {
	resp, err := r.get(u)
	if err != nil {
		return r.fail(u, 0, err)
	}
	defer resp.Body.Close()
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	switch {
	case strings.Contains(mt, "rss"), strings.Contains(mt, "atom"), mt == "application/xml", mt == "text/xml":
		cnt := &counter{r: resp.Body, total: r.opt.BytesRead}
		return r.feed(u, bufio.NewReaderSize(cnt, 64<<10))
	case mt == "text/html" || mt == "application/xhtml+xml":
		cnt := &counter{r: resp.Body, total: r.opt.BytesRead}
		b, err := r.readAll(cnt)
		if err != nil {
			return r.fail(u, 0, err)
		}
		x, ct := r.extractor(), resp.Header.Get("Content-Type")
		return r.page(pageJob{name: u, make: func() (event.Document, error) {
			p, err := x.extract(bytes.NewReader(b), ct, u)
			if err != nil {
				return event.Document{}, err
			}
			return r.pageDoc(u, u, p), nil
		}})
	}
	return r.stream(u, resp.Body, resp.ContentLength)
}

// fetchPage fetches and extracts one web page.
func (r *reader) fetchPage(u string) (Page, error) {
	resp, err := r.get(u)
	if err != nil {
		return Page{}, err
	}
	defer resp.Body.Close()
	cnt := &counter{r: resp.Body, total: r.opt.BytesRead}
	b, err := r.readAll(cnt)
	if err != nil {
		return Page{}, err
	}
	p, err := r.extractor().extract(bytes.NewReader(b), resp.Header.Get("Content-Type"), u)
	if err != nil {
		return Page{}, err
	}
	if p.URL == "" {
		p.URL = u
	}
	return p, nil
}

// absLink resolves an item's link against the feed's URL when the feed was
// fetched.
func (r *reader) absLink(feedName, link string) string {
	if !isURL(feedName) {
		return link
	}
	base, err := url.Parse(feedName)
	if err != nil {
		return link
	}
	u, err := url.Parse(link)
	if err != nil {
		return link
	}
	return base.ResolveReference(u).String()
}
