package store

import (
	"fmt"
	"math/rand/v2"

	"dyad/event"
)

// Synthetic returns n coded documents for benchmarks and load tests, with
// perDoc event mentions each, drawn at random (seeded by seed and from) from
// 60 countries (C00 to C59, the first ones far more often), 4 roles, 40 CAMEO
// codes and ten years of dates. Each mention's sentence ends with a word
// r000 to r999, for full-text queries that match one mention in a thousand;
// its other words are in every sentence.
func Synthetic(seed uint64, from, n, perDoc int) []Item {
	r := rand.New(rand.NewPCG(seed, uint64(from)))
	roles := []string{"", "GOV", "MIL", "CVL"}
	codes := []string{"010", "020", "036", "040", "042", "043", "046", "051", "057", "061", "073",
		"111", "112", "114", "120", "130", "138", "141", "145", "163", "166", "173", "180", "190", "193",
		"195", "0333", "030", "032", "044", "041", "050", "100", "110", "140", "150", "160", "161", "170", "200"}
	country := func() string { return fmt.Sprintf("C%02d", int(r.ExpFloat64()*10)%60) }
	actor := func() event.Actor {
		c, role := country(), roles[r.IntN(len(roles))]
		a := event.Actor{Code: c + role, Country: c, Roles: []string{}}
		if role != "" {
			a.Roles = []string{role}
		}
		return a
	}
	items := make([]Item, n)
	for i := range items {
		id := from + i
		evs := make([]event.Event, perDoc)
		for k := range evs {
			code := codes[r.IntN(len(codes))]
			quad := 4 // CAMEO quad classes by root
			switch root := code[:2]; {
			case root <= "05":
				quad = 1
			case root <= "08":
				quad = 2
			case root <= "13":
				quad = 3
			}
			src, tgt := actor(), actor()
			text := fmt.Sprintf("Phrase de la dépêche synthétique : accord de coopération, référence r%03d.", r.IntN(1000))
			lat, lon := r.Float64()*90, r.Float64()*180
			evs[k] = event.Event{Doc: fmt.Sprint(id), Sentence: k, Span: event.Span{k * 100, k*100 + len(text)},
				Trigger: &event.Span{k*100 + 5, k*100 + 12}, Text: text, Code: code, Root: code[:2], Quad: quad,
				Goldstein: float64(r.IntN(200)-100) / 10, Source: src, Target: &tgt, Modality: event.Asserted,
				Date:     fmt.Sprintf("%d-%02d-%02d", 2015+r.IntN(10), 1+r.IntN(12), 1+r.IntN(28)),
				Location: &event.Place{Name: "Ville", Country: src.Country, Lat: &lat, Lon: &lon}}
		}
		items[i] = Item{Doc: event.Document{ID: fmt.Sprintf("synthetic-%d", id), Source: fmt.Sprintf("publisher-%d", id%40),
			Text: fmt.Sprintf("Dépêche synthétique %d (graine %d).", id, seed), Published: "2024-01-01"}, Lang: "fr", Events: evs}
	}
	return items
}
