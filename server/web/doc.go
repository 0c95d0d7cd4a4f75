// Package web holds the page that dyad serve shows at "/": plain HTML, CSS
// and JavaScript, embedded in the binary so the page works offline.
//
// FS is rooted so that index.html sits at its top; the server mounts it as
// is. The page uses only the JSON endpoints written down in docs/api.md and
// puts every text it receives into the page with textContent, never as
// markup.
package web
