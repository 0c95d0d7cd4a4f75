package main

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"dyad/eval"
	"dyad/event"
)

const evalTD = "../../testdata/eval"

// The fixtures are invented weather reports whose gold events no coder
// should find, so recall stays 0 whatever the coder becomes: the tests check
// the command's structure, not the coder's quality.

func evalRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
	status := run(context.Background(), append([]string{"eval"}, args...), e)
	return status, out.String(), errOut.String()
}

// evalJSONOut mirrors the --json output.
type evalJSONOut struct {
	Overall evalJSONFig   `json:"overall"`
	Files   []evalJSONFig `json:"files"`
}

type evalJSONPRF struct {
	Precision, Recall, F1        *float64
	Matched, Predicted, Required *int
}

type evalJSONAcc struct {
	Accuracy       *float64
	Correct, Total *int
}

type evalJSONFig struct {
	File        string          `json:"file"`
	ID          string          `json:"id"`
	Origin      string          `json:"origin"`
	Documents   int             `json:"documents"`
	DyadRoot    evalJSONPRF     `json:"dyad_root"`
	Code        evalJSONPRF     `json:"code"`
	Role        evalJSONAcc     `json:"role_accuracy"`
	Date        evalJSONAcc     `json:"date_accuracy"`
	Location    evalJSONAcc     `json:"location_accuracy"`
	Name        evalJSONAcc     `json:"name_accuracy"`
	SetAside    *int            `json:"set_aside"`
	Absorbed    *int            `json:"absorbed"`
	ByDoc       []evalJSONFig   `json:"by_doc"`
	Misses      []evalJSONMiss  `json:"misses"`
	FalseAlarms json.RawMessage `json:"false_alarms"`
}

type evalJSONMiss struct {
	Doc      string `json:"doc"`
	Origin   string `json:"origin"`
	Sentence string `json:"sentence"`
	Gold     *struct {
		Anchor   string          `json:"anchor"`
		Source   json.RawMessage `json:"source"`
		Target   json.RawMessage `json:"target"`
		Codes    []string        `json:"codes"`
		Dates    []string        `json:"dates"`
		Location string          `json:"location"`
		Required bool            `json:"required"`
		Note     string          `json:"note"`
	} `json:"gold"`
}

func decodeEvalJSON(t *testing.T, out string) evalJSONOut {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	var v evalJSONOut
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("stdout is not the expected JSON: %v\n%s", err, out)
	}
	return v
}

// checkPRF fails unless every field is present and recall is 0 with
// required events.
func checkPRF(t *testing.T, what string, p evalJSONPRF, required int) {
	t.Helper()
	if p.Precision == nil || p.Recall == nil || p.F1 == nil || p.Matched == nil || p.Predicted == nil || p.Required == nil {
		t.Fatalf("%s: missing fields: %+v", what, p)
	}
	if *p.Required != required || *p.Recall != 0 || *p.Matched != 0 {
		t.Errorf("%s: required %d recall %v matched %d, want required %d, recall 0", what, *p.Required, *p.Recall, *p.Matched, required)
	}
}

func TestEvalJSON(t *testing.T) {
	status, out, errOut := evalRun(t, "--json", evalTD+"/small.jsonl", "--by-doc", evalTD+"/second.jsonl")
	if status != 0 {
		t.Fatalf("status %d, stderr %s", status, errOut)
	}
	v := decodeEvalJSON(t, out)
	if len(v.Files) != 2 || v.Files[0].File != evalTD+"/small.jsonl" || v.Files[1].File != evalTD+"/second.jsonl" {
		t.Fatalf("files %+v", v.Files)
	}
	checkPRF(t, "overall dyad_root", v.Overall.DyadRoot, 4)
	checkPRF(t, "overall code", v.Overall.Code, 4)
	checkPRF(t, "small dyad_root", v.Files[0].DyadRoot, 3)
	checkPRF(t, "second code", v.Files[1].Code, 1)
	if v.Overall.Documents != 3 || v.Files[0].Documents != 2 || v.Files[1].Documents != 1 {
		t.Errorf("documents %d = %d + %d, want 3 = 2 + 1", v.Overall.Documents, v.Files[0].Documents, v.Files[1].Documents)
	}
	for _, a := range []evalJSONAcc{v.Overall.Role, v.Overall.Date, v.Overall.Location, v.Overall.Name} {
		if a.Accuracy == nil || a.Correct == nil || a.Total == nil {
			t.Errorf("accuracy lacks fields: %+v", a)
		}
	}
	docs := v.Files[0].ByDoc
	if len(docs) != 2 || docs[0].ID != "weather-1" || docs[1].ID != "meteo-2" || docs[1].Origin != evalTD+"/small.jsonl:3" {
		t.Fatalf("by_doc %+v", docs)
	}
	checkPRF(t, "weather-1", docs[0].DyadRoot, 1)
	checkPRF(t, "meteo-2", docs[1].DyadRoot, 2)
	if v.Files[0].Misses != nil || v.Files[0].FalseAlarms != nil {
		t.Error("misses listed without --misses")
	}
}

