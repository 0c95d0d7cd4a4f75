package sink

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"

	"dyad/event"
)

// Table writes aligned columns for people.
type Table struct {
	tw   *tabwriter.Writer
	rows int
}

// tableBlock is how many rows are aligned together before they are written.
const tableBlock = 1000

// NewTable returns a table writer.
func NewTable(w io.Writer) *Table {
	return &Table{tw: tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)}
}

// Write writes one row.
func (s *Table) Write(doc event.Document, ev event.Event) error {
	if s.rows == 0 {
		fmt.Fprintln(s.tw, "DOC\tSENT\tDATE\tSOURCE\tEVENT\tTARGET\tMODALITY\tEVIDENCE")
	}
	target := "-"
	if ev.Target != nil {
		target = Cell(ev.Target.Code, 16)
	}
	evidence := Cell(ev.Text, 80)
	if tr := triggerText(doc.Text, ev.Trigger); tr != "" {
		evidence = "[" + Cell(tr, 30) + "] " + evidence
	}
	_, err := fmt.Fprintf(s.tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n",
		CellTail(ev.Doc, 28), ev.Sentence, OrDash(ev.Date), Cell(OrDash(ev.Source.Code), 16),
		Cell(ev.Code, 5), target, Cell(ev.Modality, 12), evidence)
	s.rows++
	if err == nil && s.rows%tableBlock == 0 {
		err = s.tw.Flush()
	}
	return err
}

// Close writes the rows still being aligned.
func (s *Table) Close() error { return s.tw.Flush() }

// OrDash is s, or "-" when it is empty (a table cell is never blank).
func OrDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// Cell flattens s to one line (tabs and line breaks would break the columns)
// and truncates it to max runes with an ellipsis.
func Cell(s string, max int) string {
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}

// CellTail is Cell keeping the end of s, where file names differ.
func CellTail(s string, max int) string {
	s = Cell(s, math.MaxInt)
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return "…" + string(r[len(r)-max+1:])
}
