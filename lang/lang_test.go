package lang_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"dyad/data"
	"dyad/dict"
	"dyad/lang"
)

func load(t testing.TB) *lang.Data {
	t.Helper()
	d, err := lang.Load(data.FS)
	if err != nil {
		t.Fatalf("Load(data.FS): %v", err)
	}
	return d
}

func TestLoadEmbedded(t *testing.T) {
	d := load(t)
	if got, want := d.Langs(), []string{"en", "es", "fr"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Langs() = %v, want %v", got, want)
	}
}

func TestLookups(t *testing.T) {
	d := load(t)
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"fr abbr m", d.Abbreviation("fr", "m"), true},
		{"fr abbr mme", d.Abbreviation("fr", "mme"), true},
		{"en abbr mr", d.Abbreviation("en", "mr"), true},
		{"en abbr gen", d.Abbreviation("en", "gen"), true},
		{"es abbr sra", d.Abbreviation("es", "sra"), true},
		{"en abbr the", d.Abbreviation("en", "the"), false},
		{"fr abbr mr is english", d.Abbreviation("fr", "mr"), false},
		{"unknown lang", d.Abbreviation("de", "dr"), false},
		{"etc may end", d.AbbreviationMayEnd("fr", "etc"), true},
		{"m may not end", d.AbbreviationMayEnd("fr", "m"), false},
		{"elision l'", d.Elision("fr", "l'"), true},
		{"elision jusqu'", d.Elision("fr", "jusqu'"), true},
		{"elision quoiqu'", d.Elision("fr", "quoiqu'"), true},
		{"elision without apostrophe", d.Elision("fr", "l"), false},
		{"no elision in en", d.Elision("en", "l'"), false},
		{"inverted il", d.InvertedClitic("fr", "il"), true},
		{"inverted elle", d.InvertedClitic("fr", "elle"), true},
		{"inverted t is not a clitic", d.InvertedClitic("fr", "t"), false},
		{"whole aujourd'hui", d.WholeWord("fr", "aujourd'hui"), true},
		{"whole rendez-vous", d.WholeWord("fr", "rendez-vous"), true},
		{"prefix vice", d.CompoundPrefix("vice"), true},
		{"prefix états", d.CompoundPrefix("états"), true},
		{"prefix inter fuses", d.CompoundPrefix("inter"), false},
		{"prefix international", d.CompoundPrefix("international"), false},
		{"function le", d.FunctionWord("le"), true},
		{"function the", d.FunctionWord("the"), true},
		{"function del", d.FunctionWord("del"), true},
		{"function cuba", d.FunctionWord("cuba"), false},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	for _, tt := range []struct{ lang, word, want string }{
		{"en", "russia's", "'s"},
		{"en", "don't", "n't"},
		{"en", "they're", "'re"},
		{"en", "russia", ""},
		{"en", "'s", ""},
		{"fr", "russia's", ""},
	} {
		if got := d.SuffixClitic(tt.lang, tt.word); got != tt.want {
			t.Errorf("SuffixClitic(%q, %q) = %q, want %q", tt.lang, tt.word, got, tt.want)
		}
	}
}

func TestNilData(t *testing.T) {
	var d *lang.Data
	if d.Detect("the minister said") != "" || d.Abbreviation("en", "mr") || d.Langs() != nil || d.CompoundPrefix("vice") {
		t.Fatal("nil *Data must answer nothing")
	}
}

