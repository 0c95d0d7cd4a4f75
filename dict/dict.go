package dict

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"
)

// Error is a problem in a dictionary file, located by file and line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Errorf builds an Error for a line.
func Errorf(l Line, format string, args ...any) *Error {
	return &Error{File: l.File, Line: l.Num, Msg: fmt.Sprintf(format, args...)}
}

// Line is one data line of a tab-separated dictionary file.
type Line struct {
	File   string
	Num    int      // 1-based line number
	Fields []string // tab-separated fields, trimmed of surrounding spaces
}

// Rule returns the line's location as "file:line", the form used in
// explanations and in the rule field of event records.
func (l Line) Rule() string { return fmt.Sprintf("%s:%d", l.File, l.Num) }

// ErrNoSource is reported for a file that does not say where its facts come
// from.
var ErrNoSource = errors.New(`missing "# source:" comment saying where the facts come from`)

// ParseTSV parses a dictionary file: UTF-8, one entry per line, fields
// separated by tabs; blank lines and lines starting with # are comments. The
// file must carry a "# source:" comment. Each data line must have between
// minFields and maxFields fields (maxFields < 0: no upper bound). All problems
// are returned together, joined.
func ParseTSV(name string, data []byte, minFields, maxFields int) ([]Line, error) {
	var (
		lines     []Line
		errs      []error
		hasSource bool
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		raw := sc.Text()
		if !utf8.ValidString(raw) {
			errs = append(errs, &Error{name, n, "invalid UTF-8"})
			continue
		}
		t := strings.TrimSpace(raw)
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, "#") {
			if strings.HasPrefix(strings.ToLower(strings.TrimSpace(t[1:])), "source:") {
				hasSource = true
			}
			continue
		}
		parts := strings.Split(strings.TrimRight(raw, "\r"), "\t")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		if len(parts) < minFields || (maxFields >= 0 && len(parts) > maxFields) {
			want := fmt.Sprintf("%d", minFields)
			if maxFields != minFields {
				if maxFields < 0 {
					want = fmt.Sprintf("at least %d", minFields)
				} else {
					want = fmt.Sprintf("%d to %d", minFields, maxFields)
				}
			}
			errs = append(errs, &Error{name, n, fmt.Sprintf("want %s tab-separated fields, got %d", want, len(parts))})
			continue
		}
		lines = append(lines, Line{File: name, Num: n, Fields: parts})
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, &Error{File: name, Line: n + 1, Msg: err.Error()})
	}
	if !hasSource {
		errs = append(errs, &Error{File: name, Msg: ErrNoSource.Error()})
	}
	return lines, errors.Join(errs...)
}

// ReadTSV reads a file from fsys and parses it with ParseTSV.
func ReadTSV(fsys fs.FS, name string, minFields, maxFields int) ([]Line, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	return ParseTSV(name, data, minFields, maxFields)
}

// SplitAlts splits a field of alternatives separated by "|", dropping empty
// ones.
func SplitAlts(field string) []string {
	var out []string
	for _, p := range strings.Split(field, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
