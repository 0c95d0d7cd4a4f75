package web

import (
	"io/fs"
	"strings"
	"testing"
)

func TestFSHasIndexAtRoot(t *testing.T) {
	for _, tc := range []struct {
		name string
		want string
	}{
		{"index.html", "<!doctype html>"},
	} {
		b, err := fs.ReadFile(FS, tc.name)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !strings.Contains(strings.ToLower(string(b)), tc.want) {
			t.Errorf("%s does not contain %q", tc.name, tc.want)
		}
	}
}
