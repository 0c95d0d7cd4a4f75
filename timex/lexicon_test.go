package timex

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"dyad/dict"
)

const src = "# source: test fixture\n"

func TestParseLexiconErrors(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string // substrings of the error
	}{
		{"unknown kind", src + "season\tété\t1\n", []string{"timex/fr.tsv:2:", `unknown kind "season"`}},
		{"month range", src + "month\tjanvier\t13\n", []string{"timex/fr.tsv:2:", "out of range"}},
		{"weekday range", src + "weekday\tlundi\t0\n", []string{"out of range"}},
		{"not a number", src + "rel\thier\tminus one\n", []string{"not a number"}},
		{"mod value", src + "mod\tdernier\tbefore\n", []string{`"past" or "next"`}},
		{"value where none", src + "prep\ten\t3\n", []string{"takes no value"}},
		{"unknown flag", src + "month\tjanv\t1\tshort\n", []string{`unknown flag "short"`}},
		{"flag on weekday", src + "weekday\tlun\t1\tabbr\n", []string{`unknown flag "abbr"`}},
		{"conflict", src + "month\tmars\t3\nmonth\tmars\t4\n", []string{"timex/fr.tsv:3:", "already has value 3 at timex/fr.tsv:2"}},
		{"fields", src + "month\tmars\n", []string{"timex/fr.tsv:2:", "fields"}},
		{"no source", "month\tmars\t3\n", []string{dict.ErrNoSource.Error()}},
		{"several", src + "month\tx\t0\nmod\ty\tz\n", []string{":2:", ":3:"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseLexicon(map[string][]byte{"timex/fr.tsv": []byte(tc.data)})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestReadLexicon(t *testing.T) {
	if _, err := ReadLexicon(fstest.MapFS{}); !errors.Is(err, ErrNoFiles) {
		t.Errorf("empty FS: got %v, want ErrNoFiles", err)
	}
	fsys := fstest.MapFS{
		"timex/en.tsv": {Data: []byte(src + "month\tmar\t3\tabbr,cap\nmonth\tMay\t5\tcap\n")},
		"timex/es.tsv": {Data: []byte(src + "month\tmar\t3\tabbr\nmonth\tmayo\t5\nrel\tla víspera\t-1\n")},
	}
	l, err := ReadLexicon(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(l.Langs(), ","); got != "en,es" {
		t.Errorf("Langs = %s", got)
	}
	tests := []struct {
		lang, phrase string
		kind         Kind
		value        int
		found, cap   bool
	}{
		{"en", "Mar", Month, 3, true, true},
		{"es", "mar", Month, 3, true, false},
		{"", "mar", Month, 3, true, false}, // all languages: the looser flags
		{"en", "mayo", Month, 0, false, false},
		{"", "MAYO", Month, 5, true, false},
		{"xx", "may", Month, 5, true, true},
		{"es", "la vispera", Rel, -1, true, false},
		{"es", "LA  VÍSPERA", Rel, -1, true, false},
		{"es", "la víspera", Month, 0, false, false},
	}
	for _, tc := range tests {
		e, ok := l.Lookup(tc.lang, tc.kind, tc.phrase)
		if ok != tc.found || ok && (e.Value != tc.value || e.Cap != tc.cap) {
			t.Errorf("Lookup(%q, %v, %q) = %+v, %v", tc.lang, tc.kind, tc.phrase, e, ok)
		}
		if ok && !strings.HasPrefix(e.Rule, "timex/e") {
			t.Errorf("rule %q", e.Rule)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Février": "fevrier", "AOÛT": "aout", "aujourd’hui": "aujourd'hui", "Miércoles": "miercoles", "sábado": "sabado", "Nov.": "nov.",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Key(" la  Víspera "); got != "lavispera" {
		t.Errorf("Key = %q", got)
	}
}
