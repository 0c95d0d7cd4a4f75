package ingest

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrBadDate is reported for a publication date that is neither YYYY-MM-DD
// nor RFC 3339.
var ErrBadDate = errors.New("invalid date: want YYYY-MM-DD or RFC 3339")

// NormalizeDate turns a publication date given as YYYY-MM-DD or RFC 3339
// (2021-11-19T08:30:00+03:00) into YYYY-MM-DD. A timestamp keeps the calendar
// date of its own offset: the day the publisher printed. "" stays "".
func NormalizeDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format(time.DateOnly), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.Format(time.DateOnly), nil
	}
	return "", fmt.Errorf("%w: %q", ErrBadDate, s)
}
