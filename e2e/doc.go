// Package e2e holds the end-to-end test of the web page: a real store built
// through the real pipeline, the real HTTP server on 127.0.0.1, and headless
// Chromium driving the page. It has no code of its own; the test skips, with
// a message saying how to install it, when Chromium is absent.
package e2e
