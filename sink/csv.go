package sink

import (
	"encoding/csv"
	"io"
	"strconv"

	"dyad/event"
)

// CSV writes a header line and one row per event (RFC 4180: fields with
// commas, quotes or line breaks are quoted).
type CSV struct {
	w      *csv.Writer
	header bool
	rec    []string
}

// NewCSV returns a CSV writer.
func NewCSV(w io.Writer) *CSV { return &CSV{w: csv.NewWriter(w)} }

// Write writes one row, after the header on the first call.
func (s *CSV) Write(doc event.Document, ev event.Event) error {
	if !s.header {
		s.header = true
		if err := s.w.Write(Columns); err != nil {
			return err
		}
	}
	r := Flatten(doc, ev)
	s.rec = append(s.rec[:0],
		r.Doc, r.EventID, itoa(r.Sentence), itoa(r.SpanStart), itoa(r.SpanEnd), itoaP(r.TriggerStart), itoaP(r.TriggerEnd), r.Trigger,
		r.Text, r.Lang, r.Code, r.Root, itoa(r.Quad), ftoa(r.Goldstein), r.Plover,
		r.SourceCode, r.SourceCountry, r.SourceOrg, r.SourceRoles, r.SourceName, r.SourceText,
		r.TargetCode, r.TargetCountry, r.TargetOrg, r.TargetRoles, r.TargetName, r.TargetText,
		r.Date, r.DateBasis, r.Modality,
		r.LocationText, r.LocationName, r.LocationCountry, ftoaP(r.LocationLat), ftoaP(r.LocationLon),
		r.Rule, ftoa(r.Confidence), r.URL, r.Title, r.Published)
	return s.w.Write(s.rec)
}

// Close writes what is buffered.
func (s *CSV) Close() error {
	if !s.header { // no event: the header alone
		s.header = true
		if err := s.w.Write(Columns); err != nil {
			return err
		}
	}
	s.w.Flush()
	return s.w.Error()
}

func itoa(n int32) string { return strconv.FormatInt(int64(n), 10) }

func itoaP(n *int32) string {
	if n == nil {
		return ""
	}
	return itoa(*n)
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func ftoaP(f *float64) string {
	if f == nil {
		return ""
	}
	return ftoa(*f)
}
