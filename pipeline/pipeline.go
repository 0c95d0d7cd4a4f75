package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"

	"dyad/actor"
	"dyad/cameo"
	"dyad/coder"
	"dyad/dateline"
	"dyad/event"
	"dyad/geo"
	"dyad/lang"
	"dyad/segment"
	"dyad/timex"
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
	Actors    bool   // also list the actor mentions in Result.Actors
}

// Result is what coding one document yields.
type Result struct {
	Events        []event.Event
	Sentences     int
	SentenceSpans []event.Span    // every sentence, in order
	Actors        []coder.Mention // with Options.Actors: the actor mentions
	Lang          string
}

// Pipeline codes documents. It is immutable after New and safe for
// concurrent use.
type Pipeline struct {
	lang     *lang.Data
	seg      *segment.Segmenter
	dateline *dateline.Parser
	timex    *timex.Resolver
	geo      *geo.Gazetteer
	coder    *coder.Coder
}

// New compiles the dictionaries in fsys (data.FS or a folder with the same
// layout). Every problem in them is reported, as file:line: message.
func New(fsys fs.FS) (*Pipeline, error) {
	p := &Pipeline{}
	var errs []error
	var err error
	if p.lang, err = lang.Load(fsys); err != nil {
		errs = append(errs, err)
	}
	p.seg = segment.New(p.lang)
	lex, err := timex.ReadLexicon(fsys)
	if err != nil {
		errs = append(errs, err)
	} else {
		p.timex = timex.NewResolver(lex)
		p.dateline = dateline.NewParser(lex)
	}
	if p.geo, err = geo.Load(fsys); err != nil {
		errs = append(errs, err)
	}
	onto, err := cameo.Load(fsys)
	if err != nil {
		errs = append(errs, err)
	}
	tok := p.phraseTokens
	kb, err := actor.Load(fsys, tok)
	if err != nil {
		errs = append(errs, err)
	}
	var valid func(string) bool = func(string) bool { return false }
	if onto != nil {
		valid = onto.Valid
	}
	trig, err := coder.LoadTriggers(fsys, valid, func(s string) []string { return strings.Fields(segment.Fold(s)) }, p.lang.Forms)
	if err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	p.coder = &coder.Coder{KB: kb, Triggers: trig, Onto: onto, Places: p.geo}
	return p, nil
}

// phraseTokens splits a dictionary phrase into folded tokens exactly as the
// segmenter splits running text, so phrases and text always agree.
func (p *Pipeline) phraseTokens(phrase, lg string) []string {
	if lg == "" {
		lg = "fr"
	}
	n := p.seg.Normalize(phrase)
	var out []string
	for _, s := range p.seg.Split(n, lg) {
		for _, t := range s.Tokens {
			out = append(out, t.Norm)
		}
	}
	return out
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

// ErrInternal reports a bug met while coding a document: the document is
// reported and the batch goes on.
var ErrInternal = errors.New("internal error")

// Code codes one document.
func (p *Pipeline) Code(doc event.Document, opt Options) (res Result, err error) {
	if err := Check(doc.Text); err != nil {
		return Result{}, err
	}
	defer func() {
		// A bug in a stage must not take the batch down with it.
		if r := recover(); r != nil {
			res, err = Result{}, fmt.Errorf("%w: %v", ErrInternal, r)
		}
	}()
	in, err := p.prepare(doc, opt)
	if err != nil {
		return Result{}, err
	}
	res = Result{Sentences: len(in.Sentences), Lang: in.Lang}
	if opt.Actors {
		res.Events, res.Actors = p.coder.CodeActors(in)
	} else {
		res.Events = p.coder.Code(in)
	}
	res.SentenceSpans = make([]event.Span, len(in.Sentences))
	for i, s := range in.Sentences {
		res.SentenceSpans[i] = s.Span
	}
	return res, nil
}

// prepare runs the stages before the coder.
func (p *Pipeline) prepare(doc event.Document, opt Options) (*coder.Input, error) {
	n := p.seg.Normalize(doc.Text)
	lg := opt.Lang
	if lg == "" || lg == "auto" {
		lg = doc.Lang
	}
	if lg == "" || lg == "auto" {
		lg = p.lang.Detect(head(n.Text, detectBytes))
	}
	if lg == "" {
		lg = "en"
	}
	published := doc.Published
	if published == "" {
		published = opt.Published
	}
	pub, err := parseDate(published)
	if err != nil {
		return nil, fmt.Errorf("published: %w", err)
	}
	sents := p.seg.Split(n, lg)
	in := &coder.Input{Doc: doc, Lang: lg, Sentences: sents, Ref: pub, RefBasis: "published"}
	if dl, ok := p.dateline.Find(n.Text); ok {
		sp := n.RawSpan(dl.Span[0], dl.Span[1])
		in.Dateline = &sp
		if pl, ok := p.geo.Lookup(dl.Place); ok {
			pl.Text = dl.Place
			in.DatelinePlace = &pl
		}
		if dl.Date.Month > 0 {
			in.Ref = datelineDate(dl.Date, pub, p.years(sents))
			in.RefBasis = "dateline"
		}
	}
	if in.Ref.IsZero() {
		if ys := p.years(sents); len(ys) > 0 {
			in.Ref = event.Date{Year: ys[0]}
		}
	}
	in.Times = make([][]coder.TimeExpr, len(sents))
	for i := range sents {
		for _, x := range p.timex.Find(sents[i].Tokens, lg, in.Ref) {
			in.Times[i] = append(in.Times[i], coder.TimeExpr{Start: x.Start, End: x.End, Date: x.Date, Basis: x.Basis})
		}
	}
	return in, nil
}

// detectBytes is how much of a document language detection reads: a few
// sentences decide, and long documents stay cheap.
const detectBytes = 2000

// head returns the first n bytes of s or a little less, cut at a space.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexByte(s[:n], ' '); i > 0 {
		return s[:i]
	}
	return s[:n]
}

