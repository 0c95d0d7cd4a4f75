package lang

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"dyad/dict"
)

// verbsFile is the optional file of verb forms in a language folder: a
// gzipped TSV of "lemma<TAB>form|form|..." lines (data/gen/lefff writes the
// French one). licenceFile is its licence notice, which Load ignores.
const (
	verbsFile   = "verbs.tsv.gz"
	licenceFile = "verbs.LICENSE"
)

// loadVerbs reads a verbs.tsv.gz file into lemma -> raw forms field. The
// forms are split and folded only when Forms asks for a lemma, so loading
// costs one gunzip and one pass over the lines.
func loadVerbs(fsys fs.FS, name string) (map[string]string, error) {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("lang: %w", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, &dict.Error{File: name, Msg: "not gzip: " + err.Error()}
	}
	var buf bytes.Buffer
	buf.Grow(4 * len(raw)) // the French file inflates about fivefold
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, &dict.Error{File: name, Msg: "gunzip: " + err.Error()}
	}
	lines, err := dict.ParseTSV(name, buf.Bytes(), 2, 2)
	var errs []error
	if err != nil {
		errs = append(errs, err)
	}
	verbs := make(map[string]string, len(lines))
	for _, l := range lines {
		lemma := strings.ToLower(l.Fields[0])
		switch {
		case lemma == "":
			errs = append(errs, dict.Errorf(l, "empty lemma"))
		case strings.Trim(l.Fields[1], "| ") == "":
			errs = append(errs, dict.Errorf(l, "lemma %q has no forms", l.Fields[0]))
		case verbs[lemma] != "":
			errs = append(errs, dict.Errorf(l, "duplicate lemma %q", l.Fields[0]))
		default:
			verbs[lemma] = l.Fields[1]
		}
	}
	return verbs, errors.Join(errs...)
}

// Forms returns the folded inflected forms of the verb lemma in lang ("enverra",
// "envoye", "envoient" for "envoyer"), without duplicates, or nil when the
// lemma is unknown or lang has no verbs.tsv.gz. The lemma is looked up in
// lower case with its accents, since folding would merge distinct verbs
// ("répartir" and "repartir", "tâcher" and "tacher"). The slice is the
// caller's.
func (d *Data) Forms(lang, lemma string) []string {
	ld := d.lang(lang)
	if ld == nil {
		return nil
	}
	field, ok := ld.verbs[strings.ToLower(lemma)]
	if !ok {
		return nil
	}
	alts := dict.SplitAlts(field)
	seen := make(map[string]bool, len(alts))
	out := make([]string, 0, len(alts))
	for _, f := range alts {
		f = Fold(f)
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}
