package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
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
// or gzipped record by record as Common Crawl writes them (or gzipped whole):
// its id and URL are the WARC-Target-URI, its date the page's own, else the
// WARC-Date. Other records (requests, metadata, images, redirects) are
// skipped. A record that cannot be read is reported with its byte offset in
// the file (for gzip, the offset of its gzip member) and the reading goes on
// with the next record found.
//
// gowarc parses the records; dyad undoes the gzip members itself, so that a
// corrupt member is an error of that member (gowarc's own gzip handling
// loops forever on one when syntax errors are ignored) and the next member
// is found by its magic bytes.
func (r *reader) warc(name string, br *bufio.Reader, cnt *counter) bool {
	u := gowarc.NewUnmarshaler(
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
	)
	pos := func() int64 { return cnt.n - int64(br.Buffered()) }
	cnt.sticky = true // gowarc retries a reader's error forever
	found := false
	var zr *gzip.Reader
	var mr *bufio.Reader
	for {
		if err := r.ctx.Err(); err != nil {
			r.yield(event.Document{}, err)
			return false
		}
		if !seekRecord(br, true) {
			if cnt.err != nil {
				return r.fail(name, 0, cnt.err)
			}
			if !found {
				return r.fail(name, 0, fmt.Errorf("%w: no WARC record", ErrNoDocuments))
			}
			return true
		}
		found = true
		start := pos()
		head, _ := br.Peek(2)
		if !bytes.Equal(head, gzipMagic) {
			if !r.warcRecords(name, start, br, u, nil) {
				return false
			}
			if cnt.err != nil {
				return r.fail(name, 0, recordError(start, cnt.err))
			}
			continue
		}
		var err error
		if zr == nil {
			zr, err = gzip.NewReader(br)
		} else {
			err = zr.Reset(br)
		}
		if err != nil {
			if !r.fail(name, 0, recordError(start, fmt.Errorf("gzip: %w", err))) {
				return false
			}
			if pos() == start {
				br.Discard(1)
			}
			continue
		}
		zr.Multistream(false)
		member := &counter{r: zr, sticky: true} // stops at the member's first error
		if mr == nil {
			mr = bufio.NewReaderSize(member, 64<<10)
		} else {
			mr.Reset(member)
		}
		if !r.warcRecords(name, start, mr, u, member) {
			return false
		}
		if member.err != nil {
			if !r.fail(name, 0, recordError(start, member.err)) {
				return false
			}
			if pos() == start {
				br.Discard(1)
			}
		}
	}
}

// seekRecord skips to the next "WARC/", or gzip magic when gz; false at the
// end of the input.
func seekRecord(br *bufio.Reader, gz bool) bool {
	for {
		b, err := br.Peek(5)
		if len(b) < 2 {
			return false
		}
		if gz && b[0] == 0x1f && b[1] == 0x8b || bytes.HasPrefix(b, []byte("WARC/")) {
			return true
		}
		if err != nil && len(b) < 5 {
			return false
		}
		br.Discard(1)
	}
}

// warcRecords parses the records of rd: one (plain WARC, member == nil) or
// all those of a gzip member. A member's documents are yielded only when
// the whole member was read without error.
func (r *reader) warcRecords(name string, at int64, rd *bufio.Reader, u gowarc.Unmarshaler, member *counter) bool {
	var jobs []pageJob
	for {
		if member != nil && !seekRecord(rd, false) {
			break
		}
		rec, err := unmarshal(u, rd)
		if rec == nil && err == io.EOF {
			break
		}
		var job *pageJob
		if err == nil { // else rec, if any, has no block and cannot be closed
			err = safely(func() error {
				var err error
				job, err = r.warcRecord(name, at, rec)
				if cerr := rec.Close(); err == nil && cerr != nil {
					err = cerr
				}
				return err
			})
		}
		if member != nil && member.err != nil {
			break // reported by the caller, with nothing of the member
		}
		if err != nil {
			if !r.fail(name, 0, recordError(at, err)) {
				return false
			}
			if member == nil {
				return true
			}
			continue
		}
		if job != nil {
			jobs = append(jobs, *job)
		}
		if member == nil {
			break
		}
	}
	if member != nil {
		io.Copy(io.Discard, rd) // to the member's end, where gzip checks its sum
		if member.err != nil {
			return true
		}
	}
	for _, j := range jobs {
		if !r.page(j) {
			return false
		}
	}
	return true
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

// unmarshal is u.Unmarshal, with a panic of the parser on malformed input
// (gowarc v1.6.0 indexes a too short version line) turned into an error.
func unmarshal(u gowarc.Unmarshaler, rd *bufio.Reader) (rec gowarc.WarcRecord, err error) {
	err = safely(func() error {
		var err error
		rec, _, _, err = u.Unmarshal(rd)
		return err
	})
	if err != nil && rec != nil && errors.Is(err, errPanic) {
		rec = nil
	}
	return rec, err
}

var errPanic = errors.New("malformed input")

// safely runs f, turning a panic of a parsing library (gowarc,
// go-readability, gofeed) on malformed input into an error.
func safely(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w (%v)", errPanic, p)
		}
	}()
	return f()
}
