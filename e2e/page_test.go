package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"dyad/data"
	"dyad/event"
	"dyad/ingest"
	"dyad/pipeline"
	"dyad/server"
	"dyad/server/web"
	"dyad/store"
)

const founding = "rhc-2021-11-19-russie-cuba"

// chromiumPath finds Debian's chromium (DYAD_CHROMIUM overrides it).
func chromiumPath(t *testing.T) string {
	for _, p := range []string{os.Getenv("DYAD_CHROMIUM"), "/usr/bin/chromium"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	t.Skip("headless Chromium not found at /usr/bin/chromium: install it with `apt-get install -y chromium` (.ci/run does) or set DYAD_CHROMIUM")
	return ""
}

// buildStore codes the founding dispatch, this test's own documents (when
// own) and, when ../shared/gold is there, the shared gold texts, into a fresh
// store.
func buildStore(t *testing.T, own bool) (*store.SQLite, *pipeline.Pipeline) {
	t.Helper()
	ctx := context.Background()
	p, err := pipeline.New(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	text, err := os.ReadFile("../examples/" + founding + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	docs := []event.Document{{ID: founding, Text: string(text), Published: "2021-11-19", Title: "La Russie et Cuba (RHC, 19 novembre 2021)"}}
	var paths []string
	if own {
		paths = append(paths, "../testdata/e2e/docs.jsonl")
	}
	gold, _ := filepath.Glob("../../shared/gold/*-dev.jsonl")
	if len(gold) == 0 {
		t.Log("../../shared/gold absent: the page shows the founding dispatch and this test's documents only")
	}
	paths = append(paths, gold...)
	for d, err := range ingest.Read(ctx, paths, nil, ingest.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	var items []store.Item
	for _, d := range docs {
		it, err := server.CodeItem(p, d, pipeline.Options{})
		if err != nil {
			if d.ID == founding || strings.HasPrefix(d.ID, "e2e-") {
				t.Fatalf("coding %s: %v", d.ID, err)
			}
			continue // a gold document that cannot be coded (too short, another language)
		}
		items = append(items, it)
	}
	res, err := st.Add(ctx, items)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("store: %d documents, %d mentions", res.Documents, res.Mentions)
	return st, p
}

// serve starts the real server on a loopback port.
func serve(t *testing.T, st store.Store, p *pipeline.Pipeline) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := server.Config{Store: st, Page: web.FS}
	if p != nil {
		cfg.Coder = p
	}
	srv := server.HTTPServer(ln.Addr().String(), server.New(cfg))
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + "/"
}

// browser starts headless Chromium with a fresh profile.
func browser(t *testing.T, path string, w, h int) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(w, h),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelA() })
	// start the browser on a context without a deadline: it lives as long as ctx
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return ctx
}

// do runs browser steps with a time limit.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(c, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(c, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it holds.
func waitFor(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(c, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		status := eval[string](t, ctx, `document.getElementById("status").textContent`)
		t.Fatalf("waiting for %s (%s): %v; page status: %q", what, cond, err, status)
	}
}

// fill clears the filter fields then types the given values, as a person
// would.
func fill(fields map[string]string) chromedp.Action[chromedp.Void] {
	var steps []chromedp.Action[chromedp.Void]
	for id, v := range fields {
		js, _ := json.Marshal(id)
		steps = append(steps, chromedp.Evaluate[chromedp.Void](`document.getElementById(`+string(js)+`).value = ""`))
		if v != "" {
			steps = append(steps, chromedp.SendKeys(chromedp.CSS("#"+id), v))
		}
	}
	return chromedp.Steps(steps...)
}

// document fetches a document from the API, to compare the page with it.
func document(t *testing.T, base, id string) store.DocumentView {
	t.Helper()
	r, err := http.Get(base + "api/documents/" + id)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	var d store.DocumentView
	if err := json.NewDecoder(r.Body).Decode(&d); err != nil {
		t.Fatalf("document %s: %v", id, err)
	}
	return d
}

// screenshot saves what the browser shows into DYAD_SCREENSHOTS, else into
// a temporary folder.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("DYAD_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	c, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(c, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

