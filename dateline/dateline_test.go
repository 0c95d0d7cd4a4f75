package dateline

import (
	"os"
	"strings"
	"testing"
)

func newParser(t testing.TB) *Parser {
	t.Helper()
	p, err := New(os.DirFS("../data"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFind(t *testing.T) {
	p := newParser(t)
	tests := []struct {
		text   string
		place  string
		date   string
		agency string
		rest   string // the text after Span
	}{
		{"Moscou, 19 novembre (RHC) Le vice-ministre russe", "Moscou", "XXXX-11-19", "RHC", "Le vice-ministre russe"},
		{" Moscou, 19 novembre (RHC) Le vice-ministre", "Moscou", "XXXX-11-19", "RHC", "Le vice-ministre"},
		{"WASHINGTON, Nov 19 (Reuters) - The U.S.", "WASHINGTON", "XXXX-11-19", "Reuters", "The U.S."},
		{"LA HABANA, 19 nov (PL) El canciller", "LA HABANA", "XXXX-11-19", "PL", "El canciller"},
		{"PARIS (AFP) - Le président", "PARIS", "", "AFP", "Le président"},
		{"BRUXELLES (Reuters) - Les Vingt-Sept", "BRUXELLES", "", "Reuters", "Les Vingt-Sept"},
		{"La Havane, 14 juin, (RHC).- Ricardo Cabrisas", "La Havane", "XXXX-06-14", "RHC", "Ricardo Cabrisas"},
		{"NEW YORK (Nations Unies), 29 avril (Xinhua) -- Mercredi,", "NEW YORK", "XXXX-04-29", "Xinhua", "Mercredi,"},
		{"SANTIAGO DE CUBA. – Le ministre", "SANTIAGO DE CUBA", "", "", "Le ministre"},
		{"Madrid, 3 mar (EFE).- El Gobierno", "Madrid", "XXXX-03-03", "EFE", "El Gobierno"},
		{"LONDON, March 3 (Reuters) - Britain", "LONDON", "XXXX-03-03", "Reuters", "Britain"},
		{"Beijing, Nov. 19 (Xinhua) -- China", "Beijing", "XXXX-11-19", "Xinhua", "China"},
		{"GENÈVE, 2 décembre 2020 (AFP) - L'OMS", "GENÈVE", "2020-12-02", "AFP", "L'OMS"},
		{"Caracas, 5 de marzo (PL) - El presidente", "Caracas", "XXXX-03-05", "PL", "El presidente"},
		// variations
		{"Ciudad de la Habana, 1ro de enero (PL) - El", "Ciudad de la Habana", "XXXX-01-01", "PL", "El"},
		{"Ciudad de la Habana, 1ro de enero", "", "", "", ""},
		{"Rio de Janeiro, 1er janvier (AFP) - Le", "Rio de Janeiro", "XXXX-01-01", "AFP", "Le"},
		{"WASHINGTON, March 3, 2021 (Reuters) - The", "WASHINGTON", "2021-03-03", "Reuters", "The"},
		{"Caracas, 5 de marzo de 2019 (PL) - El", "Caracas", "2019-03-05", "PL", "El"},
		{"Port-au-Prince, 12 janv. (AFP) - Le", "Port-au-Prince", "XXXX-01-12", "AFP", "Le"},
		{"Moscou, 19 novembre - Le ministre", "Moscou", "XXXX-11-19", "", "Le ministre"},
		{"MOSCOU – Le ministre", "MOSCOU", "", "", "Le ministre"},
		{"Kiev. — Les forces", "Kiev", "", "", "Les forces"},
		{"WASHINGTON, Nov 19 (Reuters) -", "WASHINGTON", "XXXX-11-19", "Reuters", ""},
		// a headline line first
		{"Russie et Cuba pour plus de coopération\nMoscou, 19 novembre (RHC) Le vice-ministre", "Moscou", "XXXX-11-19", "RHC", "Le vice-ministre"},
		{"CUBA – RUSSIE\n\nMoscou, 19 novembre (RHC) Le", "Moscou", "XXXX-11-19", "RHC", "Le"},
		// repeated
		{"Moscou, 19 novembre (RHC)\nMoscou, 19 novembre (RHC) Le vice-ministre", "Moscou", "XXXX-11-19", "RHC", "Le vice-ministre"},
		{"Moscou, 19 novembre (RHC) Moscou, 19 novembre (RHC) Le", "Moscou", "XXXX-11-19", "RHC", "Le"},
		// not datelines
		{"Le ministre russe a déclaré que Cuba", "", "", "", ""},
		{"Cuba et la Russie qualifient d'excellentes leurs relations", "", "", "", ""},
		{"Des centaines de personnes ont tenu un rassemblement", "", "", "", ""},
		{"The president said on Monday, Nov 19, that", "", "", "", ""},
		{"Lundi, 19 novembre, le ministre", "", "", "", ""},
		{"Les États-Unis (EU) ont annoncé", "", "", "", ""},
		{"Cuba - les relations", "", "", "", ""},
		{"La Havane, capitale de Cuba, a reçu", "", "", "", ""},
		{"Moscou, 31 novembre (RHC) Le", "", "", "", ""},
		{"", "", "", "", ""},
		{"Moscou", "", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			d, ok := p.Find(tc.text)
			if ok != (tc.place != "") {
				t.Fatalf("found %v, want %v: %+v", ok, tc.place != "", d)
			}
			if !ok {
				return
			}
			if d.Place != tc.place || d.Date.String() != tc.date || d.Agency != tc.agency {
				t.Errorf("got place %q date %q agency %q, want %q %q %q", d.Place, d.Date, d.Agency, tc.place, tc.date, tc.agency)
			}
			if got := tc.text[d.PlaceSpan[0]:d.PlaceSpan[1]]; got != tc.place {
				t.Errorf("PlaceSpan gives %q", got)
			}
			if got := tc.text[d.Span[1]:]; got != tc.rest {
				t.Errorf("text after the dateline %q, want %q", got, tc.rest)
			}
			if !strings.HasPrefix(tc.text[d.Span[0]:], tc.place) {
				t.Errorf("Span starts at %q", tc.text[d.Span[0]:])
			}
		})
	}
}

func FuzzFind(f *testing.F) {
	p := newParser(f)
	for _, s := range []string{
		"Moscou, 19 novembre (RHC) Le", "NEW YORK (Nations Unies), 29 avril (Xinhua) -- M",
		"SANTIAGO DE CUBA. – Le", "T\nLa Havane, 14 juin, (RHC).- R", "A, 1", "A (B", "É, Nov. 3, 2021",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := p.Find(s)
		if !ok {
			return
		}
		if d.Span[0] < 0 || d.Span[0] > d.Span[1] || d.Span[1] > len(s) ||
			d.PlaceSpan[0] < d.Span[0] || d.PlaceSpan[1] > d.Span[1] || d.PlaceSpan[0] >= d.PlaceSpan[1] {
			t.Fatalf("bad spans %+v for %q", d, s)
		}
		if s[d.PlaceSpan[0]:d.PlaceSpan[1]] != d.Place {
			t.Fatalf("PlaceSpan %v does not give %q", d.PlaceSpan, d.Place)
		}
	})
}

func BenchmarkFind(b *testing.B) {
	p := newParser(b)
	text := "Russie et Cuba pour plus de coopération\nMoscou, 19 novembre (RHC) Le vice-ministre russe des Affaires étrangères"
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := p.Find(text); !ok {
			b.Fatal("no dateline")
		}
	}
}
