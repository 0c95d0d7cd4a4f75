package lang

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"dyad/dict"
)

// Dir is the folder, relative to the data root, that holds one sub-folder
// per language.
const Dir = "lang"

// Data is the compiled per-language data. It is immutable after Load and
// safe for concurrent use. All lookups take lower-case keys. A nil *Data
// answers false (or "") to every question.
type Data struct {
	langs    []string
	per      map[string]*langData
	profile  map[string][]weight // detection vocabulary: word -> per-language weights
	prefixes map[string]bool     // compound prefixes of all languages
	function map[string]bool     // function words of all languages
}

type weight struct {
	lang int
	w    float64
}

type langData struct {
	abbr     map[string]bool // value: may end a sentence
	elisions map[string]bool
	inverted map[string]bool
	suffixes []string // suffix clitics, longest first
	whole    map[string]bool
	chars    map[rune]float64
	endings  map[string]float64 // word-ending cues
	maxEnd   int                // longest ending in runes
	verbs    map[string]string  // lower-case lemma -> its raw forms field (verbs.tsv.gz)
}

// The files a language folder may hold, with their field counts.
var files = map[string][2]int{ // read-only table of the format
	"stopwords.tsv":         {1, 2},
	"cues.tsv":              {3, 3},
	"abbreviations.tsv":     {1, 2},
	"elisions.tsv":          {1, 1},
	"clitics.tsv":           {2, 2},
	"whole_words.tsv":       {1, 1},
	"compound_prefixes.tsv": {1, 1},
}

