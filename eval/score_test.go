package eval

import (
	"encoding/json"
	"strings"
	"testing"

	"dyad/event"
)

// The test document: four sentences, each with its own words.
const text = "Russia met Cuba in Havana. The EU condemned the strike in Brussels. " +
	"Protesters blocked roads near the port. Russia praised Cuba and Cuba thanked Russia."

// sent returns the span of the sentence of text containing s.
func sent(t *testing.T, s string) event.Span {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q not in test text", s)
	}
	start := strings.LastIndex(text[:i], ". ") + 2
	if start < 2 {
		start = 0
	}
	end := strings.Index(text[i:], ".") + i + 1
	return event.Span{start, end}
}

func ctry(c string, roles ...string) *GoldActor { return &GoldActor{Country: c, Roles: roles} }

func act(country, org string, roles ...string) event.Actor {
	return event.Actor{Code: event.ComposeCode(country, org, roles), Country: country, Org: org, Roles: roles}
}

func actp(country, org string, roles ...string) *event.Actor {
	a := act(country, org, roles...)
	return &a
}

type predOpt func(*event.Event)

func pred(t *testing.T, in, code string, src event.Actor, tgt *event.Actor, opts ...predOpt) event.Event {
	t.Helper()
	e := event.Event{Doc: "d", Span: sent(t, in), Code: code, Root: code[:2], Source: src, Target: tgt, Modality: event.Asserted}
	for _, o := range opts {
		o(&e)
	}
	return e
}

func modality(m string) predOpt    { return func(e *event.Event) { e.Modality = m } }
func date(d string) predOpt        { return func(e *event.Event) { e.Date = d } }
func place(c string) predOpt       { return func(e *event.Event) { e.Location = &event.Place{Country: c} } }
func noRoot() predOpt              { return func(e *event.Event) { e.Root = "" } }
func srcName(n string) predOpt     { return func(e *event.Event) { e.Source.Name = n } }
func span(s event.Span) predOpt    { return func(e *event.Event) { e.Span = s } }
func trigger(s event.Span) predOpt { return func(e *event.Event) { e.Trigger = &s } }

func ge(anchor string, src GoldActor, tgt *GoldActor, required bool, codes ...string) GoldEvent {
	return GoldEvent{Anchor: anchor, Source: src, Target: tgt, Codes: codes, Required: required}
}

