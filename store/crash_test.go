package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

const (
	crashEnv   = "DYAD_STORE_CRASH_DB" // set in the child process
	crashBatch = 100                   // documents per transaction
	crashDocs  = 20000                 // documents the child would ingest
)

// TestCrashChild is the child of TestCrashMidIngest: it ingests synthetic
// documents into the database named by crashEnv and prints the number of
// documents committed after each transaction, until it is killed.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("runs only as the child of TestCrashMidIngest")
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	for i := 0; i < crashDocs; i += crashBatch {
		if _, err := s.Add(context.Background(), synthetic(i, crashBatch)); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println(i + crashBatch)
	}
	os.Exit(0)
}

// TestCrashMidIngest kills an ingesting process with SIGKILL, then checks
// that every committed batch is there, whole, and nothing half-written is.
func TestCrashMidIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	path := filepath.Join(t.TempDir(), "dyad.db")
	for round, after := range []int{5, 12} { // kill after this many commits
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashEnv+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		committed, seen := 0, 0
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "error:") {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("child: %s", line)
			}
			n, err := strconv.Atoi(line)
			if err != nil {
				continue // test framework output
			}
			committed = n
			if seen++; seen == after {
				// Let it get into the next transaction, then kill it.
				time.Sleep(time.Duration(3+round*4) * time.Millisecond)
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatal(err)
				}
				break
			}
		}
		cmd.Wait()
		if seen < after {
			t.Fatalf("round %d: the child committed %d batches and ended before the kill", round, seen)
		}

		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("reopening after the kill: %v", err)
		}
		c, err := s.Counts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		// Re-running from the start skips what was committed (idempotent).
		stored := int(c.Documents)
		if stored < committed || stored%crashBatch != 0 {
			t.Errorf("round %d: %d documents stored, %d reported committed: want whole batches, none lost", round, stored, committed)
		}
		checkConsistent(t, s)
		t.Logf("round %d: killed after %d committed documents; %d stored, %d mentions, %d events", round, committed, stored, c.Mentions, c.Events)
		s.Close()
	}

	// Finishing the ingest in-process adds only what is missing.
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before, _ := s.Counts(context.Background())
	total := AddResult{}
	for i := 0; i < int(before.Documents)+2*crashBatch; i += crashBatch {
		r, err := s.Add(context.Background(), synthetic(i, crashBatch))
		if err != nil {
			t.Fatal(err)
		}
		total.Documents += r.Documents
		total.Duplicates += r.Duplicates
	}
	if total.Duplicates != int(before.Documents) || total.Documents != 2*crashBatch {
		t.Errorf("resumed ingest: %d new, %d duplicates; %d were stored", total.Documents, total.Duplicates, before.Documents)
	}
	checkConsistent(t, s)
}
