package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"
	"time"

	"github.com/nlnwa/gowarc"

	"dyad/event"
)

// ErrWARCRecord wraps what went wrong with one WARC record.
var ErrWARCRecord = errors.New("bad WARC record")

// warc yields one document per HTML response record of a WARC file, plain
// or gzipped record by record as Common Crawl writes them: its id and URL
// are the WARC-Target-URI, its date the page's own, else the WARC-Date.
// Other records (requests, metadata, images, redirects) are skipped. A
// record that cannot be read is reported with its byte offset in the file
// and the reading goes on with the next record found.
func (r *reader) warc(name string, br *bufio.Reader, cnt *counter) bool {
	u := gowarc.NewUnmarshaler(
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
	)
	pos := func() int64 { return cnt.n - int64(br.Buffered()) }
	found := false
	for {
		start := pos()
		rec, skipped, _, err := u.Unmarshal(br)
		if err == io.EOF && pos() == start+skipped && rec == nil {
			if !found {
				return r.fail(name, 0, fmt.Errorf("%w: no WARC record", ErrNoDocuments))
			}
			return true
		}
		found = true
		at := start + skipped
		if err == nil {
			var d docOrSkip
			d, err = r.warcRecord(name, at, rec)
			if cerr := rec.Close(); err == nil && cerr != nil {
				err = cerr
			}
			if err == nil && d.ok && !r.doc(d.doc) {
				return false
			}
		} else if rec != nil {
			rec.Close()
		}
		if err != nil {
			if !r.fail(name, 0, fmt.Errorf("%w at byte %d: %v", ErrWARCRecord, at, err)) {
				return false
			}
			if pos() == start {
				if _, derr := br.Discard(1); derr != nil {
					return true
				}
			}
		}
		if cerr := r.ctx.Err(); cerr != nil {
			r.yield(docOrSkip{}.doc, cerr)
			return false
		}
	}
}

type docOrSkip struct {
	doc event.Document
	ok  bool
}

// warcRecord turns a record into a document when it is an HTML response.
func (r *reader) warcRecord(name string, at int64, rec gowarc.WarcRecord) (docOrSkip, error) {
	if rec.Type() != gowarc.Response {
		return docOrSkip{}, nil
	}
	blk, ok := rec.Block().(gowarc.HttpResponseBlock)
	if !ok || blk.HttpStatusCode()/100 != 2 {
		return docOrSkip{}, nil
	}
	ct := blk.HttpHeader().Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ct)
	if mt != "text/html" && mt != "application/xhtml+xml" {
		return docOrSkip{}, nil
	}
	payload, err := blk.PayloadBytes()
	if err != nil {
		return docOrSkip{}, err
	}
	b, err := r.readAll(payload)
	if err != nil {
		return docOrSkip{}, err
	}
	target := strings.Trim(rec.WarcHeader().Get(gowarc.WarcTargetURI), "<>")
	p, err := r.extractor().extract(bytes.NewReader(b), ct, target)
	if err != nil {
		return docOrSkip{}, err
	}
	origin := fmt.Sprintf("%s@%d", name, at)
	if p.Published == "" {
		if t, err := time.Parse(time.RFC3339, rec.WarcHeader().Get(gowarc.WarcDate)); err == nil {
			p.Published = t.Format(time.DateOnly)
		}
	}
	d := r.pageDoc(origin, firstNonEmpty(target, origin), p)
	if target != "" {
		d.ID = target
		d.URL = firstNonEmpty(p.URL, target)
	}
	return docOrSkip{doc: d, ok: true}, nil
}
