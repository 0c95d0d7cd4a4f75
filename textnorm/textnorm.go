package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"dyad/data"
	"dyad/event"
	"dyad/lang"
)

// Result is a normalised text with its map back to the raw text.
type Result struct {
	Text string // the normalised text; paragraphs are separated by "\n\n"

	// starts[i] and ends[i] are the raw byte range of the character that
	// byte i of Text comes from (an inserted space or paragraph break maps
	// to the line break it replaces).
	starts, ends []int32
	paras        []int
	identity     bool // Text is the raw text itself: no map needed
}

// Options carry the language data normalisation needs. A nil function
// answers false.
type Options struct {
	// CompoundPrefix reports whether a lower-case word is the left part of
	// hyphenated compounds ("vice", "porte"): "vice-\nministre" keeps its
	// hyphen, "inter-\nnational" loses it.
	CompoundPrefix func(lowerWord string) bool
	// FunctionWord reports whether a lower-case word is a function word: a
	// short line ending in one is wrapped text, not a title.
	FunctionWord func(lowerWord string) bool
}

// Normalize normalises raw with the language data embedded in dyad/data.
// The data is read only when a line break needs it. Programs that hold a
// lang.Data already should use Options.Normalize with its methods.
func Normalize(raw string) Result {
	var (
		d      *lang.Data
		loaded bool
	)
	get := func() *lang.Data {
		if !loaded {
			loaded = true
			// The embedded data is checked by lang's tests; if it could
			// not be read, nil answers false and only the
			// language-neutral rules apply.
			d, _ = lang.Load(data.FS)
		}
		return d
	}
	return Options{
		CompoundPrefix: func(w string) bool { return get().CompoundPrefix(w) },
		FunctionWord:   func(w string) bool { return get().FunctionWord(w) },
	}.Normalize(raw)
}

// Raw returns the byte offset in the raw text of byte i of r.Text. Raw is
// monotonic; Raw(len(r.Text)) is the end of the last mapped character.
// Offsets out of range are clamped.
func (r Result) Raw(i int) int {
	if r.identity {
		return min(max(i, 0), len(r.Text))
	}
	n := len(r.starts)
	switch {
	case n == 0:
		return 0
	case i >= n:
		return int(r.ends[n-1])
	case i < 0:
		i = 0
	}
	return int(r.starts[i])
}

// RawSpan returns the raw byte range covering the normalised range
// [start, end): from the first byte of the character at start to the end of
// the character before end (not the start of whatever gap follows it).
func (r Result) RawSpan(start, end int) event.Span {
	if r.identity {
		start = min(max(start, 0), len(r.Text))
		end = min(max(end, start), len(r.Text))
		return event.Span{start, end}
	}
	n := len(r.starts)
	start = min(max(start, 0), n)
	end = min(max(end, start), n)
	if end == start {
		p := r.Raw(start)
		return event.Span{p, p}
	}
	return event.Span{int(r.starts[start]), int(r.ends[end-1])}
}

// Paragraphs returns the byte offsets in r.Text where each paragraph
// starts; the first is 0 (none for an empty text).
func (r Result) Paragraphs() []int {
	return append([]int(nil), r.paras...)
}

// unit is one normalised character and the raw bytes it comes from.
type unit struct {
	r    rune
	s, e int32
}

const (
	softHyphen = '\u00ad'
	crLF       = -2 // a '\r' that may absorb a following '\n'
)

// Normalize normalises raw with the language data in o.
func (o Options) Normalize(raw string) Result {
	if simple(raw) {
		// Nothing to change (one line, single spaces, no character the
		// mapping rewrites): most JSON Lines texts and feed items.
		return Result{Text: raw, paras: []int{0}, identity: true}
	}
	return o.normalize(raw)
}

// simple reports whether normalising raw would give raw itself: NFC, one
// line without leading, trailing or doubled spaces, and no character that
// mapChars rewrites or drops.
func simple(raw string) bool {
	if raw == "" || raw[0] == ' ' || raw[len(raw)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
			case c < ' ' || c == 0x7f || c == '`':
				return false
			default:
				prevSpace = false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(raw[i:])
		if r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || rewritten(r) {
			return false
		}
		prevSpace = false
		i += n
	}
	return norm.NFC.IsNormalString(raw)
}

// rewritten reports whether appendMapped turns r into something else.
func rewritten(r rune) bool {
	switch r {
	case '\u0085', '\u2028', '\u2029', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', softHyphen,
		'’', '‘', 'ʼ', '´', '`', '‛', '′', '“', '”', '„', '‟', '″', '\u2010', '\u2011':
		return true
	}
	_, lig := ligatures[r]
	return lig
}

// normalize is Normalize's general path.
func (o Options) normalize(raw string) Result {
	us := mapChars(raw)
	lines := splitLines(us)
	return o.join(lines)
}

