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
		var job *pageJob
		if err == nil {
			job, err = r.warcRecord(name, at, rec)
			if cerr := rec.Close(); err == nil && cerr != nil {
				err = cerr
				job = nil
			}
		} else if rec != nil {
			rec.Close()
		}
		if job != nil && !r.page(*job) {
			return false
		}
		if err != nil {
			if !r.fail(name, 0, recordError(at, err)) {
				return false
			}
			if pos() == start {
				if _, derr := br.Discard(1); derr != nil {
					return true
				}
			}
		}
		if cerr := r.ctx.Err(); cerr != nil {
			r.yield(event.Document{}, cerr)
			return false
		}
	}
}

func recordError(at int64, err error) error {
	return fmt.Errorf("%w at byte %d: %v", ErrWARCRecord, at, err)
}

// warcRecord reads an HTML response record and returns the job that makes
// its document, or nil for a record that is not one.
func (r *reader) warcRecord(name string, at int64, rec gowarc.WarcRecord) (*pageJob, error) {
	if rec.Type() != gowarc.Response {
		return nil, nil
	}
	blk, ok := rec.Block().(gowarc.HttpResponseBlock)
	if !ok || blk.HttpStatusCode()/100 != 2 {
		return nil, nil
	}
	ct := blk.HttpHeader().Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ct)
	if mt != "text/html" && mt != "application/xhtml+xml" {
		return nil, nil
	}
	payload, err := blk.PayloadBytes()
	if err != nil {
		return nil, err
	}
	b, err := r.readAll(payload)
	if err != nil {
		return nil, err
	}
	target := strings.Trim(rec.WarcHeader().Get(gowarc.WarcTargetURI), "<>")
	crawled := rec.WarcHeader().Get(gowarc.WarcDate)
	origin := fmt.Sprintf("%s@%d", name, at)
	x := r.extractor()
	return &pageJob{name: name, make: func() (event.Document, error) {
		p, err := x.extract(bytes.NewReader(b), ct, target)
		if err != nil {
			return event.Document{}, recordError(at, err)
		}
		if p.Published == "" {
			if t, err := time.Parse(time.RFC3339, crawled); err == nil {
				p.Published = t.Format(time.DateOnly)
			}
		}
		d := r.pageDoc(origin, firstNonEmpty(target, origin), p)
		if target != "" {
			d.ID = target
			d.URL = firstNonEmpty(p.URL, target)
		}
		return d, nil
	}}, nil
}
