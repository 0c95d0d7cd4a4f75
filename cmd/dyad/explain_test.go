package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	dcoder "dyad/coder"
)

func explainRun(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut}
	code := run(context.Background(), append([]string{"explain"}, args...), e)
	return code, out.String(), errOut.String()
}

func TestExplainText(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want []string // lines the explanation must contain
	}{
		{"coded", []string{"--date", "2022-03-10", "Le président sénégalais a rencontré mercredi à Dakar son homologue malien."},
			[]string{"date 2022-03-09 (relative)", `actor "Le président sénégalais" role -> SENGOV`,
				`trigger "rencontré" 040 triggers/fr.tsv:`, "=> SENGOV 043 MLIGOV  asserted, 2022-03-09"}},
		{"no source", []string{"--lang", "fr", "Les prix ont été sanctionnés par le marché."},
			[]string{"no event: no source"}},
		{"no trigger", []string{"--lang", "fr", "Le ministre cubain a parlé du temps qu'il fait."},
			[]string{"triggers: none"}},
		{"negated", []string{"--lang", "en", "The Indian foreign minister did not meet his Pakistani counterpart."},
			[]string{"negated"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := explainRun(t, "", tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestExplainJSONAndStdin(t *testing.T) {
	code, out, errOut := explainRun(t, "L'Union européenne a adopté des sanctions contre la Biélorussie.", "--json", "--lang", "fr", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var exp dcoder.Explanation
	if err := json.Unmarshal([]byte(out), &exp); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(exp.Sentences) != 1 || len(exp.Sentences[0].Events) != 1 || exp.Sentences[0].Events[0].Source.Code != "IGOEU" {
		t.Errorf("want one sentence with one IGOEU event, got %+v", exp.Sentences)
	}
	if len(exp.Sentences[0].Tokens) == 0 || len(exp.Sentences[0].Triggers) == 0 {
		t.Errorf("tokens or triggers missing: %+v", exp.Sentences[0])
	}
}

func TestExplainUsage(t *testing.T) {
	if code, _, _ := explainRun(t, ""); code != 2 {
		t.Errorf("no argument: exit %d, want 2", code)
	}
	if code, _, _ := explainRun(t, "", "--lang", "de", "x"); code != 2 {
		t.Errorf("bad language: exit %d, want 2", code)
	}
}