// mapChars applies NFC and the character mapping, keeping raw offsets.
func mapChars(raw string) []unit {
	us := make([]unit, 0, len(raw))
	var it norm.Iter
	it.InitString(norm.NFC, raw)
	for !it.Done() {
		p0 := it.Pos()
		seg := it.Next()
		p1 := it.Pos()
		same := string(seg) == raw[p0:p1]
		for k := 0; k < len(seg); {
			r, n := utf8.DecodeRune(seg[k:])
			s, e := p0, p1
			if same {
				s, e = p0+k, p0+k+n
			}
			us = appendMapped(us, r, int32(s), int32(e))
			k += n
		}
	}
	return us
}

var ligatures = map[rune]string{ // read-only: Unicode presentation forms
	'\ufb00': "ff", '\ufb01': "fi", '\ufb02': "fl", '\ufb03': "ffi",
	'\ufb04': "ffl", '\ufb05': "st", '\ufb06': "st",
}

func appendMapped(us []unit, r rune, s, e int32) []unit {
	add := func(r rune) { us = append(us, unit{r, s, e}) }
	switch r {
	case '\r':
		us = append(us, unit{crLF, s, e})
	case '\n':
		if k := len(us) - 1; k >= 0 && us[k].r == crLF && us[k].e == s {
			us[k].r, us[k].e = '\n', e
			return us
		}
		add('\n')
	case '\v', '\f', '\u0085', '\u2028':
		add('\n')
	case '\u2029':
		add('\n')
		add('\n')
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		// invisible: dropped
	case softHyphen:
		add(softHyphen) // dropped when lines are built
	case '’', '‘', 'ʼ', '´', '`', '‛', '′':
		add('\'')
	case '“', '”', '„', '‟', '″':
		add('"')
	case '\u2010', '\u2011':
		add('-')
	default:
		if lg, ok := ligatures[r]; ok {
			for _, c := range lg {
				add(c)
			}
			return us
		}
		switch {
		case unicode.IsSpace(r):
			add(' ')
		case unicode.IsControl(r):
			// dropped
		default:
			add(r)
		}
	}
	if k := len(us) - 2; k >= 0 && us[k].r == crLF {
		us[k].r = '\n'
	}
	return us
}

// line is one non-blank line, trimmed, spaces collapsed.
type line struct {
	us      []unit
	nl      unit // the line break after it (or the end of the text)
	gap     int  // blank lines before it
	softEnd bool // ended in a soft hyphen
	runes   int
}

func splitLines(us []unit) []line {
	var (
		lines []line
		cur   []unit
		soft  bool
		gap   int
	)
	flush := func(nl unit) {
		for len(cur) > 0 && cur[len(cur)-1].r == ' ' {
			cur = cur[:len(cur)-1]
		}
		if len(cur) == 0 {
			if len(lines) > 0 {
				gap++
			}
			soft = false
			return
		}
		lines = append(lines, line{us: cur, nl: nl, gap: gap, softEnd: soft, runes: len(cur)})
		cur, soft, gap = nil, false, 0
	}
	for _, u := range us {
		switch u.r {
		case '\n', crLF:
			flush(unit{'\n', u.s, u.e})
			continue
		case softHyphen:
			soft = true
			continue
		case ' ':
			if len(cur) == 0 || cur[len(cur)-1].r == ' ' {
				continue
			}
		}
		soft = false
		cur = append(cur, u)
	}
	end := int32(0)
	if n := len(us); n > 0 {
		end = us[n-1].e
	}
	flush(unit{'\n', end, end})
	return lines
}

type sep uint8

const (
	sepSpace sep = iota
	sepPara
	sepNone     // joined as is: "vice-" + "ministre"
	sepDehyphen // joined without the hyphen: "inter-" + "national"
)

func (o Options) join(lines []line) Result {
	var res Result
	if len(lines) == 0 {
		return res
	}
	seps := make([]sep, len(lines)) // seps[i]: between lines i-1 and i
	for i := 1; i < len(lines); i++ {
		seps[i] = o.decide(lines, i)
	}
	var b strings.Builder
	emit := func(r rune, s, e int32) {
		n := b.Len()
		b.WriteRune(r)
		for range b.Len() - n {
			res.starts = append(res.starts, s)
			res.ends = append(res.ends, e)
		}
	}
	res.paras = []int{0}
	for i, l := range lines {
		if i > 0 {
			nl := lines[i-1].nl
			switch seps[i] {
			case sepSpace:
				emit(' ', nl.s, nl.e)
			case sepPara:
				emit('\n', nl.s, nl.e)
				emit('\n', nl.s, nl.e)
				res.paras = append(res.paras, b.Len())
			}
		}
		us := l.us
		if i+1 < len(lines) && seps[i+1] == sepDehyphen {
			us = us[:len(us)-1]
		}
		for _, u := range us {
			emit(u.r, u.s, u.e)
		}
	}
	res.Text = b.String()
	return res
}

