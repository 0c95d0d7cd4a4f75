package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dyad/data"
)

func dictRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
	status := run(context.Background(), append([]string{"dict"}, args...), e)
	return status, out.String(), errOut.String()
}

// copyData writes the built-in dictionaries into a fresh folder.
func copyData(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.CopyFS(dir, data.FS); err != nil {
		t.Fatal(err)
	}
	return dir
}

// appendTo adds lines at the end of a file and returns the number of the
// first one added.
func appendTo(t *testing.T, path, text string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > 0 && b[len(b)-1] != '\n' {
		b = append(b, '\n')
	}
	first := bytes.Count(b, []byte("\n")) + 1
	if err := os.WriteFile(path, append(b, text...), 0o644); err != nil {
		t.Fatal(err)
	}
	return first
}

func TestDictCheckOK(t *testing.T) {
	for _, tc := range []struct {
		name string
		args func(t *testing.T) []string
	}{
		{"embedded", func(*testing.T) []string { return []string{"check"} }},
		{"folder", func(t *testing.T) []string { return []string{"check", copyData(t)} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, out, errOut := dictRun(t, tc.args(t)...)
			if status != 0 {
				t.Fatalf("status %d, stdout %q, stderr %q", status, out, errOut)
			}
			m := regexp.MustCompile(`^ok: (\d+) files\n$`).FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("output %q, want ok: N files", out)
			}
			if n, _ := strconv.Atoi(m[1]); n < 20 {
				t.Errorf("only %d files counted", n)
			}
		})
	}
}

func TestDictCheckProblems(t *testing.T) {
	dir := copyData(t)
	trig := appendTo(t, filepath.Join(dir, "triggers", "fr.tsv"),
		"999\tbidule\n"+
			"141\tmanifest*\tnotgt,bogus\n"+
			"141\t... manifestation\n")
	gram := appendTo(t, filepath.Join(dir, "triggers", "grammar.tsv"), "xx\tby\tpar\n")
	roles := appendTo(t, filepath.Join(dir, "actors", "roles.tsv"), "GOV\tfr\n")
	// A file without its source line.
	es := filepath.Join(dir, "timex", "es.tsv")
	b, err := os.ReadFile(es)
	if err != nil {
		t.Fatal(err)
	}
	b = regexp.MustCompile(`(?m)^#\s*source:.*\n`).ReplaceAll(b, nil)
	if err := os.WriteFile(es, b, 0o644); err != nil {
		t.Fatal(err)
	}

	status, out, errOut := dictRun(t, "check", dir)
	if status != 1 {
		t.Fatalf("status %d, want 1; stdout %q stderr %q", status, out, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	want := []string{
		"triggers/fr.tsv:" + strconv.Itoa(trig) + `: unknown CAMEO code "999"`,
		"triggers/fr.tsv:" + strconv.Itoa(trig+1) + `: unknown option "bogus"`,
		"triggers/fr.tsv:" + strconv.Itoa(trig+2) + ": a pattern must start and end with a word",
		"triggers/grammar.tsv:" + strconv.Itoa(gram) + `: unknown language "xx"`,
		"actors/roles.tsv:" + strconv.Itoa(roles) + ":",
		"timex/es.tsv",
	}
	for _, w := range want {
		found := false
		for _, l := range lines {
			found = found || strings.HasPrefix(l, w)
		}
		if !found {
			t.Errorf("no line starting %q in:\n%s", w, out)
		}
	}
	// One problem per line, each located in a file.
	loc := regexp.MustCompile(`^[a-z]+/[a-z_]+\.tsv(:\d+)?: `)
	for _, l := range lines {
		if !loc.MatchString(l) {
			t.Errorf("line %q is not file:line: message", l)
		}
	}
	if strings.Contains(out, "ok:") {
		t.Errorf("ok printed despite problems:\n%s", out)
	}
}

func TestDictUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"lint"}, {"check", "a", "b"}} {
		if status, _, _ := dictRun(t, args...); status != 2 {
			t.Errorf("dict %q: status %d, want 2", args, status)
		}
	}
	if status, _, errOut := dictRun(t, "check", filepath.Join(t.TempDir(), "missing")); status != 1 || !strings.Contains(errOut, "missing") {
		t.Errorf("missing folder: status %d, stderr %q", status, errOut)
	}
}