func TestScore(t *testing.T) {
	rus, cub := *ctry("RUS"), ctry("CUB")
	type want struct {
		dyad, code           PRF
		setAside, absorbed   int
		misses, falseAlarms  int
		goldErrors           int
		role, date, loc, nam Ratio
	}
	tests := []struct {
		name  string
		gold  []GoldEvent
		preds func(t *testing.T) []event.Event
		want  want
	}{
		{
			name: "exact match",
			gold: []GoldEvent{ge("met Cuba", rus, cub, true, "042", "040")},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{pred(t, "met Cuba", "042", act("RUS", ""), actp("CUB", ""))}
			},
			want: want{dyad: PRF{1, 1, 1}, code: PRF{1, 1, 1}},
		},
		{
			name: "root agrees, code does not",
			gold: []GoldEvent{ge("met Cuba", rus, cub, true, "042", "040")},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{pred(t, "met Cuba", "046", act("RUS", ""), actp("CUB", ""))}
			},
			want: want{dyad: PRF{1, 1, 1}, code: PRF{0, 1, 1}},
		},
		{
			name: "root taken from the code when the prediction has none",
			gold: []GoldEvent{ge("met Cuba", rus, cub, true, "042")},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{pred(t, "met Cuba", "042", act("RUS", ""), actp("CUB", ""), noRoot())}
			},
			want: want{dyad: PRF{1, 1, 1}, code: PRF{1, 1, 1}},
		},
		{
			name: "wrong root: a false alarm and a miss",
			gold: []GoldEvent{ge("met Cuba", rus, cub, true, "042")},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{pred(t, "met Cuba", "051", act("RUS", ""), actp("CUB", ""))}
			},
			want: want{dyad: PRF{0, 1, 1}, code: PRF{0, 1, 1}, misses: 1, falseAlarms: 1},
		},
		{
			name: "swapped dyad does not agree",
			gold: []GoldEvent{ge("met Cuba", rus, cub, true, "042")},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{pred(t, "met Cuba", "042", act("CUB", ""), actp("RUS", ""))}
			},
			want: want{dyad: PRF{0, 1, 1}, code: PRF{0, 1, 1}, misses: 1, falseAlarms: 1},
		},
		{
			name: "other sentence does not contain the anchor",
			gold: []GoldEvent{ge("met Cuba", rus, cub, true, "042")},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{pred(t, "Russia praised", "042", act("RUS", ""), actp("CUB", ""))}
			},
			want: want{dyad: PRF{0, 1, 1}, code: PRF{0, 1, 1}, misses: 1, falseAlarms: 1},
		},
		{
			name: "span cutting the anchor does not contain it",
			gold: []GoldEvent{ge("met Cuba", rus, cub, true, "042")},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{pred(t, "met Cuba", "042", act("RUS", ""), actp("CUB", ""), span(event.Span{0, 9}))}
			},
			want: want{dyad: PRF{0, 1, 1}, code: PRF{0, 1, 1}, misses: 1, falseAlarms: 1},
		},
		{
			name: "negated and hypothetical set aside",
			gold: []GoldEvent{ge("met Cuba", rus, cub, true, "042")},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{
					pred(t, "met Cuba", "042", act("RUS", ""), actp("CUB", ""), modality(event.Negated)),
					pred(t, "met Cuba", "042", act("RUS", ""), actp("CUB", ""), modality(event.Hypothetical)),
					pred(t, "Protesters", "141", act("RUS", ""), nil, modality(event.Negated)),
				}
			},
			want: want{dyad: PRF{0, 0, 1}, code: PRF{0, 0, 1}, setAside: 3, misses: 1},
		},
		{
			name: "intent is scored",
			gold: []GoldEvent{ge("met Cuba", rus, cub, true, "036")},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{pred(t, "met Cuba", "036", act("RUS", ""), actp("CUB", ""), modality(event.Intent))}
			},
			want: want{dyad: PRF{1, 1, 1}, code: PRF{1, 1, 1}},
		},
		{
			name: "optional event absorbs a prediction",
			gold: []GoldEvent{ge("met Cuba", rus, cub, false, "042")},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{pred(t, "met Cuba", "043", act("RUS", ""), actp("CUB", ""))}
			},
			want: want{dyad: PRF{0, 0, 0}, code: PRF{0, 0, 0}, absorbed: 1},
		},
		{
			name: "exact code wins over required",
			gold: []GoldEvent{
				ge("met Cuba", rus, cub, true, "040"),
				ge("in Havana", rus, cub, false, "042"),
			},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{pred(t, "met Cuba", "042", act("RUS", ""), actp("CUB", ""))}
			},
			want: want{dyad: PRF{0, 0, 1}, code: PRF{0, 0, 1}, absorbed: 1, misses: 1},
		},
		{
			name: "required wins when codes tie",
			gold: []GoldEvent{
				ge("met Cuba", rus, cub, false, "040"),
				ge("in Havana", rus, cub, true, "040"),
			},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{pred(t, "met Cuba", "042", act("RUS", ""), actp("CUB", ""))}
			},
			want: want{dyad: PRF{1, 1, 1}, code: PRF{0, 1, 1}},
		},
		{
			name: "one to one: a second identical prediction is a false alarm",
			gold: []GoldEvent{ge("met Cuba", rus, cub, true, "042")},
			preds: func(t *testing.T) []event.Event {
				p := pred(t, "met Cuba", "042", act("RUS", ""), actp("CUB", ""))
				return []event.Event{p, p}
			},
			want: want{dyad: PRF{1, 2, 1}, code: PRF{1, 2, 1}, falseAlarms: 1},
		},
		{
			name: "mutual action coded both ways",
			gold: []GoldEvent{
				ge("Russia praised", rus, cub, true, "051"),
				ge("Cuba thanked", *cub, &rus, true, "051", "018"),
			},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{
					pred(t, "Cuba thanked", "051", act("CUB", ""), actp("RUS", "")),
					pred(t, "Cuba thanked", "051", act("RUS", ""), actp("CUB", "")),
				}
			},
			want: want{dyad: PRF{2, 2, 2}, code: PRF{2, 2, 2}},
		},
		{
			name: "gold org wants the org",
			gold: []GoldEvent{ge("EU condemned", GoldActor{Org: "EU"}, nil, true, "111")},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{pred(t, "EU condemned", "111", act("", "EU"), nil)}
			},
			want: want{dyad: PRF{1, 1, 1}, code: PRF{1, 1, 1}},
		},
		{
			name: "gold org refuses another org",
			gold: []GoldEvent{ge("EU condemned", GoldActor{Org: "EU"}, nil, true, "111")},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{pred(t, "EU condemned", "111", act("", "UN"), nil)}
			},
			want: want{dyad: PRF{0, 1, 1}, code: PRF{0, 1, 1}, misses: 1, falseAlarms: 1},
		},
		{
			name: "gold country refuses an org of that country",
			gold: []GoldEvent{ge("EU condemned", *ctry("BEL"), nil, true, "111")},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{pred(t, "EU condemned", "111", act("BEL", "EU"), nil)}
			},
			want: want{dyad: PRF{0, 1, 1}, code: PRF{0, 1, 1}, misses: 1, falseAlarms: 1},
		},
		{
			name: "null gold target accepts a target or none",
			gold: []GoldEvent{
				ge("Protesters", GoldActor{Any: true}, nil, true, "14"),
				ge("blocked roads", GoldActor{Any: true}, nil, true, "14"),
			},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{
					pred(t, "Protesters", "144", act("", "", "CVL"), nil),
					pred(t, "Protesters", "141", act("FRA", "", "CVL"), actp("FRA", "", "GOV")),
				}
			},
			want: want{dyad: PRF{2, 2, 2}, code: PRF{2, 2, 2}},
		},
		{
			name: "gold target wants a predicted target",
			gold: []GoldEvent{ge("met Cuba", rus, cub, true, "042")},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{pred(t, "met Cuba", "042", act("RUS", ""), nil)}
			},
			want: want{dyad: PRF{0, 1, 1}, code: PRF{0, 1, 1}, misses: 1, falseAlarms: 1},
		},
		{
			name: "any target accepts none",
			gold: []GoldEvent{ge("met Cuba", rus, &GoldActor{Any: true}, true, "042")},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{pred(t, "met Cuba", "042", act("RUS", ""), nil)}
			},
			want: want{dyad: PRF{1, 1, 1}, code: PRF{1, 1, 1}},
		},
		{
			name: "root-only code accepts its family but not another root",
			gold: []GoldEvent{ge("Protesters", GoldActor{Any: true}, nil, true, "14")},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{
					pred(t, "Protesters", "173", act("", "", "COP"), nil),
					pred(t, "Protesters", "1431", act("", "", "LAB"), nil),
				}
			},
			want: want{dyad: PRF{1, 2, 1}, code: PRF{1, 2, 1}, falseAlarms: 1},
		},
		{
			name: "anchor not found or not unique: left out and reported",
			gold: []GoldEvent{
				ge("met Venezuela", rus, cub, true, "042"),
				ge("Cuba", rus, cub, true, "042"),
				ge("met Cuba", rus, cub, true, "042"),
			},
			preds: func(t *testing.T) []event.Event {
				return []event.Event{pred(t, "met Cuba", "042", act("RUS", ""), actp("CUB", ""))}
			},
			want: want{dyad: PRF{1, 1, 1}, code: PRF{1, 1, 1}, goldErrors: 2},
		},
		{
			name: "role, date, location and name accuracy on required matches",
			gold: []GoldEvent{
				{Anchor: "met Cuba", Source: GoldActor{Country: "RUS", Roles: []string{"GOV"}, Name: "Sergei Ryabkov"},
					Target: &GoldActor{Country: "CUB", Roles: []string{"GOV", "LEG"}, Name: "Emilio Lozada"},
					Codes:  []string{"042"}, Dates: []string{"2021-11-18", "2021-11-19"}, Location: "CUB", Required: true},
				{Anchor: "Russia praised", Source: GoldActor{Country: "RUS", Roles: []string{"GOV"}, Name: "Vladimir Putin"},
					Target: ctry("CUB"), Codes: []string{"051"}, Dates: []string{"2021-11-19"}, Location: "RUS", Required: true},
				{Anchor: "Cuba thanked", Source: GoldActor{Country: "CUB", Roles: []string{"GOV"}, Name: "Bruno Rodríguez"},
					Target: ctry("RUS"), Codes: []string{"051"}, Dates: []string{"2021-11-19"}, Location: "CUB", Required: false},
			},
			preds: func(t *testing.T) []event.Event {
				target := actp("CUB", "", "LEG", "GOV")
				target.Name = "EMILIO LOZADA"
				return []event.Event{
					// source role, target role, date, location, both names right
					pred(t, "met Cuba", "042", act("RUS", "", "GOV"), target,
						date("2021-11-18"), place("CUB"), srcName("Sergueï Riabkov Ryabkov")),
					// role missing, date wrong, no location, surname only: 1 of 4
					pred(t, "Russia praised", "051", act("RUS", ""), actp("CUB", "", "GOV"),
						date("2021-11"), srcName("Putin")),
					// optional: not counted in the accuracies
					pred(t, "Cuba thanked", "051", act("CUB", "", "MIL"), actp("RUS", ""), date("1999")),
				}
			},
			want: want{dyad: PRF{2, 2, 2}, code: PRF{2, 2, 2}, absorbed: 1,
				role: Ratio{2, 3}, date: Ratio{1, 2}, loc: Ratio{1, 2}, nam: Ratio{3, 3}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := []GoldDoc{{ID: "d", Text: text, Events: tt.gold}}
			rep := Score(docs, map[string][]event.Event{"d": tt.preds(t), "other": tt.preds(t)})
			f := rep.Overall
			got := want{dyad: f.DyadRoot, code: f.Code, setAside: f.SetAside, absorbed: f.Absorbed,
				misses: len(rep.Misses), falseAlarms: len(rep.FalseAlarms), goldErrors: len(rep.GoldErrors),
				role: f.RoleAcc, date: f.DateAcc, loc: f.LocAcc, nam: f.NameAcc}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			if f.Documents != 1 || len(rep.ByDoc) != 1 || rep.ByDoc[0].Figures != f {
				t.Errorf("by-doc figures %+v differ from overall %+v", rep.ByDoc, f)
			}
		})
	}
}

