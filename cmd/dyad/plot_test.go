package main

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dyad/data"
	"dyad/event"
	"dyad/pipeline"
	"dyad/server"
	"dyad/store"
)

// plotStore codes the founding dispatch through the real pipeline into a
// fresh SQLite store and returns its path.
func plotStore(t *testing.T) string {
	t.Helper()
	text, err := os.ReadFile("../../examples/rhc-2021-11-19-russie-cuba.txt")
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	doc := event.Document{ID: "rhc-2021-11-19-russie-cuba", Text: string(text), Published: "2021-11-19"}
	it, err := server.CodeItem(p, doc, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "dyad.db")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Add(context.Background(), []store.Item{it}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestPlotCommand(t *testing.T) {
	db := plotStore(t)
	dir := t.TempDir()
	tests := []struct {
		name     string
		args     []string
		code     int
		file     string   // written when code is 0
		contains []string // in the SVG file
		stderr   string
	}{
		{"svg", []string{"--a", "rus", "--b", "CUB", "--db", db, "-o", filepath.Join(dir, "t.svg")}, 0, "t.svg",
			[]string{"RUS ↔ CUB: events per week", "cooperation", ">2021-10-11<", ">2021-11-15<", "mean Goldstein"}, "6 periods of a week"},
		{"svg by month", []string{"--a", "CUB", "--b", "RUS", "--interval", "month", "--db", db, "-o", filepath.Join(dir, "m.svg")}, 0, "m.svg",
			[]string{"CUB ↔ RUS: events per month", ">2021-11<"}, "periods of a month"},
		{"days of a range", []string{"--a", "RUS", "--b", "CUB", "--interval", "day", "--from", "2021-11-15", "--to", "2021-11-19", "--db", db, "-o", filepath.Join(dir, "d.svg")}, 0, "d.svg",
			[]string{"events per day (2021-11-15 to 2021-11-19)", ">2021-11-15<", ">2021-11-18<"}, "in 5 periods of a day"},
		{"png", []string{"--a", "RUS", "--b", "CUB", "--db", db, "-o", filepath.Join(dir, "t.png")}, 0, "t.png", nil, ""},
		{"no events in the range", []string{"--a", "RUS", "--b", "CUB", "--from", "2020-01-01", "--to", "2020-12-31", "--db", db, "-o", filepath.Join(dir, "none.svg")}, 1, "", nil, "no events to plot between RUS and CUB from 2020-01-01"},
		{"no store", []string{"--a", "RUS", "--b", "CUB", "--db", filepath.Join(dir, "missing.db"), "-o", filepath.Join(dir, "x.svg")}, 1, "", nil, "create it with dyad ingest"},
		{"missing actor", []string{"--a", "RUS", "--db", db, "-o", filepath.Join(dir, "x.svg")}, 2, "", nil, "--a and --b are required"},
		{"bad extension", []string{"--a", "RUS", "--b", "CUB", "--db", db, "-o", filepath.Join(dir, "x.pdf")}, 2, "", nil, "must end in .svg or .png"},
		{"bad interval", []string{"--a", "RUS", "--b", "CUB", "--interval", "year", "-o", "x.svg"}, 2, "", nil, `--interval "year"`},
		{"bad date", []string{"--a", "RUS", "--b", "CUB", "--from", "19/11/2021", "-o", "x.svg"}, 2, "", nil, "want YYYY-MM-DD"},
		{"reversed dates", []string{"--a", "RUS", "--b", "CUB", "--from", "2021-12-01", "--to", "2021-11-01", "-o", "x.svg"}, 2, "", nil, "is before --from"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runDyad(t, "", false, append([]string{"plot"}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.code, stderr)
			}
			if !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr %q lacks %q", stderr, tc.stderr)
			}
			if tc.file == "" {
				if m, _ := filepath.Glob(filepath.Join(dir, ".*")); len(m) > 0 {
					t.Errorf("left temporary files: %v", m)
				}
				return
			}
			f, err := os.Open(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if st, err := f.Stat(); err != nil || st.Mode().Perm() != 0o644 {
				t.Errorf("%s: mode %v, want -rw-r--r--", tc.file, st.Mode())
			}
			if strings.HasSuffix(tc.file, ".png") {
				if _, err := png.Decode(f); err != nil {
					t.Errorf("%s is not a PNG: %v", tc.file, err)
				}
				return
			}
			b, _ := os.ReadFile(f.Name())
			for _, w := range tc.contains {
				if !strings.Contains(string(b), w) {
					t.Errorf("%s lacks %q", tc.file, w)
				}
			}
		})
	}
}