func TestEvalJSONMisses(t *testing.T) {
	status, out, errOut := evalRun(t, "--json", "--misses", evalTD+"/small.jsonl")
	if status != 0 {
		t.Fatalf("status %d, stderr %s", status, errOut)
	}
	v := decodeEvalJSON(t, out)
	f := v.Files[0]
	if len(f.Misses) != 3 {
		t.Fatalf("%d misses, want the 3 required events", len(f.Misses))
	}
	m := f.Misses[0]
	if m.Doc != "weather-1" || m.Origin != evalTD+"/small.jsonl:1" || m.Gold == nil || m.Gold.Anchor != "Light rain fell" ||
		m.Gold.Codes[0] != "204" || m.Sentence != "Light rain fell over the valley on Tuesday morning." {
		t.Errorf("miss %+v", m)
	}
	if m := f.Misses[2]; m.Sentence != "Les vergers attendent le soleil." {
		t.Errorf("miss sentence %q", m.Sentence)
	}
	if len(f.FalseAlarms) == 0 || f.FalseAlarms[0] != '[' {
		t.Errorf("false_alarms %s, want a list", f.FalseAlarms)
	}
}

func TestEvalTable(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    []string // each line must contain these, in this order
		notWant []string
	}{
		{
			name:    "one file",
			args:    []string{evalTD + "/small.jsonl"},
			want:    []string{"GOLD", "DOCS", "REQUIRED", "DYAD+ROOT P", "CODE P", "ROLE", "DATE", "LOCATION", "NAME"},
			notWant: []string{"overall", "weather-1", "Missed required"},
		},
		{
			name: "two files and by doc",
			args: []string{"--by-doc", evalTD + "/small.jsonl", evalTD + "/second.jsonl"},
			want: []string{"GOLD"},
		},
		{
			name: "misses",
			args: []string{"--misses", evalTD + "/second.jsonl"},
			want: []string{"GOLD"},
		},
	}
	rows := map[string][]string{
		"one file":             {evalTD + "/small.jsonl  2  3  "},
		"two files and by doc": {evalTD + "/small.jsonl  2  3", "  weather-1  1  1", "  meteo-2  1  2", evalTD + "/second.jsonl  1  1", "  clima-3  1  1", "overall  3  4"},
		"misses": {evalTD + "/second.jsonl  1  1", "Missed required gold events:",
			evalTD + `/second.jsonl:1 clima-3: anchor "El viento sopló": any -> -, codes 18`,
			"El viento sopló sobre la meseta durante la noche.", "False alarms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, out, errOut := evalRun(t, tt.args...)
			if status != 0 || errOut != "" {
				t.Fatalf("status %d, stderr %q", status, errOut)
			}
			first, _, _ := strings.Cut(out, "\n")
			if !inOrder(first, tt.want) {
				t.Errorf("header %q lacks %q", first, tt.want)
			}
			if !inOrder(squeeze(out), rows[tt.name]) {
				t.Errorf("output lacks, in order, %q:\n%s", rows[tt.name], out)
			}
			for _, s := range tt.notWant {
				if strings.Contains(out, s) {
					t.Errorf("output contains %q:\n%s", s, out)
				}
			}
		})
	}
}

// squeeze reduces runs of spaces (table padding) to two.
func squeeze(s string) string { return regexp.MustCompile(` {2,}`).ReplaceAllString(s, "  ") }

