package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestActorsCommand(t *testing.T) {
	const doc = "Moscou, 19 novembre (RHC) Le vice-ministre russe des Affaires étrangères, Serguei Riabkov, a reçu le directeur cubain Emilio Losada. Riabkov a salué Lozada."
	tests := []struct {
		name     string
		args     []string
		stdin    string
		tty      bool
		status   int
		want     []string // "text=code=name" of mentions, in order, at least these
		contains string   // in stdout
		stderr   string
	}{
		{name: "jsonl", args: []string{"actors", "--published", "2021-11-19", "-"}, stdin: doc,
			want: []string{"Le vice-ministre russe des Affaires étrangères, Serguei Riabkov=RUSGOV=Sergei Ryabkov",
				"le directeur cubain Emilio Losada=CUBGOV=Emilio Lozada", "Riabkov=RUSGOV=Sergei Ryabkov", "Lozada=CUBGOV=Emilio Lozada"}},
		{name: "table on a terminal", args: []string{"actors", "--published", "2021-11-19"}, stdin: doc, tty: true,
			contains: "DOC  SENT  SPAN"},
		{name: "table forced", args: []string{"actors", "--format", "table", "--lang", "fr"}, stdin: doc,
			contains: "Sergei Ryabkov"},
		{name: "bad format", args: []string{"actors", "--format", "xml"}, status: 2, stderr: "--format"},
		{name: "bad lang", args: []string{"actors", "--lang", "de"}, status: 2, stderr: "--lang"},
		{name: "missing file", args: []string{"actors", "/nonexistent/x.txt"}, status: 1, stderr: "x.txt"},
		{name: "help", args: []string{"actors", "-h"}, status: 0, stderr: "usage: dyad actors"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, out, errOut := runDyad(t, tc.stdin, tc.tty, tc.args...)
			if status != tc.status {
				t.Fatalf("status %d, want %d; stderr: %s", status, tc.status, errOut)
			}
			if !strings.Contains(out, tc.contains) {
				t.Errorf("stdout lacks %q:\n%s", tc.contains, out)
			}
			if !strings.Contains(errOut, tc.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, errOut)
			}
			if len(tc.want) == 0 {
				return
			}
			var got []string
			for line := range strings.Lines(out) {
				var m map[string]any
				if err := json.Unmarshal([]byte(line), &m); err != nil {
					t.Fatalf("not JSON: %v: %s", err, line)
				}
				for _, k := range []string{"doc", "sentence", "span", "text", "code", "country", "org", "roles", "name", "kind"} {
					if _, ok := m[k]; !ok {
						t.Errorf("mention lacks %q: %s", k, line)
					}
				}
				sp := m["span"].([]any)
				a, b := int(sp[0].(float64)), int(sp[1].(float64))
				if b > len(tc.stdin) || tc.stdin[a:b] != m["text"] {
					t.Errorf("span %d-%d does not give the text %q", a, b, m["text"])
				}
				got = append(got, m["text"].(string)+"="+m["code"].(string)+"="+m["name"].(string))
			}
			i := 0
			for _, g := range got {
				if i < len(tc.want) && g == tc.want[i] {
					i++
				}
			}
			if i < len(tc.want) {
				t.Errorf("missing mention %q in order; got:\n%s", tc.want[i], strings.Join(got, "\n"))
			}
		})
	}
}

func TestActorsOutputFile(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "docs.jsonl")
	out := filepath.Join(dir, "mentions.jsonl")
	docs := `{"id":"a","text":"Serguei Lavrov a reçu Bruno Rodríguez à Moscou.","published":"2021-11-19","lang":"fr"}
{"id":"b","text":"Antony Blinken met Wang Yi in Rome.","published":"2021-11-19","lang":"en"}
`
	if err := os.WriteFile(in, []byte(docs), 0o644); err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr := runDyad(t, "", false, "actors", in, "-o", out)
	if status != 0 || stdout != "" {
		t.Fatalf("status %d, stdout %q, stderr %s", status, stdout, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for line := range strings.Lines(string(b)) {
		var m struct{ Doc, Code, Name string }
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatal(err)
		}
		got = append(got, m.Doc+" "+m.Code+" "+m.Name)
	}
	want := []string{"a RUSGOV Sergei Lavrov", "a CUBGOV Bruno Rodríguez", "a RUS ", "b USAGOV Antony Blinken", "b CHNGOV Wang Yi", "b ITA "}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("mentions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestActorLookup(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		status int
		want   []string // "kind=code=name" records that must be present
		absent []string // names that must not be found
		out    string
	}{
		{name: "transliteration", args: []string{"Riabkov"}, want: []string{"person=RUSGOV=Sergei Ryabkov"}},
		{name: "spanish transliteration", args: []string{"Zajárova"}, want: []string{"person=RUSGOV=Maria Zakharova"}},
		{name: "full name variant", args: []string{"Serguei Lavrov"}, want: []string{"person=RUSGOV=Sergei Lavrov"}},
		{name: "title and surname", args: []string{"M. Lavrov"}, want: []string{"person=RUSGOV=Sergei Lavrov"}},
		{name: "no false merge", args: []string{"Maduro"}, want: []string{"person=VENGOV=Nicolás Maduro"}, absent: []string{"Madero"}},
		{name: "country name any case", args: []string{"russie"}, want: []string{"country=RUS="}},
		{name: "adjective", args: []string{"cubaines"}, want: []string{"adjective=CUB="}},
		{name: "capital", args: []string{"La Havane"}, want: []string{"capital=CUB="}},
		{name: "seat", args: []string{"Kremlin"}, want: []string{"seat=RUSGOV="}},
		{name: "epithet", args: []string{"nation caribéenne"}, want: []string{"epithet=CUB="}},
		{name: "acronym lower case", args: []string{"otan"}, want: []string{"org=IGONATO="}},
		{name: "role noun", args: []string{"sénateur"}, want: []string{"role=="}},
		{name: "several names", args: []string{"ONU", "Casa Blanca"}, want: []string{"org=IGOUN=", "seat=USAGOV="}},
		{name: "date gives the office", args: []string{"--date", "2010-06-01", "--format", "table", "Maduro"}, out: "on 2010-06-01"},
		{name: "unknown", args: []string{"Xqzw Plorp"}, status: 1},
		{name: "no name", args: []string{}, status: 2},
		{name: "no subcommand", args: nil, status: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"actor"}
			if tc.args != nil {
				args = append(args, "lookup")
				args = append(args, tc.args...)
			}
			status, out, errOut := runDyad(t, "", false, args...)
			if status != tc.status {
				t.Fatalf("status %d, want %d; stderr: %s", status, tc.status, errOut)
			}
			if !strings.Contains(out, tc.out) {
				t.Errorf("stdout lacks %q:\n%s", tc.out, out)
			}
			got := map[string]bool{}
			names := ""
			for line := range strings.Lines(out) {
				if !strings.HasPrefix(line, "{") {
					continue
				}
				var r lookupRec
				if err := json.Unmarshal([]byte(line), &r); err != nil {
					t.Fatalf("not JSON: %v: %s", err, line)
				}
				got[r.Kind+"="+r.Code+"="+r.Name] = true
				names += r.Name + ";"
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("no record %q; got %v", w, got)
				}
			}
			for _, a := range tc.absent {
				if strings.Contains(names, a) {
					t.Errorf("%q found: %s", a, names)
				}
			}
		})
	}
}
