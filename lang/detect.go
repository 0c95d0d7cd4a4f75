package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Detect returns the language of text among Langs(): the one whose profile
// (function words, frequent words, characters and word endings) scores
// highest, so a mixed text gets its majority language. It returns "" when
// nothing in the text is evidence for any language. Case does not matter.
func (d *Data) Detect(text string) string {
	if d == nil {
		return ""
	}
	scores := d.Scores(text)
	best, bestScore := "", 0.0
	for i, code := range d.langs {
		if scores[i] > bestScore {
			best, bestScore = code, scores[i]
		}
	}
	return best
}

// Scores returns the detection score of each language of Langs(), in that
// order.
func (d *Data) Scores(text string) []float64 {
	if d == nil {
		return nil
	}
	scores := make([]float64, len(d.langs))
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			if r == '¿' || r == '¡' {
				d.scoreWord(string(r), scores)
			}
			i += n
			continue
		}
		j := i
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if !isWordRune(r) {
				break
			}
			j += n
		}
		word := strings.ToLower(text[i:j])
		// An elided form ("l'", "qu'") is looked up with its apostrophe.
		if j < len(text) {
			if r, n := utf8.DecodeRuneInString(text[j:]); r == '\'' || r == '’' {
				if r2, _ := utf8.DecodeRuneInString(text[j+n:]); isWordRune(r2) {
					if ws, ok := d.profile[word+"'"]; ok {
						for _, w := range ws {
							scores[w.lang] += w.w
						}
						i = j + n
						continue
					}
				}
			}
		}
		d.scoreWord(word, scores)
		i = j
	}
	return scores
}

func (d *Data) scoreWord(word string, scores []float64) {
	for _, w := range d.profile[word] {
		scores[w.lang] += w.w
	}
	runes := []rune(word)
	for i, code := range d.langs {
		ld := d.per[code]
		best := 0.0
		for _, r := range runes {
			best = max(best, ld.chars[r])
		}
		scores[i] += best
		// The longest matching ending counts, for words clearly longer
		// than it.
		for k := min(ld.maxEnd, len(runes)-3); k >= 1; k-- {
			if w, ok := ld.endings[string(runes[len(runes)-k:])]; ok {
				scores[i] += w
				break
			}
		}
	}
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}
