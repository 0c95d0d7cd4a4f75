package web

import (
	"embed"
	"io/fs"
)

//go:embed assets
var assets embed.FS

// FS holds the page's files with index.html at its root.
var FS fs.FS = mustSub(assets, "assets")

// mustSub roots an embedded tree at dir. The directory is compiled in, so
// fs.Sub cannot fail here; on the impossible error the unrooted tree is
// returned, which a test catches because index.html is then missing.
func mustSub(f embed.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		return f
	}
	return sub
}
