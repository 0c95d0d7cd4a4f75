package lang_test

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dyad/data"
	"dyad/lang"
)

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestFormsEmbedded(t *testing.T) {
	d := load(t)
	tests := []struct {
		lang, lemma string
		has         []string // folded forms that must be there
		hasNot      []string
	}{
		{"fr", "envoyer", []string{"envoyer", "enverra", "envoye", "envoyees", "envoient", "envoyerent"}, []string{"envoyé", "rencontre"}},
		{"fr", "Rencontrer", []string{"rencontre", "rencontrent", "rencontrera", "rencontres"}, nil},
		{"fr", "exiger", []string{"exige", "exigeait", "exigeons"}, nil},
		{"fr", "xyzzyer", nil, nil},
		{"en", "send", nil, nil},
		{"xx", "envoyer", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.lemma, func(t *testing.T) {
			got := d.Forms(tt.lang, tt.lemma)
			if tt.has == nil && got != nil {
				t.Fatalf("Forms(%q, %q) = %v, want nil", tt.lang, tt.lemma, got)
			}
			for _, w := range tt.has {
				if !slices.Contains(got, w) {
					t.Errorf("Forms(%q, %q) lacks %q (got %v)", tt.lang, tt.lemma, w, got)
				}
			}
			for _, w := range tt.hasNot {
				if slices.Contains(got, w) {
					t.Errorf("Forms(%q, %q) has %q", tt.lang, tt.lemma, w)
				}
			}
			seen := map[string]bool{}
			for _, f := range got {
				if seen[f] || f != lang.Fold(f) {
					t.Errorf("form %q is repeated or not folded", f)
				}
				seen[f] = true
			}
		})
	}
	var nilData *lang.Data
	if nilData.Forms("fr", "envoyer") != nil {
		t.Error("nil *Data: Forms must answer nil")
	}
}

func TestVerbsFile(t *testing.T) {
	fsys := fstest.MapFS{
		"lang/xx/verbs.tsv.gz":  {Data: gz(t, src+"aller\tva|vont|allé|Allé|allée\n")},
		"lang/xx/verbs.LICENSE": {Data: []byte("any text")},
	}
	d, err := lang.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Forms("xx", "aller"), []string{"va", "vont", "alle", "allee"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Forms = %v, want %v", got, want)
	}
	// The caller owns the slice.
	d.Forms("xx", "aller")[0] = "changed"
	if d.Forms("xx", "aller")[0] != "va" {
		t.Fatal("Forms returned a shared slice")
	}
}

func TestVerbsFileErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want []string
	}{
		{"not gzip", []byte(src + "aller\tva\n"), []string{"lang/xx/verbs.tsv.gz", "gzip"}},
		{"no source", gz(t, "aller\tva\n"), []string{"lang/xx/verbs.tsv.gz", "source"}},
		{"fields", gz(t, src+"aller\n"), []string{"lang/xx/verbs.tsv.gz:2:", "fields"}},
		{"no forms", gz(t, src+"aller\tva\nvenir\t|\n"), []string{"lang/xx/verbs.tsv.gz:3:", "no forms"}},
		{"duplicate", gz(t, src+"aller\tva\n\nAller\tvont\n"), []string{"lang/xx/verbs.tsv.gz:4:", "duplicate lemma"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lang.Load(fstest.MapFS{"lang/xx/verbs.tsv.gz": {Data: tt.data}})
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
}

// hideVerbs is data.FS without the verb forms, to measure what they cost.
type hideVerbs struct{ fs.FS }

func (h hideVerbs) ReadDir(name string) ([]fs.DirEntry, error) {
	es, err := fs.ReadDir(h.FS, name)
	return slices.DeleteFunc(es, func(e fs.DirEntry) bool { return e.Name() == "verbs.tsv.gz" }), err
}

// BenchmarkLoad measures lang.Load with and without verbs.tsv.gz:
// go test -run XXX -bench Load ./lang
func BenchmarkLoad(b *testing.B) {
	for _, bc := range []struct {
		name string
		fsys fs.FS
	}{{"without-verbs", hideVerbs{data.FS}}, {"with-verbs", data.FS}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := lang.Load(bc.fsys); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
