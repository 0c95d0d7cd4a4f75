package coder

import (
	"errors"
	"io/fs"
	"strings"

	"dyad/dict"
)

// Grammar holds the closed-class words the coder reads clauses with, per
// language: prepositions by role, negation, auxiliaries, verb endings.
type Grammar struct {
	words    map[gramWord]bool
	suffixes map[string][]string // lang+" "+class -> endings
	capitals map[string]string   // lang+" "+capital -> the accented word
}

// Capital returns the accented word a capital stands for ("A" -> "à" in
// French), if the grammar says so.
func (g *Grammar) Capital(lang, text string) (string, bool) {
	w, ok := g.capitals[lang+" "+text]
	return w, ok
}

// grammarClasses are the word classes of triggers/grammar.tsv.
var grammarClasses = map[string]string{
	"by":         "introduces the agent of a passive (par, by, por)",
	"with":       "introduces a partner (avec, with, con)",
	"against":    "introduces a victim or an opponent (contre, against, contra)",
	"to":         "introduces a recipient or destination (à, to, a)",
	"from":       "introduces an origin (de, from)",
	"place":      "introduces a place (à, en, dans, in, at)",
	"between":    "introduces a pair (entre, between)",
	"prep":       "any other preposition: the group after it is no subject",
	"clause":     "opens a new clause (que, that, qui, which)",
	"negpre":     "first part of a negation (ne, n')",
	"negpost":    "second part of a negation (pas, jamais)",
	"neg":        "a negation on its own (not, never, no)",
	"future":     "an auxiliary of the future (will, va, going)",
	"cond":       "an auxiliary of the conditional (would, could)",
	"concessive": "opens a concession (malgré, despite)",
	"quantity":   "a quantity noun before de/of (des dizaines de manifestants)",
	"contracted": "a preposition fused with a determiner (du, au, del): governs the group it starts",
	"capital":    "a capital letter standing for an accented word (A=à): written A=à",
	"futsuf":     "verb endings of the future (enverra, continuera)",
	"condsuf":    "verb endings of the conditional (aurait)",
}

func loadGrammar(fsys fs.FS, fold func(string) []string) (*Grammar, error) {
	g := &Grammar{words: map[gramWord]bool{}, suffixes: map[string][]string{}, capitals: map[string]string{}}
	lines, err := dict.ReadTSV(fsys, "triggers/grammar.tsv", 3, 3)
	var errs []error
	if err != nil {
		errs = append(errs, err)
	}
	for _, l := range lines {
		lang, class := l.Fields[0], l.Fields[1]
		if lang != "fr" && lang != "en" && lang != "es" {
			errs = append(errs, dict.Errorf(l, "unknown language %q", lang))
			continue
		}
		if _, ok := grammarClasses[class]; !ok {
			errs = append(errs, dict.Errorf(l, "unknown word class %q", class))
			continue
		}
		for _, w := range dict.SplitAlts(l.Fields[2]) {
			if class == "capital" {
				k, v, ok := strings.Cut(w, "=")
				if !ok {
					errs = append(errs, dict.Errorf(l, "capital %q: want CAPITAL=word", w))
					continue
				}
				g.capitals[lang+" "+k] = v
				continue
			}
			if strings.HasSuffix(class, "suf") {
				for _, f := range fold(w) {
					g.suffixes[lang+" "+class] = append(g.suffixes[lang+" "+class], f)
				}
				continue
			}
			g.words[gramWord{lang, class, strings.ToLower(w)}] = true
		}
	}
	return g, errors.Join(errs...)
}

// Is reports whether the word w (lower case, with its accents: "à" is a
// preposition, "a" a verb) is of the class in lang.
func (g *Grammar) Is(lang, class, w string) bool { return g.words[gramWord{lang, class, w}] }

// gramWord keys the grammar's words without building a string per lookup.
type gramWord struct{ lang, class, word string }

// HasSuffix reports whether the folded word w ends with an ending of the
// class in lang, leaving a stem of at least three letters.
func (g *Grammar) HasSuffix(lang, class, w string) bool {
	for _, s := range g.suffixes[lang+" "+class] {
		if len(w) >= len(s)+3 && strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}