const src = "# source: test fixture\n"

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // substrings of the error
	}{
		{"no source", map[string]string{"lang/xx/stopwords.tsv": "le\n"}, []string{"lang/xx/stopwords.tsv", "source"}},
		{"bad weight", map[string]string{"lang/xx/stopwords.tsv": src + "le\tabc\n"}, []string{"lang/xx/stopwords.tsv:2:", "weight"}},
		{"bad cue kind", map[string]string{"lang/xx/cues.tsv": src + "letter\tx\t1\n"}, []string{"lang/xx/cues.tsv:2:", "cue kind"}},
		{"long char cue", map[string]string{"lang/xx/cues.tsv": src + "char\txy\t1\n"}, []string{"cues.tsv:2:", "one character"}},
		{"elision without apostrophe", map[string]string{"lang/xx/elisions.tsv": src + "\nl\n"}, []string{"elisions.tsv:3:"}},
		{"clitic kind", map[string]string{"lang/xx/clitics.tsv": src + "prefix\tx\n"}, []string{"clitics.tsv:2:", "clitic kind"}},
		{"abbr kind", map[string]string{"lang/xx/abbreviations.tsv": src + "dr\tmiddle\n"}, []string{"abbreviations.tsv:2:"}},
		{"duplicate", map[string]string{"lang/xx/stopwords.tsv": src + "le\nla\nLe\n"}, []string{"stopwords.tsv:4:", "duplicate"}},
		{"unknown file", map[string]string{"lang/xx/verbs.tsv": src}, []string{"lang/xx/verbs.tsv", "unknown file"}},
		{"fields", map[string]string{"lang/xx/clitics.tsv": src + "inverted\n"}, []string{"clitics.tsv:2:", "fields"}},
		{"no folder", map[string]string{"lang/README.txt": "x"}, []string{"no language folder"}},
		{"no lang dir", map[string]string{"geo/x.tsv": src}, []string{"lang"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, body := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(body)}
			}
			_, err := lang.Load(fsys)
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
	// A located problem is a *dict.Error.
	fsys := fstest.MapFS{"lang/xx/stopwords.tsv": {Data: []byte(src + "le\tx\n")}}
	_, err := lang.Load(fsys)
	var de *dict.Error
	if !errors.As(err, &de) || de.Line != 2 {
		t.Fatalf("want a *dict.Error at line 2, got %v", err)
	}
}

func TestLoadOtherLanguage(t *testing.T) {
	fsys := fstest.MapFS{
		"lang/it/stopwords.tsv": {Data: []byte(src + "il\ngli\ndella\n")},
		"lang/it/elisions.tsv":  {Data: []byte(src + "l'\ndell'\n")},
		"lang/de/stopwords.tsv": {Data: []byte(src + "der\ndie\ndas\nund\n")},
	}
	d, err := lang.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Detect("der Hund und die Katze"); got != "de" {
		t.Errorf("Detect = %q, want de", got)
	}
	if got := d.Detect("il presidente della repubblica"); got != "it" {
		t.Errorf("Detect = %q, want it", got)
	}
	if !d.Elision("it", "dell'") {
		t.Error("Elision(it, dell') = false")
	}
}

func TestDetectCorpus(t *testing.T) {
	d := load(t)
	for _, want := range []string{"fr", "en", "es"} {
		body, err := os.ReadFile(filepath.Join("..", "testdata", "lang", "detect", want+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, line := range strings.Split(string(body), "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			n++
			if got := d.Detect(line); got != want {
				t.Errorf("Detect(%q) = %q, want %q (scores %v)", line, got, want, d.Scores(line))
			}
		}
		if n < 30 {
			t.Errorf("%s: only %d texts, want at least 30", want, n)
		}
	}
}

func TestDetect(t *testing.T) {
	d := load(t)
	tests := []struct{ text, want string }{
		{"", ""},
		{"1234 5678 !!!", ""},
		{"Riabkov Lozada Zakharova", ""},
		{"la havane, 14 JUIN", "fr"},
		// Mixed: two French sentences and one English one.
		{"Le ministre a dit qu'il viendra. The minister said. Les deux pays ont signé un accord de coopération.", "fr"},
		{"El ministro dijo que vendrá. Le ministre a dit. Los dos países firmaron un acuerdo de cooperación.", "es"},
	}
	for _, tt := range tests {
		if got := d.Detect(tt.text); got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q (scores %v)", tt.text, got, tt.want, d.Scores(tt.text))
		}
	}
}