// decide chooses how lines[i-1] and lines[i] are joined.
func (o Options) decide(lines []line, i int) sep {
	prev, next := lines[i-1], lines[i]
	last := prev.us[len(prev.us)-1].r
	first := next.us[0].r
	nextLower := unicode.IsLower(first)

	// Words cut at the line end.
	if prev.softEnd && unicode.IsLetter(first) {
		return sepNone
	}
	if last == '-' && len(prev.us) >= 2 && unicode.IsLetter(prev.us[len(prev.us)-2].r) &&
		unicode.IsLetter(first) && (next.gap == 0 || nextLower) {
		left := lastWord(prev.us[:len(prev.us)-1])
		lr, _ := utf8.DecodeRuneInString(left)
		if nextLower && !unicode.IsUpper(lr) && !call(o.CompoundPrefix, strings.ToLower(left)) {
			return sepDehyphen
		}
		return sepNone
	}

	terminal := endsTerminal(prev.us)
	if next.gap > 0 {
		if !terminal && nextLower {
			return sepSpace // a sentence cut by a blank line
		}
		return sepPara
	}
	if nextLower {
		return sepSpace
	}
	if terminal {
		if abbrevEnd(prev.us) {
			return sepSpace // "M.\nDupont": let the segmenter decide
		}
		return sepPara
	}
	if startsUpper(next.us) && o.titleLike(lines, i-1) {
		return sepPara
	}
	if o.capitalFunctionWord(next.us) && unicode.IsLetter(last) && !call(o.FunctionWord, strings.ToLower(lastWord(prev.us))) &&
		10*prev.runes < 9*wrapWidth(lines, i-1) {
		// "... de l'actualité internationale\nLe président ...": a wrapped
		// sentence does not go on with a capitalised article.
		return sepPara
	}
	return sepSpace
}

// wrapWidth is the longest line around line i: the width text was wrapped
// at.
func wrapWidth(lines []line, i int) int {
	width := 0
	for k := max(0, i-4); k < min(len(lines), i+5); k++ {
		width = max(width, lines[k].runes)
	}
	return width
}

// capitalFunctionWord reports whether a line starts with a capitalised
// function word ("Le", "The", "Los").
func (o Options) capitalFunctionWord(us []unit) bool {
	var b strings.Builder
	for _, u := range us {
		if !unicode.IsLetter(u.r) {
			break
		}
		b.WriteRune(u.r)
	}
	w := b.String()
	r, _ := utf8.DecodeRuneInString(w)
	return w != "" && unicode.IsUpper(r) && call(o.FunctionWord, strings.ToLower(w))
}

func call(f func(string) bool, w string) bool { return f != nil && f(w) }

// lastWord returns the letters at the end of us, after the last space or
// hyphen.
func lastWord(us []unit) string {
	k := len(us)
	for k > 0 && (unicode.IsLetter(us[k-1].r) || unicode.Is(unicode.Mn, us[k-1].r)) {
		k--
	}
	var b strings.Builder
	for _, u := range us[k:] {
		b.WriteRune(u.r)
	}
	return b.String()
}

func isTerminal(r rune) bool {
	switch r {
	case '.', '!', '?', ':', '»', '"', '\'', '…':
		return true
	}
	return false
}

// endsTerminal reports whether a line ends a sentence: terminal punctuation,
// possibly followed by closing brackets.
func endsTerminal(us []unit) bool {
	k := len(us) - 1
	for k > 0 && (us[k].r == ')' || us[k].r == ']') {
		k--
	}
	return isTerminal(us[k].r)
}

// abbrevEnd reports whether a line ends in a short capitalised word and a
// dot ("M.", "Dr.", "Mme."), which may be an abbreviation before a name.
func abbrevEnd(us []unit) bool {
	n := len(us)
	if us[n-1].r != '.' {
		return false
	}
	w := []rune(lastWord(us[:n-1]))
	return len(w) >= 1 && len(w) <= 3 && unicode.IsUpper(w[0]) &&
		(n-1-len(w) == 0 || us[n-2-len(w)].r == ' ')
}

// startsUpper reports whether a line's first letter, after opening
// punctuation, is upper-case.
func startsUpper(us []unit) bool {
	for _, u := range us {
		switch {
		case unicode.IsUpper(u.r) || unicode.IsTitle(u.r):
			return true
		case unicode.IsLetter(u.r) || unicode.IsDigit(u.r):
			return false
		case strings.ContainsRune("«\"'([¿¡–—- ", u.r):
			continue
		default:
			return false
		}
	}
	return false
}

// titleLike reports whether line i stands alone: clearly shorter than the
// wrapping width of the lines around it, and not ending in a comma, hyphen
// or function word.
func (o Options) titleLike(lines []line, i int) bool {
	width := 0
	for k := max(0, i-4); k < min(len(lines), i+5); k++ {
		width = max(width, lines[k].runes)
	}
	l := lines[i]
	if 4*l.runes >= 3*width {
		return false
	}
	switch l.us[len(l.us)-1].r {
	case ',', ';', '-', '–', '—', '(', '«':
		return false
	}
	w := lastWord(l.us)
	return w == "" || !call(o.FunctionWord, strings.ToLower(w))
}
