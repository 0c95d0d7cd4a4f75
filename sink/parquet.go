package sink

import (
	"io"

	"github.com/parquet-go/parquet-go"

	"dyad/event"
)

// Parquet writes Row records in a Parquet file: typed columns, Snappy
// compressed, a row group every rowGroup events, so that memory holds one
// row group at most.
type Parquet struct {
	w   *parquet.GenericWriter[Row]
	buf []Row
}

// parquetBatch is how many rows are handed to the writer at once.
const parquetBatch = 256

// NewParquet returns a Parquet writer.
func NewParquet(w io.Writer, rowGroup int) *Parquet {
	return &Parquet{
		w: parquet.NewGenericWriter[Row](w,
			parquet.MaxRowsPerRowGroup(int64(rowGroup)),
			parquet.Compression(&parquet.Snappy),
			parquet.CreatedBy("dyad", "0", ""),
		),
		buf: make([]Row, 0, parquetBatch),
	}
}

// Write adds one row.
func (s *Parquet) Write(doc event.Document, ev event.Event) error {
	s.buf = append(s.buf, Flatten(doc, ev))
	if len(s.buf) == cap(s.buf) {
		return s.flushRows()
	}
	return nil
}

func (s *Parquet) flushRows() error {
	if len(s.buf) == 0 {
		return nil
	}
	_, err := s.w.Write(s.buf)
	clear(s.buf)
	s.buf = s.buf[:0]
	return err
}

// Close writes the last rows, row group and the file footer.
func (s *Parquet) Close() error {
	if err := s.flushRows(); err != nil {
		return err
	}
	return s.w.Close()
}
