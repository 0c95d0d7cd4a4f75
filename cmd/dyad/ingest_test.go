package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// ingestStatsLine decodes the --stats line of dyad ingest.
func ingestStatsLine(t *testing.T, stderr string) ingestStats {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	var st ingestStats
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &st); err != nil {
		t.Fatalf("stats line: %v in %q", err, stderr)
	}
	return st
}

func TestIngestCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	args := []string{"ingest", "--db", db, "--published", "2022-05-05", "--stats", "-j", "2", "--batch", "2",
		"../../testdata/store/paris-alger.txt", "../../testdata/store/washington-havana.txt", "../../testdata/store/script.txt",
		"../../testdata/store/wires.jsonl", "../../examples/rhc-2021-11-19-russie-cuba.txt", "missing.txt"}
	code, out, errOut := runDyad(t, "", false, args...)
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out, errOut)
	}
	if !strings.Contains(errOut, "missing.txt") {
		t.Errorf("the missing file is not reported: %s", errOut)
	}
	st := ingestStatsLine(t, errOut)
	// 3 texts + 3 JSON lines + the founding dispatch; 1 error.
	if st.Documents != 7 || st.New != 7 || st.Duplicates != 0 || st.Errors != 1 || st.Mentions < 15 || st.Events >= st.Mentions {
		t.Errorf("first run: %+v", st)
	}
	code, _, errOut = runDyad(t, "", false, args...)
	st2 := ingestStatsLine(t, errOut)
	if code != 0 || st2.Documents != 7 || st2.New != 0 || st2.Duplicates != 7 || st2.Mentions != 0 {
		t.Errorf("second run: exit %d, %+v", code, st2)
	}
	// Standard input, JSON Lines.
	code, _, errOut = runDyad(t, `{"id": "s1", "published": "2022-05-05", "text": "WASHINGTON, May 4 (C) - The United States imposed new sanctions on Cuba on Monday."}`+"\n",
		false, "ingest", "--db", db, "--stats")
	if st := ingestStatsLine(t, errOut); code != 0 || st.New != 1 || st.Mentions != 1 || st.Events != 0 {
		t.Errorf("stdin: exit %d, %+v (the mention folds into a stored event)", code, st)
	}
}

func TestIngestUsage(t *testing.T) {
	for _, args := range [][]string{
		{"ingest", "--lang", "de", "x"},
		{"ingest", "-j", "0", "x"},
		{"ingest", "--db", "", "x"},
		{"ingest", "--published", "yesterday", "x"},
		{"ingest", "--nope"},
	} {
		if code, _, _ := runDyad(t, "", false, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, errOut := runDyad(t, "", false, "ingest", "-h"); code != 0 || !strings.Contains(errOut, "--db") {
		t.Errorf("-h: exit %d %q", code, errOut)
	}
	db := filepath.Join(t.TempDir(), "t.db")
	if code, _, _ := runDyad(t, "", false, "ingest", "--db", db, "missing.txt"); code != 1 {
		t.Errorf("nothing coded: exit %d, want 1", code)
	}
}