func TestMissesCarryTheirSentence(t *testing.T) {
	docs := []GoldDoc{{ID: "d", Origin: "g.jsonl:1", Text: text, Events: []GoldEvent{
		ge("blocked roads", GoldActor{Any: true}, nil, true, "144"),
	}}}
	trig := sent(t, "Russia praised")
	trig[1] = trig[0] + len("Russia praised")
	trig[0] += len("Russia ")
	rep := Score(docs, map[string][]event.Event{"d": {
		pred(t, "Russia praised", "051", act("RUS", ""), actp("CUB", ""), trigger(trig)),
	}})
	if len(rep.Misses) != 1 || len(rep.FalseAlarms) != 1 {
		t.Fatalf("misses %d, false alarms %d, want 1 and 1", len(rep.Misses), len(rep.FalseAlarms))
	}
	m := rep.Misses[0]
	if m.Doc != "d" || m.Origin != "g.jsonl:1" || m.Gold == nil || m.Gold.Anchor != "blocked roads" || m.Pred != nil {
		t.Errorf("miss %+v", m)
	}
	if m.Sentence != "Protesters blocked roads near the port." {
		t.Errorf("miss sentence %q", m.Sentence)
	}
	fa := rep.FalseAlarms[0]
	if fa.Pred == nil || fa.Pred.Code != "051" || fa.Gold != nil || fa.Trigger != "praised" {
		t.Errorf("false alarm %+v", fa)
	}
	if fa.Sentence != "Russia praised Cuba and Cuba thanked Russia." {
		t.Errorf("false alarm sentence %q", fa.Sentence)
	}
}

