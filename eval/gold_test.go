package eval

import (
	"errors"
	"strings"
	"testing"
)

const goodLine = `{"id": "a", "lang": "fr", "published": "2021-11-19", "text": "Moscou a reçu La Havane. Paris proteste.", ` +
	`"dateline": {"place": "Moscou", "country": "RUS", "date": "2021-11-19", "agency": "RHC"}, ` +
	`"people": [{"name": "Emilio Lozada", "country": "CUB", "roles": ["GOV"], "variants": ["Losada"]}], ` +
	`"events": [{"anchor": "a reçu", "source": {"country": "RUS", "roles": ["GOV"], "name": "Sergei Ryabkov"}, "target": {"org": "UN"}, ` +
	`"codes": ["043", "04"], "dates": ["2021-11-19"], "location": "RUS", "required": true, "note": "n"}, ` +
	`{"anchor": "proteste", "source": {"any": true}, "target": null, "codes": ["14"], "dates": [], "required": false}]}`

func TestReadGold(t *testing.T) {
	docs, err := ReadGold(strings.NewReader(goodLine+"\n\n"+strings.Replace(goodLine, `"id": "a"`, `"id": "b"`, 1)), "g.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].ID != "a" || docs[1].ID != "b" || docs[1].Origin != "g.jsonl:3" {
		t.Fatalf("docs %+v", docs)
	}
	d := docs[0]
	if d.Origin != "g.jsonl:1" || d.Lang != "fr" || d.Published != "2021-11-19" || d.Dateline == nil || d.Dateline.Agency != "RHC" ||
		len(d.People) != 1 || d.People[0].Variants[0] != "Losada" || len(d.Events) != 2 {
		t.Fatalf("doc %+v", d)
	}
	e0, e1 := d.Events[0], d.Events[1]
	if e0.Source.Country != "RUS" || e0.Source.Roles[0] != "GOV" || e0.Source.Name != "Sergei Ryabkov" ||
		e0.Target == nil || e0.Target.Org != "UN" || e0.Codes[1] != "04" || e0.Location != "RUS" || !e0.Required || e0.Note != "n" {
		t.Errorf("event 1 %+v", e0)
	}
	if !e1.Source.Any || e1.Target != nil || e1.Required || len(e1.Dates) != 0 {
		t.Errorf("event 2 %+v", e1)
	}
}

func TestReadGoldErrors(t *testing.T) {
	rep := func(old, new string) string { return strings.Replace(goodLine, old, new, 1) }
	tests := []struct {
		name  string
		input string
		want  []string
	}{
		{"bad JSON", goodLine + "\n{\"id\": \n", []string{"g.jsonl:2: invalid JSON"}},
		{"unknown field", rep(`"lang"`, `"langue"`), []string{`g.jsonl:1: invalid JSON: json: unknown field "langue"`}},
		{"unknown actor field", rep(`"roles": ["GOV"], "name"`, `"role": ["GOV"], "name"`), []string{`unknown field "role"`}},
		{"two values", goodLine + " {}", []string{"g.jsonl:1: invalid JSON: more than one value"}},
		{"required missing", rep(`, "required": false`, ``), []string{`g.jsonl:1: event 2: missing "required"`}},
		{"source missing", rep(`"source": {"any": true}, `, ``), []string{`g.jsonl:1: event 2: missing "source"`}},
		{"bad code", rep(`"codes": ["14"]`, `"codes": ["14a"]`), []string{`g.jsonl:1: event 2: code "14a"`}},
		{"no codes", rep(`"codes": ["14"]`, `"codes": []`), []string{`g.jsonl:1: event 2: no "codes"`}},
		{"bad date", rep(`"dates": ["2021-11-19"]`, `"dates": ["19/11/2021"]`), []string{`g.jsonl:1: event 1: date "19/11/2021"`}},
		{"bad location", rep(`"location": "RUS"`, `"location": "Russia"`), []string{`g.jsonl:1: event 1: location "Russia"`}},
		{"bad country", rep(`{"country": "RUS", "roles"`, `{"country": "ru", "roles"`), []string{`event 1: source: country "ru"`}},
		{"bad role", rep(`"roles": ["GOV"], "name"`, `"roles": ["gov"], "name"`), []string{`event 1: source: role "gov"`}},
		{"any with country", rep(`{"any": true}`, `{"any": true, "country": "FRA"}`), []string{`event 2: source: "any" with other fields`}},
		{"no id", rep(`"id": "a", `, ``), []string{`g.jsonl:1: missing "id"`}},
		{"bad published", rep(`"published": "2021-11-19"`, `"published": "19 Nov"`), []string{`g.jsonl:1: published "19 Nov"`}},
		{"duplicate id", goodLine + "\n" + goodLine, []string{`g.jsonl:2: id "a" already used at g.jsonl:1`}},
		{"all errors reported", rep(`"codes": ["14"]`, `"codes": ["x"]`) + "\nnot json\n", []string{"g.jsonl:1: event 2: code", "g.jsonl:2: invalid JSON"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := ReadGold(strings.NewReader(tt.input), "g.jsonl")
			if err == nil {
				t.Fatalf("no error, docs %+v", docs)
			}
			if docs != nil {
				t.Errorf("docs returned with an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not contain %q", err, w)
				}
			}
		})
	}
}

// Content problems do not stop reading: Check and Score report them.
func TestReadGoldContentProblems(t *testing.T) {
	rep := func(old, new string) string { return strings.Replace(goodLine, old, new, 1) }
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{"anchor missing", rep(`"anchor": "a reçu"`, `"anchor": "a visité"`), `g.jsonl:1: event 1: anchor "a visité" not found`},
		{"anchor twice", "\n" + rep(`"anchor": "a reçu"`, `"anchor": "a"`), `g.jsonl:2: event 1: anchor "a" occurs 5 times in the text, want once`},
		{"anchor empty", rep(`"anchor": "proteste"`, `"anchor": ""`), `g.jsonl:1: event 2: missing "anchor"`},
		{"no text", rep(`"text": "Moscou a reçu La Havane. Paris proteste."`, `"text": " "`), `g.jsonl:1: empty text`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := ReadGold(strings.NewReader(tt.input), "g.jsonl")
			if err != nil || len(docs) != 1 {
				t.Fatalf("ReadGold: %v, %d docs", err, len(docs))
			}
			errs := docs[0].Check()
			if len(errs) == 0 || !strings.Contains(errors.Join(errs...).Error(), tt.want) {
				t.Errorf("Check() = %v, want %q", errs, tt.want)
			}
			if !errors.Is(errs[0], ErrGold) {
				t.Errorf("%v does not wrap ErrGold", errs[0])
			}
		})
	}
}

func TestGoldErrorIsErrGold(t *testing.T) {
	_, err := ReadGold(strings.NewReader(`{"id": "x", "text": "t", "events": [{"anchor": "t", "source": {}, "target": null, "codes": ["1"], "dates": [], "required": true}]}`), "g.jsonl")
	var ge *GoldError
	if !errors.Is(err, ErrGold) || !errors.As(err, &ge) || ge.Event != 1 || ge.Origin != "g.jsonl:1" {
		t.Errorf("got %v (%T), want a *GoldError wrapping ErrGold", err, err)
	}
}

func TestCheck(t *testing.T) {
	d := GoldDoc{ID: "x", Text: "a b a", Events: []GoldEvent{ge("a", GoldActor{Any: true}, nil, true, "01"), ge("b", GoldActor{Any: true}, nil, true, "01")}}
	errs := d.Check()
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "x: event 1: anchor \"a\" occurs 2 times") {
		t.Errorf("Check() = %v", errs)
	}
}
