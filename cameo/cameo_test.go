package cameo_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"dyad/cameo"
	"dyad/data"
)

func load(t *testing.T) *cameo.Ontology {
	t.Helper()
	o, err := cameo.Load(data.FS)
	if err != nil {
		t.Fatalf("Load(data.FS): %v", err)
	}
	return o
}

// quadOfRoot is GDELT's grouping of roots into quad classes.
func quadOfRoot(root string) int {
	switch {
	case root <= "04":
		return 1
	case root <= "08":
		return 2
	case root <= "13":
		return 3
	default:
		return 4
	}
}

func TestEmbeddedCodesConsistent(t *testing.T) {
	o := load(t)
	codes := o.Codes()
	if len(codes) < 300 {
		t.Fatalf("only %d codes loaded", len(codes))
	}
	roots := 0
	for _, e := range codes {
		if !strings.HasPrefix(e.Code, e.Root) || len(e.Root) != 2 {
			t.Errorf("%s: root %q is not its prefix", e.Code, e.Root)
		}
		if len(e.Code) == 2 {
			roots++
		}
		r, ok := o.Lookup(e.Root)
		if !ok {
			t.Errorf("%s: root %s missing", e.Code, e.Root)
			continue
		}
		if e.Quad != r.Quad || e.Quad != quadOfRoot(e.Root) {
			t.Errorf("%s: quad %d, root %s has %d, GDELT class %d", e.Code, e.Quad, e.Root, r.Quad, quadOfRoot(e.Root))
		}
		if e.Goldstein < -10 || e.Goldstein > 10 {
			t.Errorf("%s: Goldstein %v out of range", e.Code, e.Goldstein)
		}
	}
	if roots != 20 {
		t.Errorf("%d roots, want 20", roots)
	}
}

func TestLookup(t *testing.T) {
	o := load(t)
	tests := []struct {
		code      string
		ok        bool
		root      string
		quad      int
		goldstein float64
		plover    string
	}{
		{"010", true, "01", 1, 0, ""},
		{"0233", true, "02", 1, 3.4, "REQUEST"},
		{"036", true, "03", 1, 4.0, "AGREE"},
		{"042", true, "04", 1, 1.9, "CONSULT"},
		{"051", true, "05", 2, 3.4, "SUPPORT"},
		{"057", true, "05", 2, 8.0, "AGREE"},
		{"061", true, "06", 2, 6.4, "COOPERATE"},
		{"073", true, "07", 2, 7.4, "AID"},
		{"081", true, "08", 2, 5.0, "CONCEDE"},
		{"0841", true, "08", 2, 7.0, "RETREAT"},
		{"092", true, "09", 3, -2.0, "ACCUSE"},
		{"104", true, "10", 3, -5.0, "REQUEST"},
		{"1122", true, "11", 3, -2.0, "ACCUSE"},
		{"125", true, "12", 3, -5.0, "REJECT"},
		{"138", true, "13", 3, -7.0, "THREATEN"},
		{"14", true, "14", 4, -6.5, "PROTEST"},
		{"154", true, "15", 4, -7.2, "MOBILIZE"},
		{"163", true, "16", 4, -8.0, "SANCTION"},
		{"173", true, "17", 4, -5.0, "COERCE"},
		{"175", true, "17", 4, -9.0, "ASSAULT"},
		{"186", true, "18", 4, -10.0, "ASSAULT"},
		{"191", true, "19", 4, -9.5, "COERCE"},
		{"195", true, "19", 4, -10.0, "ASSAULT"},
		{"2042", true, "20", 4, -10.0, "ASSAULT"},
		{"047", false, "", 0, 0, ""},
		{"21", false, "", 0, 0, ""},
		{"", false, "", 0, 0, ""},
		{"abc", false, "", 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			e, ok := o.Lookup(tt.code)
			if ok != tt.ok || o.Valid(tt.code) != tt.ok {
				t.Fatalf("Lookup ok=%v Valid=%v, want %v", ok, o.Valid(tt.code), tt.ok)
			}
			if !ok {
				return
			}
			if e.Root != tt.root || e.Quad != tt.quad || e.Goldstein != tt.goldstein || e.Plover != tt.plover {
				t.Errorf("got %+v, want root %s quad %d goldstein %v plover %q", e, tt.root, tt.quad, tt.goldstein, tt.plover)
			}
			if e.Name == "" {
				t.Error("empty name")
			}
		})
	}
}

func TestPloverTypesArePlover20(t *testing.T) {
	known := map[string]bool{"": true}
	for _, s := range strings.Fields("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT") {
		known[s] = true
	}
	for _, e := range load(t).Codes() {
		if !known[e.Plover] {
			t.Errorf("%s: %q is not a PLOVER 2.0 event type", e.Code, e.Plover)
		}
		if e.Plover == "" && e.Root != "01" {
			t.Errorf("%s: no PLOVER type", e.Code)
		}
	}
}