func inOrder(s string, parts []string) bool {
	for _, p := range parts {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return true
}

func TestEvalErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		status int
		stderr []string
		stdout bool // something is written on stdout
	}{
		{"no file", nil, 2, []string{"no gold file given", "usage: dyad eval"}, false},
		{"unknown flag", []string{"--bogus", evalTD + "/small.jsonl"}, 2, []string{"flag provided but not defined: -bogus"}, false},
		{"help", []string{"-h"}, 0, []string{"usage: dyad eval", "-misses"}, false},
		{"malformed gold", []string{evalTD + "/small.jsonl", evalTD + "/bad.jsonl"}, 1,
			[]string{"dyad eval: " + evalTD + `/bad.jsonl:2: event 1: code "14x"`}, false},
		{"missing file", []string{evalTD + "/nope.jsonl"}, 1, []string{"dyad eval: open " + evalTD + "/nope.jsonl"}, false},
		{"missing data folder", []string{"--data", evalTD + "/nodata", evalTD + "/small.jsonl"}, 1, []string{"dyad eval: --data:"}, false},
		{"data folder", []string{"--data", "../../data", evalTD + "/second.jsonl"}, 0, nil, true},
		{"content problem is a warning", []string{evalTD + "/content.jsonl"}, 0,
			[]string{"dyad eval: warning: " + evalTD + `/content.jsonl:1: event 1: anchor "Fog rolled" occurs 2 times`}, true},
		{"files after --", []string{"--json", "--", evalTD + "/second.jsonl"}, 0, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, out, errOut := evalRun(t, tt.args...)
			if status != tt.status {
				t.Errorf("status %d, want %d; stderr %s", status, tt.status, errOut)
			}
			if !inOrder(errOut, tt.stderr) {
				t.Errorf("stderr %q lacks %q", errOut, tt.stderr)
			}
			if len(tt.stderr) == 0 && errOut != "" {
				t.Errorf("unexpected stderr %q", errOut)
			}
			if (out != "") != tt.stdout {
				t.Errorf("stdout %q", out)
			}
		})
	}
}

func TestEvalContentProblemLeftOut(t *testing.T) {
	status, out, _ := evalRun(t, "--json", evalTD+"/content.jsonl")
	if status != 0 {
		t.Fatalf("status %d", status)
	}
	v := decodeEvalJSON(t, out)
	// "Fog rolled" occurs twice: only "rolled out" is scored.
	checkPRF(t, "content", v.Overall.DyadRoot, 1)
}

// The coder finds nothing in the fixtures, so false alarms and accuracies
// are checked on a report built here.
func TestEvalTableFalseAlarm(t *testing.T) {
	text := "Paris a rappelé son ambassadeur. Rome a protesté."
	second := strings.Index(text, "Rome")
	trig := event.Span{6, 6 + len("a rappelé")}
	tgt := event.Actor{Code: "ITAGOV", Country: "ITA", Roles: []string{"GOV"}}
	docs := []eval.GoldDoc{{ID: "x", Origin: "g.jsonl:1", Text: text, Events: []eval.GoldEvent{
		{Anchor: "Rome a protesté", Source: eval.GoldActor{Country: "ITA", Roles: []string{"GOV"}}, Codes: []string{"114"}, Dates: []string{"2020-01-02"}, Required: true},
	}}}
	preds := map[string][]event.Event{"x": {
		{Span: event.Span{0, second - 1}, Trigger: &trig, Code: "161", Root: "16", Source: event.Actor{Code: "FRAGOV", Country: "FRA", Roles: []string{"GOV"}}, Target: &tgt, Modality: event.Asserted},
		{Span: event.Span{second, len(text)}, Code: "111", Root: "11", Source: event.Actor{Country: "ITA", Roles: []string{"GOV"}}, Date: "2020-01-02", Modality: event.Asserted},
	}}
	var out bytes.Buffer
	if err := writeEvalTable(&out, []evalFile{{name: "g.jsonl", report: eval.Score(docs, preds)}}, evalConfig{misses: true}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"g.jsonl  1  1  2  1  0.500  1.000  0.667  0  0.000  0.000  0.000  1.000 (1/1)  1.000 (1/1)  -  -",
		"Missed required gold events:", "none",
		"False alarms", `g.jsonl:1 x: FRAGOV 161 ITAGOV, trigger "a rappelé"`, "Paris a rappelé son ambassadeur.",
	}
	if got := squeeze(out.String()); !inOrder(got, want) {
		t.Errorf("output lacks, in order, %q:\n%s", want, got)
	}
}
