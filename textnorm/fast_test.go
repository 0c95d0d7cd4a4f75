package textnorm

import "testing"

// TestSimpleFastPath pins that the fast path for texts with nothing to
// normalise gives exactly what the general path gives, map included, and
// that texts with something to normalise do not take it.
func TestSimpleFastPath(t *testing.T) {
	for _, tc := range []struct {
		in     string
		simple bool
	}{
		{"Le ministre russe a rencontré mercredi son homologue cubain.", true},
		{"La ministra de Cuba condenó el bloqueo: «es ilegal».", true},
		{"The U.S. president met Japan's prime minister.", true},
		{"Zakharova a déclaré l’ingérence", false}, // curly apostrophe
		{"deux  espaces", false},                   // doubled space
		{"une ligne\nune autre", false},            // line break
		{" espace devant", false},                  // leading space
		{"insécable\u00a0ici", false},              // odd space
		{"e\u0301crit", false},                     // not NFC
		{"\u201cguillemets\u201d", false},          // curly quotes
		{"mot\u00adcoupé", false},                  // soft hyphen
		{"zéro\u200blargeur", false},               // zero width
		{"ﬁn de ligature", false},                  // ligature
		{"tab\tulation", false},                    // tab
	} {
		if got := simple(tc.in); got != tc.simple {
			t.Errorf("simple(%q) = %v, want %v", tc.in, got, tc.simple)
		}
		fast := Options{}.Normalize(tc.in)
		slow := Options{}.normalize(tc.in)
		if fast.Text != slow.Text {
			t.Errorf("%q: fast %q, slow %q", tc.in, fast.Text, slow.Text)
			continue
		}
		// offsets at character boundaries, as the segmenter gives them
		var bounds []int
		for i := range fast.Text {
			bounds = append(bounds, i)
		}
		bounds = append(bounds, len(fast.Text))
		for k, i := range bounds {
			if fast.Raw(i) != slow.Raw(i) {
				t.Errorf("%q: Raw(%d) fast %d, slow %d", tc.in, i, fast.Raw(i), slow.Raw(i))
				break
			}
			for _, j := range bounds[k:] {
				if fast.RawSpan(i, j) != slow.RawSpan(i, j) {
					t.Errorf("%q: RawSpan(%d, %d) fast %v, slow %v", tc.in, i, j, fast.RawSpan(i, j), slow.RawSpan(i, j))
				}
			}
		}
		if len(fast.Paragraphs()) != len(slow.Paragraphs()) || fast.Paragraphs()[0] != slow.Paragraphs()[0] {
			t.Errorf("%q: paragraphs fast %v, slow %v", tc.in, fast.Paragraphs(), slow.Paragraphs())
		}
	}
}
