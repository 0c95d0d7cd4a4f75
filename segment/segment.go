package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dyad/event"
	"dyad/lang"
	"dyad/textnorm"
)

// Segmenter splits normalised text into sentences and tokens. It is
// immutable and safe for concurrent use.
type Segmenter struct {
	d *lang.Data
}

// New returns a Segmenter using the per-language data d. With a nil d,
// nothing is an abbreviation, elision or clitic.
func New(d *lang.Data) *Segmenter { return &Segmenter{d: d} }

// Normalize normalises raw text with the Segmenter's language data
// (compound prefixes, function words).
func (s *Segmenter) Normalize(raw string) textnorm.Result {
	return textnorm.Options{CompoundPrefix: s.d.CompoundPrefix, FunctionWord: s.d.FunctionWord}.Normalize(raw)
}

// tok is a token in normalised offsets.
type tok struct {
	s, e   int
	kind   event.TokenKind
	abbr   bool // ends in an abbreviation dot: no sentence break
	mayEnd bool // ... unless a capitalised word follows
}

// Split returns the sentences of n in language code lang ("" detects it).
// Sentence and token spans are raw offsets; Sentence.Text and Token.Text
// are normalised text. Paragraph breaks always end a sentence, so a
// headline without final punctuation is a sentence of its own.
func (s *Segmenter) Split(n textnorm.Result, lang string) []event.Sentence {
	if lang == "" {
		lang = s.d.Detect(n.Text)
	}
	var out []event.Sentence
	paras := n.Paragraphs()
	for pi, p0 := range paras {
		p1 := len(n.Text)
		if pi+1 < len(paras) {
			p1 = paras[pi+1]
		}
		toks := s.tokenize(n.Text, p0, p1, lang)
		start := 0
		for i := range toks {
			if i+1 < len(toks) && !s.endsSentence(n.Text, toks, i) {
				continue
			}
			out = append(out, s.sentence(n, toks[start:i+1], len(out), pi))
			start = i + 1
		}
	}
	return out
}

func (s *Segmenter) sentence(n textnorm.Result, toks []tok, index, para int) event.Sentence {
	first, last := toks[0], toks[len(toks)-1]
	sent := event.Sentence{
		Index:     index,
		Span:      n.RawSpan(first.s, last.e),
		Text:      n.Text[first.s:last.e],
		Paragraph: para,
		Tokens:    make([]event.Token, len(toks)),
	}
	for i, t := range toks {
		text := n.Text[t.s:t.e]
		r, _ := utf8.DecodeRuneInString(text)
		sent.Tokens[i] = event.Token{
			Span: n.RawSpan(t.s, t.e),
			Text: text,
			Norm: Fold(text),
			Kind: t.kind,
			Cap:  unicode.IsUpper(r) || unicode.IsTitle(r),
		}
	}
	return sent
}

// endsSentence reports whether a sentence ends after toks[i] (i is not the
// last token of the paragraph).
func (s *Segmenter) endsSentence(text string, toks []tok, i int) bool {
	t := toks[i]
	next := toks[i+1]
	switch {
	case t.abbr:
		return t.mayEnd && next.kind == event.Word && startsUpper(text[next.s:next.e]) && !isCloser(text, toks, i+1)
	case isTerminal(text[t.s:t.e]):
		// Absorb more terminal marks and closing quotes or brackets.
		if isTerminal(text[next.s:next.e]) || isCloser(text, toks, i+1) {
			return false
		}
	case isCloser(text, toks, i):
		// A closer ends the sentence if what it closes follows a terminal
		// mark: "... fin. » Puis".
		k := i
		for k > 0 && isCloser(text, toks, k) {
			k--
		}
		if !isTerminal(text[toks[k].s:toks[k].e]) || toks[k].abbr {
			return false
		}
		if isCloser(text, toks, i+1) || isTerminal(text[next.s:next.e]) {
			return false
		}
	default:
		return false
	}
	// A sentence starts with an upper-case letter, a digit or opening
	// punctuation, not a lower-case word ("etc. et", "… que").
	r, _ := utf8.DecodeRuneInString(text[next.s:])
	return !unicode.IsLower(r)
}

