package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync/atomic"
)

// kind is the format of an input, chosen by extension and by content.
type kind uint8

const (
	kindUnknown kind = iota // not a document source when found in a folder
	kindText
	kindJSONL
	kindHTML
	kindFeed
	kindWARC
)

// kindOf is the format a file name announces; name.gz announces name's.
func kindOf(name string) kind {
	lower := strings.ToLower(name)
	lower = strings.TrimSuffix(lower, ".gz")
	switch filepath.Ext(lower) {
	case ".txt", ".text":
		return kindText
	case ".jsonl", ".ndjson":
		return kindJSONL
	case ".html", ".htm", ".xhtml":
		return kindHTML
	case ".rss", ".atom", ".xml":
		return kindFeed
	case ".warc":
		return kindWARC
	}
	return kindUnknown
}

var gzipMagic = []byte{0x1f, 0x8b}

// sniffLen is how much of an input is looked at to guess its format.
const sniffLen = 4096

// sniff guesses a format from the first bytes of an input.
func sniff(head []byte) kind {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, bom), " \t\r\n")
	if bytes.HasPrefix(h, []byte("WARC/")) {
		return kindWARC
	}
	low := bytes.ToLower(h[:min(len(h), sniffLen)])
	if bytes.HasPrefix(low, []byte("<")) {
		for _, m := range []string{"<rss", "<feed", "<rdf:rdf"} {
			if bytes.Contains(low, []byte(m)) {
				return kindFeed
			}
		}
		for _, m := range []string{"<!doctype html", "<html", "<head", "<body", "<article"} {
			if bytes.Contains(low, []byte(m)) {
				return kindHTML
			}
		}
	}
	return kindUnknown
}

// counter counts the bytes read from an input, and adds them to a total
// shared with whoever shows progress. When sticky, after the first error
// other than io.EOF it keeps the error in err and reports io.EOF: some
// parsers retry a reader's error forever.
type counter struct {
	r      io.Reader
	n      int64
	total  *atomic.Int64
	sticky bool
	err    error
}

func (c *counter) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, io.EOF
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.total != nil && n > 0 {
		c.total.Add(int64(n))
	}
	if c.sticky && err != nil && err != io.EOF {
		c.err = err
		err = io.EOF
	}
	return n, err
}

// stream reads one input (a file, standard input or a fetched URL) of the
// given size (-1 when unknown): gzip is undone, then the format is chosen by
// the name's extension, else by content.
func (r *reader) stream(name string, in io.Reader, size int64) bool {
	cnt := &counter{r: in, total: r.opt.BytesRead}
	br := bufio.NewReaderSize(cnt, 64<<10)
	head, _ := br.Peek(2)
	if bytes.Equal(head, gzipMagic) {
		if r.gzippedWARC(br) {
			return r.warc(name, br, cnt)
		}
		zr, err := gzip.NewReader(br)
		if err != nil {
			return r.fail(name, 0, fmt.Errorf("gzip: %w", err))
		}
		defer zr.Close()
		inner := bufio.NewReaderSize(zr, 64<<10)
		return r.content(name, strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".GZ"), inner, -1, cnt)
	}
	return r.content(name, name, br, size, cnt)
}

// gzippedWARC reports whether the gzip stream br starts with a WARC record,
// by inflating the start of what is already buffered.
func (r *reader) gzippedWARC(br *bufio.Reader) bool {
	head, _ := br.Peek(32 << 10)
	zr, err := gzip.NewReader(bytes.NewReader(head))
	if err != nil {
		return false
	}
	buf := make([]byte, 5)
	n, _ := io.ReadFull(zr, buf)
	return string(buf[:n]) == "WARC/"
}

// content reads an uncompressed input. nameForKind is name without its .gz.
func (r *reader) content(name, nameForKind string, br *bufio.Reader, size int64, cnt *counter) bool {
	k := kindOf(nameForKind)
	if name == StdinName {
		k = kindUnknown
	}
	if k == kindUnknown || k == kindHTML || k == kindFeed {
		head, _ := br.Peek(sniffLen)
		if s := sniff(head); s != kindUnknown && (k == kindUnknown || s == kindWARC) {
			k = s
		}
	}
	switch k {
	case kindJSONL:
		return r.jsonl(name, newLineReader(br, r.max))
	case kindHTML:
		return r.htmlFile(name, br)
	case kindFeed:
		return r.feed(name, br)
	case kindWARC:
		return r.warc(name, br, cnt)
	}
	if name == StdinName {
		return r.stdinText(br)
	}
	if size > r.max {
		return r.fail(name, 0, r.tooLarge("file"))
	}
	var buf bytes.Buffer
	if size > 0 {
		buf.Grow(int(size) + 1)
	}
	return r.text(name, name, nil, br, &buf)
}

// readAll reads at most r.max bytes of rd.
func (r *reader) readAll(rd io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(rd, r.max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > r.max {
		return nil, r.tooLarge("document")
	}
	return b, nil
}