func TestRoot(t *testing.T) {
	for in, want := range map[string]string{"042": "04", "14": "14", "1122": "11", "4": "", "12345": "", "0x1": ""} {
		if got := cameo.Root(in); got != want {
			t.Errorf("Root(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBadFiles(t *testing.T) {
	const src = "# source: test\n"
	goodCodes := src + "04\t04\t1\t1.0\tConsult\n042\t04\t1\t1.9\tMake a visit\n"
	goodPlover := src + "04\tCONSULT\n"
	tests := []struct {
		name          string
		codes, plover string
		want          []string
	}{
		{"ok", goodCodes, goodPlover, nil},
		{"no source", "04\t04\t1\t1.0\tConsult\n", goodPlover, []string{"cameo/cameo.tsv: missing \"# source:\""}},
		{"fields", src + "04\t04\t1\t1.0\n", goodPlover, []string{"cameo/cameo.tsv:2: want 5 tab-separated fields"}},
		{"bad code", src + "04\t04\t1\t1.0\tConsult\n4a\t04\t1\t1.0\tX\n", goodPlover, []string{"cameo/cameo.tsv:3: code \"4a\""}},
		{"root not prefix", goodCodes + "051\t04\t1\t1.0\tX\n", goodPlover, []string{"cameo/cameo.tsv:4: code 051: root \"04\""}},
		{"root missing", goodCodes + "051\t05\t2\t3.4\tPraise\n", goodPlover, []string{"cameo/cameo.tsv:4: code 051: root 05 is not defined"}},
		{"quad differs", goodCodes + "043\t04\t2\t2.8\tHost\n", goodPlover, []string{"cameo/cameo.tsv:4: code 043: quad class 2 differs"}},
		{"quad range", goodCodes + "043\t04\t5\t2.8\tHost\n", goodPlover, []string{"cameo/cameo.tsv:4: code 043: quad class \"5\""}},
		{"goldstein", goodCodes + "043\t04\t1\t12\tHost\n", goodPlover, []string{"cameo/cameo.tsv:4: code 043: Goldstein value \"12\""}},
		{"empty name", goodCodes + "043\t04\t1\t2.8\t\n", goodPlover, []string{"cameo/cameo.tsv:4: code 043: empty name"}},
		{"duplicate", goodCodes + "042\t04\t1\t1.9\tAgain\n", goodPlover, []string{"cameo/cameo.tsv:4: code 042 already defined at line 3"}},
		{"plover unknown prefix", goodCodes, goodPlover + "05\tSUPPORT\n", []string{"cameo/plover.tsv:3: prefix \"05\""}},
		{"plover bad type", goodCodes, goodPlover + "042\tvisit\n", []string{"cameo/plover.tsv:3: PLOVER type \"visit\""}},
		{"plover duplicate", goodCodes, goodPlover + "04\tAGREE\n", []string{"cameo/plover.tsv:3: prefix 04 already mapped at line 2"}},
		{"two errors", goodCodes + "043\t04\t1\t12\tHost\n", goodPlover + "05\tSUPPORT\n", []string{"cameo/cameo.tsv:4:", "cameo/plover.tsv:3:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"cameo/cameo.tsv":  {Data: []byte(tt.codes)},
				"cameo/plover.tsv": {Data: []byte(tt.plover)},
			}
			o, err := cameo.Load(fsys)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if e, _ := o.Lookup("042"); e.Plover != "CONSULT" {
					t.Errorf("042 plover %q, want CONSULT", e.Plover)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := cameo.Load(fstest.MapFS{"cameo/cameo.tsv": {Data: []byte("# source: x\n")}})
	if err == nil || !strings.Contains(err.Error(), "plover.tsv") {
		t.Errorf("got %v, want an error naming plover.tsv", err)
	}
}

// FuzzParse: any pair of files gives an ontology or an error, never a panic;
// an ontology's codes all have their root.
func FuzzParse(f *testing.F) {
	f.Add("# source: x\n04\t04\t1\t1.0\tConsult\n042\t04\t1\t1.9\tVisit\n", "# source: x\n04\tCONSULT\n")
	f.Add("# source: x\n0\t0\t1\t1\tX\n", "")
	f.Fuzz(func(t *testing.T, codes, plover string) {
		o, err := cameo.Parse([]byte(codes), []byte(plover))
		if err != nil {
			return
		}
		for _, e := range o.Codes() {
			if !o.Valid(e.Root) || cameo.Root(e.Code) != e.Root {
				t.Fatalf("%+v: root missing or wrong", e)
			}
		}
	})
}
