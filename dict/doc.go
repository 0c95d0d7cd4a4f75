// Package dict owns the common form of dyad's dictionary files: UTF-8,
// tab-separated, one entry per line, # comments, a mandatory "# source:"
// comment, and errors located as file:line. Each stage parses its own columns
// on top of ParseTSV and compiles them into an immutable value.
package dict
