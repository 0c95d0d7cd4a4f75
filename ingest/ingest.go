package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"dyad/event"
	"dyad/timex"
)

// DefaultMaxBytes bounds one document: a plain-text file, standard input read
// as text, or one JSON line.
const DefaultMaxBytes = 256 << 20

// StdinName names standard input in errors and in Document.Origin.
const StdinName = "stdin"

// Errors a DocError can wrap (besides I/O errors from the file system).
var (
	ErrTooLarge    = errors.New("too large")
	ErrInvalidJSON = errors.New("invalid JSON")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrNoText      = errors.New(`missing "text"`)
	ErrBadID       = errors.New(`"id" must be a string or a number`)
	ErrNoDocuments = errors.New("no documents")
	ErrStdinTwice  = errors.New("standard input given more than once")
)

// Options tune how documents are read.
type Options struct {
	Published string // YYYY-MM-DD for documents that do not give their own
	Lang      string // ISO 639-1 for documents that do not give their own, else ""
	MaxBytes  int64  // largest document or JSON line; 0 means DefaultMaxBytes

	// Follow fetches the page each feed item links to and reads it as HTML
	// instead of the item's own summary.
	Follow bool
	// HTTP fetches feeds and pages given as http(s) URLs; nil means a client
	// with a 30-second timeout.
	HTTP *http.Client
	// BytesRead, when not nil, is increased by every byte read from files,
	// standard input and the network (compressed bytes for gzip), for
	// progress reports.
	BytesRead *atomic.Int64
	// Workers is how many web pages (HTML files, WARC records, followed
	// feed links) are extracted at once; documents are still yielded in
	// input order. 0 or 1 extracts them on the reading goroutine.
	Workers int
}

// DocError names the document (and line, for JSON Lines) that could not be
// read.
type DocError struct {
	Name string // the path as given, or StdinName
	Line int    // 1-based line of a JSON Lines input, else 0
	Err  error
}

func (e *DocError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Name, e.Err)
}

func (e *DocError) Unwrap() error { return e.Err }

// Read streams the documents found at paths: a file ending in .jsonl is JSON
// Lines (one document per line), any other file is one plain-text document
// whose id is the path as given, a folder is walked recursively in lexical
// order for .txt, .text and .jsonl files (hidden files and folders are
// skipped), and "-" is stdin (JSON Lines when its first non-blank line is a
// JSON object, else one plain-text document with id "-").
//
// It yields each document with a nil error, or a *DocError for an input or
// line that cannot be read, and goes on with the next one. When ctx is done
// it yields ctx.Err() once and stops.
func Read(ctx context.Context, paths []string, stdin io.Reader, opt Options) iter.Seq2[event.Document, error] {
	return func(yield func(event.Document, error) bool) {
		r := &reader{ctx: ctx, opt: opt, yield: yield, stdin: stdin, max: opt.MaxBytes}
		if r.max <= 0 {
			r.max = DefaultMaxBytes
		}
		if opt.Workers > 1 {
			for d, err := range readParallel(ctx, paths, r, opt.Workers) {
				if !yield(d, err) {
					return
				}
			}
			return
		}
		for _, p := range paths {
			if !r.path(p) {
				return
			}
		}
	}
}

// reader is the state of one Read iteration. Its methods return false when
// the iteration must stop (the consumer broke out, or ctx is done).
type reader struct {
	ctx       context.Context
	opt       Options
	yield     func(event.Document, error) bool
	stdin     io.Reader
	stdinUsed bool
	max       int64
	lex       *timex.Lexicon // month names for localised dates, loaded when first needed
	lexErr    error
	pages     *pageExtractor
	out       chan<- *pending // parallel reading: every item, in input order
	jobs      chan<- *pending // parallel reading: pages to extract
}

func (r *reader) doc(d event.Document) bool {
	if err := r.ctx.Err(); err != nil {
		r.yield(event.Document{}, err)
		return false
	}
	return r.yield(d, nil)
}

func (r *reader) fail(name string, line int, err error) bool {
	if cerr := r.ctx.Err(); cerr != nil {
		r.yield(event.Document{}, cerr)
		return false
	}
	return r.yield(event.Document{}, &DocError{Name: name, Line: line, Err: bare(err)})
}

// bare drops the operation and path an *fs.PathError repeats, since a
// DocError already names the file.
func bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (r *reader) path(p string) bool {
	if p == "-" {
		return r.readStdin()
	}
	if isURL(p) {
		return r.fetchPath(p)
	}
	st, err := os.Stat(p)
	if err != nil {
		return r.fail(p, 0, err)
	}
	if st.IsDir() {
		return r.walk(p)
	}
	return r.file(p, st.Size())
}

// wanted reports whether a file found in a folder is a document source.
func wanted(name string) bool {
	return kindOf(name) != kindUnknown
}

var errStop = errors.New("stop")

