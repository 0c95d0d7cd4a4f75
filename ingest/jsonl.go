package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"dyad/event"
)

// jsonUnmarshal is encoding/json's, named once so the one decoder in use is
// easy to swap.
func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// record is one JSON Lines document; fields other than these are ignored.
type record struct {
	ID        json.RawMessage `json:"id"`
	Text      *string         `json:"text"`
	Published string          `json:"published"`
	Lang      string          `json:"lang"`
	URL       string          `json:"url"`
	Title     string          `json:"title"`
	Source    string          `json:"source"`
}

// record parses line num of the JSON Lines input name.
func (r *reader) record(name string, num int, raw []byte) (event.Document, error) {
	b := bytes.TrimSpace(raw)
	if b[0] != '{' {
		return event.Document{}, fmt.Errorf("%w: not a JSON object", ErrInvalidJSON)
	}
	if !utf8.Valid(b) {
		// encoding/json would silently replace the bad bytes.
		return event.Document{}, ErrInvalidUTF8
	}
	var rec record
	if err := jsonUnmarshal(b, &rec); err != nil {
		return event.Document{}, fmt.Errorf("%w: %v", ErrInvalidJSON, err)
	}
	origin := fmt.Sprintf("%s:%d", name, num)
	id, err := recordID(rec.ID, origin)
	if err != nil {
		return event.Document{}, err
	}
	if rec.Text == nil {
		return event.Document{}, ErrNoText
	}
	pub, err := NormalizeDate(rec.Published)
	if err != nil {
		return event.Document{}, fmt.Errorf(`"published": %w`, err)
	}
	if pub == "" {
		pub = r.opt.Published
	}
	lang := rec.Lang
	if lang == "" {
		lang = r.opt.Lang
	}
	return event.Document{
		ID:        id,
		Text:      *rec.Text,
		Published: pub,
		Lang:      lang,
		URL:       rec.URL,
		Title:     rec.Title,
		Source:    rec.Source,
		Origin:    origin,
	}, nil
}

// recordID reads "id" as a string or a number; absent, null or "" gives def.
func recordID(raw json.RawMessage, def string) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return def, nil
	}
	switch {
	case raw[0] == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", ErrBadID
		}
		if s == "" {
			return def, nil
		}
		return s, nil
	case raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9':
		if _, err := strconv.ParseFloat(string(raw), 64); err != nil {
			return "", ErrBadID
		}
		return string(raw), nil
	}
	return "", ErrBadID
}

// lineReader reads lines of any length up to max bytes from a stream,
// reusing one buffer.
type lineReader struct {
	br   *bufio.Reader
	max  int64
	buf  []byte
	long bool // the last line was longer than max
	num  int  // 1-based number of the last line returned
	back bool // next returns the last line again
}

func newLineReader(r io.Reader, max int64) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 64<<10), max: max}
}

// keepLong is how much of a line longer than max is kept, enough to see how
// it starts.
const keepLong = 64

// next returns the next line with its terminator, valid until the following
// call. long reports a line longer than max: only its first bytes are
// returned and the rest is skipped. At the end of input it returns io.EOF.
func (lr *lineReader) next() (raw []byte, long bool, err error) {
	if lr.back {
		lr.back = false
		lr.num++
		return lr.buf, lr.long, nil
	}
	lr.buf, lr.long = lr.buf[:0], false
	for {
		frag, err := lr.br.ReadSlice('\n')
		if !lr.long {
			if int64(len(lr.buf)+len(frag)) > lr.max {
				lr.long = true
				lr.buf = append(lr.buf, frag...)
				lr.buf = append([]byte(nil), lr.buf[:min(len(lr.buf), keepLong)]...)
			} else {
				lr.buf = append(lr.buf, frag...)
			}
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
		case io.EOF:
			if len(lr.buf) == 0 && !lr.long {
				return nil, false, io.EOF
			}
		default:
			return nil, false, err
		}
		lr.num++
		return lr.buf, lr.long, nil
	}
}

// unread makes next return the last line again.
func (lr *lineReader) unread() { lr.back = true; lr.num-- }
