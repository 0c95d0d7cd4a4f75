package sink

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"dyad/event"
)

// Sink writes event records in one format.
type Sink interface {
	// Write writes one event of doc.
	Write(doc event.Document, ev event.Event) error
	// Close writes what is buffered and ends the output (Parquet's footer);
	// it does not close the underlying writer.
	Close() error
}

// Formats lists the format names New accepts.
var Formats = []string{"jsonl", "table", "csv", "gdelt", "parquet"}

// ErrUnknownFormat is returned by New for a name not in Formats.
var ErrUnknownFormat = errors.New("unknown output format")

// Options tune the writers.
type Options struct {
	// Now is the time written in GDELT's DATEADDED column; zero means the
	// time New is called.
	Now time.Time
	// RowGroup is the number of rows per Parquet row group; 0 means
	// DefaultRowGroup.
	RowGroup int
}

// DefaultRowGroup is the number of events per Parquet row group.
const DefaultRowGroup = 64 << 10

// Binary reports whether a format writes bytes that do not belong on a
// terminal (and needs a file).
func Binary(format string) bool { return format == "parquet" }

// New returns a writer of format to w. The caller buffers w if it wants.
func New(format string, w io.Writer, opt Options) (Sink, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if opt.RowGroup <= 0 {
		opt.RowGroup = DefaultRowGroup
	}
	switch format {
	case "jsonl":
		return NewJSONL(w), nil
	case "table":
		return NewTable(w), nil
	case "csv":
		return NewCSV(w), nil
	case "gdelt":
		return NewGDELT(w, opt.Now), nil
	case "parquet":
		return NewParquet(w, opt.RowGroup), nil
	}
	return nil, fmt.Errorf("%w %q: want %s", ErrUnknownFormat, format, strings.Join(Formats, ", "))
}

// triggerText is the trigger's words in the document, or "".
func triggerText(text string, tr *event.Span) string {
	if tr == nil || tr.Start() < 0 || tr.Start() >= tr.End() || tr.End() > len(text) {
		return ""
	}
	return text[tr.Start():tr.End()]
}
