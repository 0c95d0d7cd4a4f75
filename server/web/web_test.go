package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(FS, name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(b)
}

func TestFSHasIndexAtRoot(t *testing.T) {
	if got := read(t, "index.html"); !strings.HasPrefix(strings.ToLower(got), "<!doctype html>") {
		t.Errorf("index.html does not start with a doctype: %.40q", got)
	}
}

// Every asset the page names is embedded, and none is fetched from
// elsewhere: the page works offline.
func TestAssetsAreLocal(t *testing.T) {
	ref := regexp.MustCompile(`(?:src|href)="([^"]+)"`)
	page := read(t, "index.html")
	refs := ref.FindAllStringSubmatch(page, -1)
	if len(refs) < 2 {
		t.Fatalf("index.html names %d assets, want the stylesheet and the script", len(refs))
	}
	for _, m := range refs {
		name := m[1]
		if strings.Contains(name, "//") {
			t.Errorf("index.html loads %q from another host", name)
			continue
		}
		if _, err := fs.Stat(FS, name); err != nil {
			t.Errorf("index.html names %q: %v", name, err)
		}
	}
}

// The script never parses data as markup: no innerHTML, outerHTML,
// insertAdjacentHTML, document.write or eval.
func TestScriptWritesTextOnly(t *testing.T) {
	js := read(t, "app.js")
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
		if strings.Contains(js, bad) {
			t.Errorf("app.js uses %s", bad)
		}
	}
	if !strings.Contains(js, "textContent") {
		t.Error("app.js never uses textContent")
	}
}