func (r *reader) walk(root string) bool {
	found := false
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			found = true // reported: not an empty folder
			if !r.fail(p, 0, err) {
				return errStop
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !wanted(d.Name()) {
			return nil
		}
		var size int64 = -1
		if d.Type()&fs.ModeSymlink != 0 {
			st, err := os.Stat(p) // follow links to files, never to folders
			if err != nil {
				found = true
				if !r.fail(p, 0, err) {
					return errStop
				}
				return nil
			}
			if !st.Mode().IsRegular() {
				return nil
			}
			size = st.Size()
		} else if !d.Type().IsRegular() {
			return nil
		}
		found = true
		if !r.file(p, size) {
			return errStop
		}
		return nil
	})
	if errors.Is(err, errStop) {
		return false
	}
	if !found {
		return r.fail(root, 0, fmt.Errorf("%w: no .txt, .text, .jsonl, .html, .htm, .xml, .rss, .atom or .warc file (or .gz of one) in this folder", ErrNoDocuments))
	}
	return true
}

// file reads one file; size is its size when known, else -1.
func (r *reader) file(p string, size int64) bool {
	f, err := os.Open(p)
	if err != nil {
		return r.fail(p, 0, err)
	}
	defer f.Close()
	return r.stream(p, f, size)
}

func (r *reader) tooLarge(what string) error {
	lim := fmt.Sprintf("%d bytes", r.max)
	if r.max%(1<<20) == 0 {
		lim = fmt.Sprintf("%d MiB", r.max>>20)
	}
	return fmt.Errorf("%w: %s over the %s limit", ErrTooLarge, what, lim)
}

// text yields one plain-text document made of head followed by the rest of
// rd, read into buf.
func (r *reader) text(name, id string, head []byte, rd io.Reader, buf *bytes.Buffer) bool {
	buf.Write(head)
	room := r.max - int64(len(head))
	if room < 0 {
		return r.fail(name, 0, r.tooLarge("document"))
	}
	n, err := buf.ReadFrom(io.LimitReader(rd, room+1))
	if err != nil {
		return r.fail(name, 0, err)
	}
	if n > room {
		return r.fail(name, 0, r.tooLarge("document"))
	}
	return r.doc(event.Document{
		ID:        id,
		Text:      buf.String(),
		Published: r.opt.Published,
		Lang:      r.opt.Lang,
		Origin:    name,
	})
}

// readStdin reads standard input as JSON Lines or as one text document.
func (r *reader) readStdin() bool {
	if r.stdinUsed {
		return r.fail(StdinName, 0, ErrStdinTwice)
	}
	r.stdinUsed = true
	if r.stdin == nil {
		return r.fail(StdinName, 0, errors.New("no standard input"))
	}
	return r.stream(StdinName, r.stdin, -1)
}

// stdinText reads standard input, once sniffed as neither compressed nor
// markup, as JSON Lines or as one text document.
func (r *reader) stdinText(in io.Reader) bool {
	lr := newLineReader(in, r.max)
	var head []byte // blank lines before the first non-blank one
	for {
		raw, long, err := lr.next()
		if err == io.EOF {
			return r.text(StdinName, "-", head, lr.br, new(bytes.Buffer))
		}
		if err != nil {
			return r.fail(StdinName, 0, err)
		}
		t := bytes.TrimSpace(bytes.TrimPrefix(raw, bom))
		if len(t) == 0 && !long {
			head = append(head, raw...)
			if int64(len(head)) > r.max {
				return r.fail(StdinName, 0, r.tooLarge("document"))
			}
			continue
		}
		if len(t) > 0 && t[0] == '{' && (long || isObject(t)) {
			lr.unread()
			return r.jsonl(StdinName, lr)
		}
		if long {
			return r.fail(StdinName, 0, r.tooLarge("document"))
		}
		head = append(head, raw...)
		return r.text(StdinName, "-", head, lr.br, new(bytes.Buffer))
	}
}

func isObject(b []byte) bool {
	var m map[string]any
	return bytes.HasPrefix(b, []byte("{")) && jsonUnmarshal(b, &m) == nil
}

// jsonl yields one document per non-blank line of lr.
func (r *reader) jsonl(name string, lr *lineReader) bool {
	seen := false
	for {
		raw, long, err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return r.fail(name, lr.num+1, err)
		}
		if long {
			seen = true
			if !r.fail(name, lr.num, r.tooLarge("line")) {
				return false
			}
			continue
		}
		if lr.num == 1 {
			raw = bytes.TrimPrefix(raw, bom)
		}
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		seen = true
		d, err := r.record(name, lr.num, raw)
		if err != nil {
			if !r.fail(name, lr.num, err) {
				return false
			}
			continue
		}
		if !r.doc(d) {
			return false
		}
	}
	if !seen {
		return r.fail(name, 0, fmt.Errorf("%w: no JSON line", ErrNoDocuments))
	}
	return true
}

var bom = []byte("\uFEFF")

// Size is the total size in bytes of the files Read would read at paths
// (folders walked as Read walks them), for progress reports. ok is false when
// it cannot be known: standard input, a URL, or a path that cannot be read.
func Size(paths []string) (n int64, ok bool) {
	for _, p := range paths {
		if p == "-" || isURL(p) {
			return 0, false
		}
		st, err := os.Stat(p)
		if err != nil {
			return 0, false
		}
		if !st.IsDir() {
			n += st.Size()
			continue
		}
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if q != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !wanted(d.Name()) {
				return nil
			}
			info, err := os.Stat(q)
			if err != nil {
				return err
			}
			if info.Mode().IsRegular() {
				n += info.Size()
			}
			return nil
		})
		if err != nil {
			return 0, false
		}
	}
	return n, true
}