// years returns the explicit years of the text, newest first.
func (p *Pipeline) years(sents []event.Sentence) []int {
	var ys []int
	for _, s := range sents {
		ys = append(ys, p.timex.Years(s.Tokens)...)
	}
	for i := range ys {
		for j := i + 1; j < len(ys); j++ {
			if ys[j] > ys[i] {
				ys[i], ys[j] = ys[j], ys[i]
			}
		}
	}
	return ys
}

// datelineDate gives a dateline's day and month their year: the written
// one, else the publication's (the year before when the day would fall
// after publication), else the newest explicit year of the text.
func datelineDate(d, pub event.Date, years []int) event.Date {
	if d.Year > 0 {
		return d
	}
	switch {
	case pub.Year > 0:
		d.Year = pub.Year
		if pub.Month > 0 && (d.Month > pub.Month+1 || d.Month == 12 && pub.Month == 1) {
			d.Year--
		}
	case len(years) > 0:
		d.Year = years[0]
	}
	return d
}

func parseDate(s string) (event.Date, error) {
	var d event.Date
	if s == "" {
		return d, nil
	}
	if len(s) >= 10 {
		s = s[:10]
	}
	if _, err := fmt.Sscanf(s, "%4d-%2d-%2d", &d.Year, &d.Month, &d.Day); err != nil {
		return event.Date{}, fmt.Errorf("bad date %q (want YYYY-MM-DD)", s)
	}
	if d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 {
		return event.Date{}, fmt.Errorf("bad date %q (want YYYY-MM-DD)", s)
	}
	return d, nil
}

// Explain codes doc and says what the coder saw in each sentence: tokens,
// actors, every trigger considered and why it coded or did not.
func (p *Pipeline) Explain(doc event.Document, opt Options) (exp *coder.Explanation, err error) {
	if err := Check(doc.Text); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			exp, err = nil, fmt.Errorf("%w: %v", ErrInternal, r)
		}
	}()
	in, err := p.prepare(doc, opt)
	if err != nil {
		return nil, err
	}
	return p.coder.Explain(in), nil
}

// Actors lists the actor mentions of a document (see coder.Mention).
func (p *Pipeline) Actors(doc event.Document, opt Options) (ms []coder.Mention, err error) {
	if err := Check(doc.Text); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			ms, err = nil, fmt.Errorf("%w: %v", ErrInternal, r)
		}
	}()
	in, err := p.prepare(doc, opt)
	if err != nil {
		return nil, err
	}
	return p.coder.Actors(in), nil
}

// KB returns the compiled actor knowledge base (for `dyad actor lookup`).
func (p *Pipeline) KB() *actor.KB { return p.coder.KB }