func TestScoreSeveralDocs(t *testing.T) {
	docs := []GoldDoc{
		{ID: "a", Text: text, Events: []GoldEvent{ge("met Cuba", *ctry("RUS"), ctry("CUB"), true, "042")}},
		{ID: "b", Text: text, Events: []GoldEvent{ge("EU condemned", GoldActor{Org: "EU"}, nil, true, "111")}},
		{ID: "c", Text: text},
	}
	rep := Score(docs, map[string][]event.Event{"a": {pred(t, "met Cuba", "042", act("RUS", ""), actp("CUB", ""))}})
	if len(rep.ByDoc) != 3 || rep.ByDoc[1].ID != "b" {
		t.Fatalf("by doc %+v", rep.ByDoc)
	}
	if got := rep.Overall.DyadRoot; got != (PRF{1, 1, 2}) || rep.Overall.Documents != 3 {
		t.Errorf("overall %+v", rep.Overall)
	}
	if got := rep.ByDoc[1].Figures.DyadRoot; got != (PRF{0, 0, 1}) {
		t.Errorf("doc b %+v", got)
	}
}

func TestPRF(t *testing.T) {
	tests := []struct {
		p         PRF
		pr, rc, f float64
	}{
		{PRF{0, 0, 0}, 0, 0, 0},
		{PRF{1, 2, 4}, 0.5, 0.25, 1.0 / 3},
		{PRF{3, 3, 3}, 1, 1, 1},
		{PRF{0, 5, 0}, 0, 0, 0},
	}
	for _, tt := range tests {
		if tt.p.Precision() != tt.pr || tt.p.Recall() != tt.rc || !near(tt.p.F1(), tt.f) {
			t.Errorf("%+v: got %v %v %v, want %v %v %v", tt.p, tt.p.Precision(), tt.p.Recall(), tt.p.F1(), tt.pr, tt.rc, tt.f)
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestFiguresJSON(t *testing.T) {
	f := Figures{Documents: 2, DyadRoot: PRF{1, 2, 4}, RoleAcc: Ratio{1, 2}}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"documents", "dyad_root", "code", "role_accuracy", "date_accuracy", "location_accuracy", "name_accuracy"} {
		if _, ok := m[k]; !ok {
			t.Errorf("no %q in %s", k, b)
		}
	}
	dr := m["dyad_root"].(map[string]any)
	want := map[string]float64{"precision": 0.5, "recall": 0.25, "matched": 1, "predicted": 2, "required": 4}
	for k, v := range want {
		if dr[k] != v {
			t.Errorf("dyad_root.%s = %v, want %v", k, dr[k], v)
		}
	}
	if ra := m["role_accuracy"].(map[string]any); ra["accuracy"] != 0.5 || ra["correct"] != 1.0 || ra["total"] != 2.0 {
		t.Errorf("role_accuracy %v", ra)
	}
}

func TestSameName(t *testing.T) {
	tests := []struct {
		pred, gold string
		want       bool
	}{
		{"Yuri Borísov", "Yuri Borisov", true},
		{"YURI BORISOV", "Yuri Borisov", true},
		{"Borisov", "Yuri Borisov", true},
		{"Serguei Ryabkov", "Sergei Ryabkov", true},
		{"Emilio Losada", "Emilio Lozada", false},
		{"Yuri Gagarin", "Yuri Borisov", false},
		{"", "Yuri Borisov", false},
		{"Bruno Rodríguez", "Bruno Rodriguez", true},
	}
	for _, tt := range tests {
		if got := SameName(tt.pred, tt.gold); got != tt.want {
			t.Errorf("SameName(%q, %q) = %v, want %v", tt.pred, tt.gold, got, tt.want)
		}
	}
}