func isTerminal(t string) bool {
	switch t {
	case ".", "!", "?", "…", "...":
		return true
	}
	return false
}

// isCloser reports whether toks[i] closes a quotation or bracket.
func isCloser(text string, toks []tok, i int) bool {
	if i >= len(toks) || toks[i].kind != event.Punct {
		return false
	}
	switch text[toks[i].s:toks[i].e] {
	case "»", "›", ")", "]":
		return true
	case `"`, "'":
		// Straight quotes close when attached to what precedes them.
		return i > 0 && toks[i-1].e == toks[i].s
	}
	return false
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

func runeAt(text string, i int) rune {
	if i >= len(text) || i < 0 {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r
}

// tokenize splits text[p0:p1] into tokens.
func (s *Segmenter) tokenize(text string, p0, p1 int, lang string) []tok {
	var toks []tok
	for i := p0; i < p1; {
		r, n := utf8.DecodeRuneInString(text[i:p1])
		switch {
		case unicode.Is(unicode.Mn, r) && len(toks) > 0 && toks[len(toks)-1].e == i:
			// A combining mark stays with the character before it.
			e := marksEnd(text, i, p1)
			toks[len(toks)-1].e = e
			i = e
		case unicode.IsSpace(r):
			i += n
		case isLetter(r):
			if e := acronym(text, i, p1); e > 0 {
				toks = append(toks, tok{s: i, e: e, kind: event.Word, abbr: true})
				i = e
				continue
			}
			e := wordEnd(text, i, p1)
			toks = s.splitWord(toks, text, i, e, lang)
			i = e
			// An abbreviation or an initial takes its dot.
			if runeAt(text, i) == '.' && i < p1 {
				last := &toks[len(toks)-1]
				w := text[last.s:last.e]
				lw := lower(w)
				initial := utf8.RuneCountInString(w) == 1 && startsUpper(w)
				if initial || s.d.Abbreviation(lang, lw) {
					last.e = i + 1
					last.abbr = true
					last.mayEnd = !initial && s.d.AbbreviationMayEnd(lang, lw)
					i++
				}
			}
		case unicode.IsDigit(r):
			e := marksEnd(text, numberEnd(text, i, p1), p1)
			toks = append(toks, tok{s: i, e: e, kind: event.Number})
			i = e
		case r == '.' && strings.HasPrefix(text[i:p1], "..."):
			e := i + 3
			for e < p1 && text[e] == '.' {
				e++
			}
			toks = append(toks, tok{s: i, e: e, kind: event.Punct})
			i = e
		default:
			e := marksEnd(text, i+n, p1)
			toks = append(toks, tok{s: i, e: e, kind: event.Punct})
			i = e
		}
	}
	return toks
}

// Bounds that keep tokenisation linear on pathological input: no
// dictionary word, elided word or acronym is longer.
const (
	maxWhole   = 64 // bytes
	maxElision = 16 // bytes
	maxGroups  = 8
)

// marksEnd returns the end of the combining marks starting at i: they
// stay with the character before them.
func marksEnd(text string, i, p1 int) int {
	for i < p1 {
		r, n := utf8.DecodeRuneInString(text[i:p1])
		if !unicode.Is(unicode.Mn, r) {
			break
		}
		i += n
	}
	return i
}

// acronym returns the end of "U.S.", "U.N.", "EE.UU.", "e.g." starting at
// i: two or more groups of one or two letters, each followed by a dot; 0 if
// there is none.
func acronym(text string, i, p1 int) int {
	groups, k := 0, i
	for groups < maxGroups {
		j, letters := k, 0
		for j < p1 {
			r, n := utf8.DecodeRuneInString(text[j:p1])
			if !unicode.IsLetter(r) {
				break
			}
			j += n
			letters++
		}
		if letters < 1 || letters > 2 || j >= p1 || text[j] != '.' {
			break
		}
		groups++
		k = j + 1
	}
	if groups < 2 || isLetter(runeAt(text, k)) || unicode.IsDigit(runeAt(text, k)) {
		return 0
	}
	return k
}

// wordEnd returns the end of the word starting at i: letters, marks and
// digits, with hyphens and apostrophes between them.
func wordEnd(text string, i, p1 int) int {
	j := i
	for j < p1 {
		r, n := utf8.DecodeRuneInString(text[j:p1])
		if isLetter(r) || unicode.IsDigit(r) {
			j += n
			continue
		}
		if (r == '-' || r == '\'') && j+n < p1 {
			if r2 := runeAt(text, j+n); isLetter(r2) || unicode.IsDigit(r2) {
				j += n
				continue
			}
		}
		break
	}
	return j
}

// numberEnd returns the end of the number starting at i: digits with
// internal "." or "," groups ("1.5", "10,000"), and an ordinal or unit
// ending of at most three lower-case letters ("60e", "1er", "19th").
func numberEnd(text string, i, p1 int) int {
	j := i
	for j < p1 {
		r := runeAt(text, j)
		if unicode.IsDigit(r) {
			j += utf8.RuneLen(r)
			continue
		}
		if (r == '.' || r == ',') && unicode.IsDigit(runeAt(text, j+1)) {
			j++
			continue
		}
		break
	}
	k, letters := j, 0
	for k < p1 {
		r := runeAt(text, k)
		if !(unicode.IsLower(r) || r == 'º' || r == 'ª') {
			break
		}
		k += utf8.RuneLen(r)
		letters++
	}
	if letters > 0 && letters <= 3 && !isLetter(runeAt(text, k)) && !unicode.IsDigit(runeAt(text, k)) {
		return k
	}
	return j
}

// splitWord appends the tokens of the word text[a:b]: elisions split after
// their apostrophe, contracted endings and inverted subject clitics split
// off, other hyphenated and apostrophised words whole.
func (s *Segmenter) splitWord(toks []tok, text string, a, b int, lang string) []tok {
	d := s.d
	w := lower(text[a:b]) // same byte offsets as text[a:b]
	// Elisions: "l'agenda", "qu'aujourd'hui".
	for {
		if len(w) <= maxWhole && d.WholeWord(lang, w) {
			return append(toks, tok{s: a, e: b, kind: event.Word})
		}
		k := strings.IndexByte(w, '\'')
		if k < 0 || k+1 >= len(w) || k+1 > maxElision || !d.Elision(lang, w[:k+1]) || unicode.Is(unicode.Mn, runeAt(w, k+1)) {
			break
		}
		toks = append(toks, tok{s: a, e: a + k + 1, kind: event.Word})
		a += k + 1
		w = w[k+1:]
	}
	// Contracted endings: "Russia's", "don't".
	if c := d.SuffixClitic(lang, w); c != "" {
		return append(toks, tok{s: a, e: b - len(c), kind: event.Word}, tok{s: b - len(c), e: b, kind: event.Word})
	}
	// Inverted subject clitics: "dit-il", "a-t-elle".
	if h := strings.LastIndexByte(w, '-'); h > 0 && d.InvertedClitic(lang, w[h+1:]) && !unicode.Is(unicode.Mn, runeAt(w, h+1)) {
		v := h
		if v >= 2 && w[v-2:v] == "-t" {
			v -= 2
		}
		if v > 0 && strings.IndexFunc(w[:v], isLetter) >= 0 {
			return append(toks, tok{s: a, e: a + v, kind: event.Word}, tok{s: a + h + 1, e: b, kind: event.Word})
		}
	}
	return append(toks, tok{s: a, e: b, kind: event.Word})
}

// lower lower-cases s rune by rune, keeping any rune whose lower case has
// another length, so byte offsets into the result are offsets into s.
func lower(s string) string {
	return strings.Map(func(r rune) rune {
		if l := unicode.ToLower(r); utf8.RuneLen(l) == utf8.RuneLen(r) {
			return l
		}
		return r
	}, s)
}