func TestPage(t *testing.T) {
	chromium := chromiumPath(t)
	st, p := buildStore(t, true)
	base := serve(t, st, p)
	ctx := browser(t, chromium, 1440, 1000)

	do(t, ctx, "loading the page", chromedp.Navigate(base))
	waitFor(t, ctx, "the events table and the network", `document.querySelectorAll("#events tbody tr[data-id]").length > 0 && document.querySelector("#network svg")`)
	if title := eval[string](t, ctx, `document.title`); !strings.Contains(title, "dyad") {
		t.Errorf("page title %q", title)
	}

	// Filter on the dyad.
	do(t, ctx, "filtering on RUS and CUB",
		fill(map[string]string{"f-actor": "", "f-source": "RUS", "f-target": "CUB"}),
		chromedp.Click(chromedp.CSS("#apply")))
	waitFor(t, ctx, "the RUS-CUB timeline", `document.getElementById("timeline-title").textContent.includes("RUS ↔ CUB") && document.querySelector("#timeline svg") && document.getElementById("status").textContent === ""`)

	pairs := eval[[][2]string](t, ctx, `[...document.querySelectorAll("#events tbody tr[data-id]")].map(r => [r.cells[1].textContent, r.cells[3].textContent])`)
	if len(pairs) < 4 {
		t.Errorf("%d RUS-CUB events in the table, want at least 4", len(pairs))
	}
	for _, pr := range pairs {
		if !(strings.HasPrefix(pr[0], "RUS") && strings.HasPrefix(pr[1], "CUB") || strings.HasPrefix(pr[0], "CUB") && strings.HasPrefix(pr[1], "RUS")) {
			t.Errorf("row %v is not between RUS and CUB", pr)
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#timeline rect.bar[fill^='#']").length`); n < 2 {
		t.Errorf("timeline has %d bars, want at least 2", n)
	}
	if s := eval[string](t, ctx, `document.getElementById("summary").textContent`); !strings.Contains(s, "cooperation") || !strings.Contains(s, "mean Goldstein") {
		t.Errorf("timeline summary %q", s)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#network path.edge[data-source='RUS'][data-target='CUB'], #network path.edge[data-source='CUB'][data-target='RUS']").length`); n == 0 {
		t.Error("the network has no RUS-CUB link")
	}
	screenshot(t, ctx, "page.png")

	// Most conflictual first: Goldstein scores never go down the table, and
	// the two directions of the pair are merged in that order.
	do(t, ctx, "sorting", chromedp.Evaluate[chromedp.Void](`document.getElementById("f-sort").value = "-goldstein"`), chromedp.Click(chromedp.CSS("#apply")))
	waitFor(t, ctx, "the table in Goldstein order", `(() => {
		const g = [...document.querySelectorAll("#events tbody tr[data-id]")].map(r => parseFloat(r.cells[4].textContent));
		return g.length > 3 && g.every((v, i) => i === 0 || g[i - 1] <= v) && g[0] < g[g.length - 1] && document.getElementById("status").textContent === "";
	})()`)
	if h := eval[string](t, ctx, `location.hash`); !strings.Contains(h, "sort=-goldstein") || !strings.Contains(h, "source=RUS") {
		t.Errorf("the address keeps the filters: %q", h)
	}
	do(t, ctx, "sorting back", chromedp.Evaluate[chromedp.Void](`document.getElementById("f-sort").value = ""`), chromedp.Click(chromedp.CSS("#apply")))
	waitFor(t, ctx, "the table in date order", `(() => {
		const d = [...document.querySelectorAll("#events tbody tr[data-id]")].map(r => r.cells[0].textContent);
		return d.length > 3 && d.every((v, i) => i === 0 || d[i - 1] >= v) && document.getElementById("status").textContent === "";
	})()`)

	// No events: the table says so.
	do(t, ctx, "filtering on nothing", fill(map[string]string{"f-q": "zzzqqq"}), chromedp.Click(chromedp.CSS("#apply")))
	waitFor(t, ctx, "the empty table", `document.querySelector("#events tbody tr.empty") && document.querySelectorAll("#events tbody tr[data-id]").length === 0`)
	do(t, ctx, "filtering again", fill(map[string]string{"f-q": ""}), chromedp.Click(chromedp.CSS("#apply")))
	waitFor(t, ctx, "the rows", `document.querySelectorAll("#events tbody tr[data-id]").length > 3 && document.getElementById("status").textContent === ""`)

	// Open an event of the founding dispatch: its evidence sentence, trigger
	// and actors are highlighted in the document's text.
	do(t, ctx, "opening an event", chromedp.Click(chromedp.CSS(`#events tbody tr[data-doc="`+founding+`"]`)))
	waitFor(t, ctx, "the document", `!document.getElementById("doc").hidden && document.querySelector("#doc-text mark.evidence")`)
	id := eval[string](t, ctx, `document.querySelector("#events tbody tr.selected").dataset.id`)
	doc := document(t, base, founding)
	var ev *store.Event
	for i := range doc.Events {
		if fmt.Sprint(doc.Events[i].ID) == id {
			ev = &doc.Events[i]
		}
	}
	if ev == nil {
		t.Fatalf("event %s is not among the document's events", id)
	}
	want := doc.Text[ev.Evidence.Span[0]:ev.Evidence.Span[1]]
	got := eval[string](t, ctx, `[...document.querySelectorAll("#doc-text mark.evidence")].map(m => m.textContent).join("")`)
	if got != want {
		t.Errorf("highlighted evidence\n%q\nwant the sentence at %v\n%q", got, ev.Evidence.Span, want)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#doc-text mark.evidence mark.actor").length`); n == 0 {
		t.Error("no actor highlighted inside the evidence sentence")
	}
	if ev.Evidence.Trigger != nil {
		trig := doc.Text[ev.Evidence.Trigger[0]:ev.Evidence.Trigger[1]]
		if got := eval[string](t, ctx, `[...document.querySelectorAll("#doc-text mark.trigger")].map(m => m.textContent).join("")`); got != trig {
			t.Errorf("highlighted trigger %q, want %q", got, trig)
		}
	}
	if got := eval[string](t, ctx, `document.getElementById("doc-text").textContent`); got != doc.Text {
		t.Errorf("the document panel does not show the document's text exactly (%d bytes, want %d)", len(got), len(doc.Text))
	}
	screenshot(t, ctx, "page-document.png")

	// A chart point opens a document of its period.
	do(t, ctx, "closing the document", chromedp.Click(chromedp.CSS("#doc-close")))
	do(t, ctx, "clicking a chart point", chromedp.Click(chromedp.CSS("#timeline g.period rect:last-child")))
	waitFor(t, ctx, "the period's document", `!document.getElementById("doc").hidden && document.querySelector("#doc-text mark.evidence") && document.getElementById("status").textContent.includes("between RUS and CUB")`)

	// A document holding markup is shown as text.
	do(t, ctx, "clearing the filters", chromedp.Click(chromedp.CSS("#doc-close")), chromedp.Click(chromedp.CSS("#reset")))
	waitFor(t, ctx, "the cleared filters", `document.getElementById("f-source").value === "" && document.querySelectorAll("#events tbody tr[data-id]").length > 0`)
	do(t, ctx, "searching its evidence",
		fill(map[string]string{"f-source": "rus", "f-target": "cub"}),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("f-from").value = "2022-03-01"`),
		chromedp.Click(chromedp.CSS("#apply")))
	waitFor(t, ctx, "its event", `document.querySelector('#events tbody tr[data-doc="e2e-script"]')`)
	do(t, ctx, "opening it", chromedp.Click(chromedp.CSS(`#events tbody tr[data-doc="e2e-script"]`)))
	waitFor(t, ctx, "the document with markup", `document.getElementById("doc-title").textContent.includes("Lavrov")`)
	checks := []struct {
		what, expr string
		want       bool
	}{
		{"the script tag shows as text", `document.getElementById("doc-text").textContent.includes("<script>window.__pwned=1</script>")`, true},
		{"the title's img tag shows as text", `document.getElementById("doc-title").textContent.includes("<img src=x")`, true},
		{"no script element in the panel", `document.querySelector("#doc script, #doc img") !== null`, false},
		{"nothing ran", `window.__pwned === 1`, false},
	}
	for _, c := range checks {
		if got := eval[bool](t, ctx, c.expr); got != c.want {
			t.Errorf("%s: %s is %v", c.what, c.expr, got)
		}
	}
}

// TestScreenshot makes docs/screenshot.png: the page on the founding
// dispatch and the shared gold texts, filtered on Russia and Cuba. It runs
// only when asked: DYAD_SCREENSHOTS=$PWD/docs go test ./e2e -run Screenshot
func TestScreenshot(t *testing.T) {
	if os.Getenv("DYAD_SCREENSHOTS") == "" {
		t.Skip("set DYAD_SCREENSHOTS to a folder to write the README's screenshot")
	}
	chromium := chromiumPath(t)
	if g, _ := filepath.Glob("../../shared/gold/*-dev.jsonl"); len(g) == 0 {
		t.Skip("../../shared/gold is absent: the screenshot shows the founding dispatch with the gold texts")
	}
	st, p := buildStore(t, false)
	base := serve(t, st, p)
	ctx := browser(t, chromium, 1440, 1000)
	do(t, ctx, "loading the page", chromedp.Navigate(base+"#source=RUS&target=CUB"))
	waitFor(t, ctx, "the RUS-CUB timeline", `document.getElementById("timeline-title").textContent.includes("RUS ↔ CUB") && document.querySelector("#network svg") && document.getElementById("status").textContent === ""`)
	screenshot(t, ctx, "screenshot.png")
}

// The page is served from the embedded files with the API's security headers.
func TestPageServed(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	base := serve(t, st, nil)
	for _, tc := range []struct{ path, ctype string }{
		{"", "text/html"}, {"app.js", "javascript"}, {"app.css", "text/css"},
	} {
		r, err := http.Get(base + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		if r.StatusCode != http.StatusOK || !strings.Contains(r.Header.Get("Content-Type"), tc.ctype) {
			t.Errorf("GET /%s: %d %s", tc.path, r.StatusCode, r.Header.Get("Content-Type"))
		}
	}
}
