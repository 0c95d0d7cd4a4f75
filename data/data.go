// Package data embeds dyad's dictionaries and gazetteer. Every file says
// where its facts come from in a "# source:" comment. Commands accept
// --data DIR to use a folder on disk instead.
package data

import "embed"

// FS holds the embedded dictionary files, rooted at this folder.
//
//go:embed all:actors all:lang all:timex all:geo all:cameo all:triggers
var FS embed.FS