// Load reads lang/<code>/*.tsv from fsys, which is rooted at the data folder
// (data.FS or a folder with the same layout), and the optional verb forms
// lang/<code>/verbs.tsv.gz (with its licence notice verbs.LICENSE). Every
// problem is reported as file:line: message; unknown files and unknown kinds
// are errors.
func Load(fsys fs.FS) (*Data, error) {
	entries, err := fs.ReadDir(fsys, Dir)
	if err != nil {
		return nil, fmt.Errorf("lang: %w", err)
	}
	d := &Data{
		per:      map[string]*langData{},
		prefixes: map[string]bool{},
		function: map[string]bool{},
	}
	type entry struct {
		word string
		w    float64
	}
	vocab := map[string][]entry{} // lang -> detection words
	var errs []error
	for _, e := range entries {
		if !e.IsDir() {
			continue // README and the like
		}
		code := e.Name()
		ld := &langData{
			abbr:     map[string]bool{},
			elisions: map[string]bool{},
			inverted: map[string]bool{},
			whole:    map[string]bool{},
			chars:    map[rune]float64{},
			endings:  map[string]float64{},
		}
		d.langs = append(d.langs, code)
		d.per[code] = ld
		dir := path.Join(Dir, code)
		fes, err := fs.ReadDir(fsys, dir)
		if err != nil {
			errs = append(errs, fmt.Errorf("lang: %w", err))
			continue
		}
		for _, fe := range fes {
			name := path.Join(dir, fe.Name())
			switch {
			case fe.IsDir():
			case fe.Name() == licenceFile:
				continue
			case fe.Name() == verbsFile:
				verbs, err := loadVerbs(fsys, name)
				if err != nil {
					errs = append(errs, err)
				}
				ld.verbs = verbs
				continue
			}
			nf, ok := files[fe.Name()]
			if fe.IsDir() || !ok {
				errs = append(errs, &dict.Error{File: name, Msg: "unknown file in a language folder"})
				continue
			}
			lines, err := dict.ReadTSV(fsys, name, nf[0], nf[1])
			if err != nil {
				errs = append(errs, err)
			}
			seen := map[string]bool{}
			for _, l := range lines {
				key := strings.Join(l.Fields[:min(len(l.Fields), 2)], "\t")
				if fe.Name() != "stopwords.tsv" && fe.Name() != "abbreviations.tsv" {
					key = strings.ToLower(key)
				} else {
					key = strings.ToLower(l.Fields[0])
				}
				if seen[key] {
					errs = append(errs, dict.Errorf(l, "duplicate entry %q", l.Fields[0]))
					continue
				}
				seen[key] = true
				if err := ld.add(d, fe.Name(), l, func(word string, w float64) {
					vocab[code] = append(vocab[code], entry{word, w})
				}); err != nil {
					errs = append(errs, err)
				}
			}
		}
		sort.Slice(ld.suffixes, func(i, j int) bool { return len(ld.suffixes[i]) > len(ld.suffixes[j]) })
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(d.langs) == 0 {
		return nil, fmt.Errorf("lang: no language folder under %s", Dir)
	}
	sort.Strings(d.langs)
	// A word known to k languages counts 1/k of its weight for each: shared
	// words ("la", "de", "en") weigh less than distinctive ones.
	share := map[string]int{}
	for _, code := range d.langs {
		seen := map[string]bool{}
		for _, e := range vocab[code] {
			if !seen[e.word] {
				seen[e.word] = true
				share[e.word]++
			}
		}
	}
	d.profile = map[string][]weight{}
	for i, code := range d.langs {
		for _, e := range vocab[code] {
			d.profile[e.word] = append(d.profile[e.word], weight{i, e.w / float64(share[e.word])})
		}
	}
	return d, nil
}

func (ld *langData) add(d *Data, file string, l dict.Line, vocab func(string, float64)) error {
	f0 := strings.ToLower(l.Fields[0])
	parseW := func(s string) (float64, error) {
		w, err := strconv.ParseFloat(s, 64)
		if err != nil || w <= 0 {
			return 0, dict.Errorf(l, "weight %q: want a positive number", s)
		}
		return w, nil
	}
	switch file {
	case "stopwords.tsv":
		w := 1.0
		if len(l.Fields) == 2 {
			var err error
			if w, err = parseW(l.Fields[1]); err != nil {
				return err
			}
		}
		vocab(f0, w)
		d.function[f0] = true
	case "cues.tsv":
		w, err := parseW(l.Fields[2])
		if err != nil {
			return err
		}
		v := strings.ToLower(l.Fields[1])
		switch f0 {
		case "char":
			r := []rune(v)
			if len(r) != 1 {
				return dict.Errorf(l, "char cue %q: want one character", v)
			}
			ld.chars[r[0]] = w
		case "suffix":
			ld.endings[v] = w
			ld.maxEnd = max(ld.maxEnd, len([]rune(v)))
		case "word":
			vocab(v, w)
		default:
			return dict.Errorf(l, "unknown cue kind %q (want char, suffix or word)", l.Fields[0])
		}
	case "abbreviations.tsv":
		final := false
		if len(l.Fields) == 2 {
			switch l.Fields[1] {
			case "inner", "":
			case "final":
				final = true
			default:
				return dict.Errorf(l, "unknown abbreviation kind %q (want inner or final)", l.Fields[1])
			}
		}
		ld.abbr[strings.TrimSuffix(f0, ".")] = final
	case "elisions.tsv":
		if !strings.HasSuffix(f0, "'") || len(f0) < 2 {
			return dict.Errorf(l, "elision %q: want letters ending in an apostrophe", l.Fields[0])
		}
		ld.elisions[f0] = true
	case "clitics.tsv":
		form := strings.ToLower(l.Fields[1])
		switch f0 {
		case "inverted":
			ld.inverted[form] = true
		case "suffix":
			ld.suffixes = append(ld.suffixes, form)
		default:
			return dict.Errorf(l, "unknown clitic kind %q (want inverted or suffix)", l.Fields[0])
		}
	case "whole_words.tsv":
		ld.whole[f0] = true
	case "compound_prefixes.tsv":
		d.prefixes[f0] = true
	}
	return nil
}

// Langs lists the languages that have data, sorted.
func (d *Data) Langs() []string {
	if d == nil {
		return nil
	}
	return append([]string(nil), d.langs...)
}

func (d *Data) lang(code string) *langData {
	if d == nil {
		return nil
	}
	return d.per[code]
}

// Abbreviation reports whether w (lower case, without its final dot) is an
// abbreviation written with a dot in lang.
func (d *Data) Abbreviation(lang, w string) bool {
	ld := d.lang(lang)
	if ld == nil {
		return false
	}
	_, ok := ld.abbr[w]
	return ok
}

// AbbreviationMayEnd reports whether the abbreviation w may also end a
// sentence ("etc.", "Inc.") when a capitalised word follows.
func (d *Data) AbbreviationMayEnd(lang, w string) bool {
	ld := d.lang(lang)
	return ld != nil && ld.abbr[w]
}

// Elision reports whether p (lower case, ending in "'") is an elided word of
// lang: "l'", "qu'", "jusqu'".
func (d *Data) Elision(lang, p string) bool {
	ld := d.lang(lang)
	return ld != nil && ld.elisions[p]
}

// InvertedClitic reports whether w is a subject pronoun that follows its
// verb after a hyphen in lang ("il" in "dit-il").
func (d *Data) InvertedClitic(lang, w string) bool {
	ld := d.lang(lang)
	return ld != nil && ld.inverted[w]
}

// SuffixClitic returns the contracted ending of the lower-case word w in
// lang ("'s" for "russia's", "n't" for "don't"), or "".
func (d *Data) SuffixClitic(lang, w string) string {
	ld := d.lang(lang)
	if ld == nil {
		return ""
	}
	for _, s := range ld.suffixes {
		if len(w) > len(s) && strings.HasSuffix(w, s) {
			return s
		}
	}
	return ""
}

// WholeWord reports whether the lower-case word w stays one token in lang
// although it looks like an elision or inverted clitic ("aujourd'hui").
func (d *Data) WholeWord(lang, w string) bool {
	ld := d.lang(lang)
	return ld != nil && ld.whole[w]
}

// CompoundPrefix reports whether the lower-case word w is the left part of
// hyphenated compounds in any language ("vice", "porte", "anti").
func (d *Data) CompoundPrefix(w string) bool {
	return d != nil && d.prefixes[w]
}

// FunctionWord reports whether the lower-case word w is a function word
// (article, preposition, conjunction, pronoun) in any language.
func (d *Data) FunctionWord(w string) bool {
	return d != nil && d.function[w]
}
