package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestServeCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	if code, _, errOut := runDyad(t, "", false, "ingest", "--db", db, "--published", "2021-11-19",
		"../../examples/rhc-2021-11-19-russie-cuba.txt"); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var errOut bytes.Buffer
	done := make(chan error, 1)
	go func() {
		e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errOut}
		done <- serveOn(ctx, serveConfig{db: db, addr: ln.Addr().String()}, ln, e)
	}()
	base := "http://" + ln.Addr().String()
	tests := []struct {
		path, method string
		status       int
		want         string
	}{
		{"/api/timeline?a=RUS&b=CUB", "GET", 200, `"period":"2021-11"`},
		{"/api/events?limit=1", "GET", 200, `"evidence"`},
		{"/", "GET", 200, "<html"},
		{"/api/code", "POST", 403, "token"},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, base+tt.path, strings.NewReader("x"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.want) {
			t.Errorf("%s %s: %d %.200s", tt.method, tt.path, resp.StatusCode, body)
		}
	}
	var page struct{ Events []json.RawMessage }
	resp, err := http.Get(base + "/api/events?source=RUS&limit=500")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if len(page.Events) < 3 {
		t.Errorf("%d RUS events", len(page.Events))
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestServeArgs(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"serve", "--addr", "nohost"}, 2},
		{[]string{"serve", "extra"}, 2},
		{[]string{"serve", "--db", ""}, 2},
		{[]string{"serve", "-h"}, 0},
	}
	for _, tt := range tests {
		if code, _, _ := runDyad(t, "", false, tt.args...); code != tt.code {
			t.Errorf("%v: exit %d, want %d", tt.args, code, tt.code)
		}
	}
	var errOut bytes.Buffer
	cfg, err := parseServeArgs([]string{"--addr", "0.0.0.0:0"}, &env{stderr: &errOut})
	if err != nil || cfg.addr != "0.0.0.0:0" || !strings.Contains(errOut.String(), "other machines") {
		t.Errorf("public address: %+v %v %q", cfg, err, errOut.String())
	}
	cfg, err = parseServeArgs(nil, &env{stderr: &errOut})
	if err != nil || cfg.addr != "127.0.0.1:8080" || cfg.db != "dyad.db" {
		t.Errorf("defaults: %+v %v", cfg, err)
	}
}
