package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"dyad/event"
	"dyad/ingest"
	"dyad/pipeline"
	"dyad/sink"
)

// codeConfig is a parsed "dyad code" command line.
type codeConfig struct {
	docFlags
	paths     []string
	format    string // one of sink.Formats
	out       string // output file, "" for stdout
	stats     bool
	unordered bool // write events as documents finish, not in input order
	quiet     bool // no progress line
	follow    bool // feeds: fetch each item's page
}

func runCode(ctx context.Context, args []string, e *env) error {
	cfg, err := parseCodeArgs(args, e)
	if errors.Is(err, errHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	p, err := loadPipeline(cfg.dataDir)
	if err != nil {
		return err
	}
	return codeRun(ctx, cfg, p, e)
}

// parseCodeArgs reads the flags, which may come before, between or after the
// paths ("--" ends them). Problems are reported on stderr and give errUsage.
func parseCodeArgs(args []string, e *env) (codeConfig, error) {
	fl := flag.NewFlagSet("code", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	var cfg codeConfig
	cfg.register(fl, true)
	fl.StringVar(&cfg.format, "format", "", "output `format`: jsonl, table, csv, gdelt or parquet (default: table on a terminal, else jsonl)")
	fl.StringVar(&cfg.out, "o", "", "write the events to `FILE` (created or truncated) instead of standard output")
	fl.BoolVar(&cfg.stats, "stats", false, "at the end, print one JSON line of counts and speed on standard error")
	fl.BoolVar(&cfg.unordered, "unordered", false, "write each document's events as soon as it is coded, not in input order")
	fl.BoolVar(&cfg.quiet, "quiet", false, "no progress line on standard error (it is shown only on a terminal)")
	fl.BoolVar(&cfg.follow, "follow", false, "feeds: fetch the page each item links to and code its text")
	fl.Usage = func() {
		w := fl.Output()
		fmt.Fprintln(w, "usage: dyad code [flags] [PATH|URL|-]...")
		fmt.Fprintln(w, "\nCodes documents into event records, one JSON object per event mention.")
		fmt.Fprintln(w, "PATH is a text file (one document), a .jsonl file (one document per line:")
		fmt.Fprintln(w, `"id", "text", optional "published", "lang", "url", "title", "source"),`)
		fmt.Fprintln(w, "a web page (.html, .htm), an RSS or Atom feed (.rss, .atom, .xml, or an")
		fmt.Fprintln(w, "http(s) URL), a WARC archive (.warc), any of them gzipped (.gz), a folder")
		fmt.Fprintln(w, "of them, or - for standard input (the default). A document that cannot")
		fmt.Fprintln(w, "be read or coded is named on standard error and the run goes on; the")
		fmt.Fprintln(w, "exit status is 1 only when no document could be coded. On a terminal,")
		fmt.Fprintln(w, "a progress line is shown on standard error.\n\nflags:")
		fl.PrintDefaults()
	}
	paths, err := parseInterspersed(fl, args)
	if errors.Is(err, flag.ErrHelp) {
		return cfg, errHelp
	}
	if err != nil {
		return cfg, errUsage // the flag package has said why
	}
	bad := func(format string, a ...any) (codeConfig, error) {
		fmt.Fprintf(e.stderr, "dyad code: "+format+"\nrun 'dyad code -h' for usage\n", a...)
		return cfg, errUsage
	}
	if msg := cfg.check(); msg != "" {
		return bad("%s", msg)
	}
	switch cfg.format {
	case "":
		cfg.format = "jsonl"
		if cfg.out == "" && e.stdoutTTY {
			cfg.format = "table"
		}
	case "jsonl", "table", "csv", "gdelt", "parquet":
	default:
		return bad("--format %q: want jsonl, table, csv, gdelt or parquet", cfg.format)
	}
	if sink.Binary(cfg.format) && cfg.out == "" && e.stdoutTTY {
		return bad("--format %s writes a binary file: give it with -o FILE", cfg.format)
	}
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	cfg.paths = paths
	return cfg, nil
}

// errHelp is returned after -h printed the usage: the run ends with status 0.
var errHelp = errors.New("help shown")

// parseInterspersed parses flags wherever they are among args, so that
// "dyad code corpus/ --stats" works; everything after "--" is a path.
func parseInterspersed(fl *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fl.Parse(args); err != nil {
			return nil, err
		}
		rest := fl.Args()
		if len(rest) == 0 {
			return paths, nil
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(paths, rest...), nil
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
}

// coder is what the command needs of the pipeline.
type coder interface {
	Code(doc event.Document, opt pipeline.Options) (pipeline.Result, error)
}

// codeStats is the --stats line.
type codeStats struct {
	Documents          int     `json:"documents"` // documents coded
	Sentences          int     `json:"sentences"`
	Events             int     `json:"events"`
	Errors             int     `json:"errors"` // documents or lines that could not be read or coded
	Seconds            float64 `json:"seconds"`
	SentencesPerSecond float64 `json:"sentences_per_second"`
}

// codeRun codes every document cfg names with c and writes the events.
func codeRun(ctx context.Context, cfg codeConfig, c coder, e *env) (err error) {
	start := time.Now()
	out := e.stdout
	if cfg.out != "" {
		f, err := os.Create(cfg.out)
		if err != nil {
			return fmt.Errorf("cannot write the output: %w", err)
		}
		defer func() {
			if cerr := f.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("writing %s: %w", cfg.out, cerr)
			}
		}()
		out = f
	}
	bw := bufio.NewWriterSize(out, 64<<10)
	format := cfg.format
	if format == "" {
		format = "jsonl"
	}
	snk, err := sink.New(format, bw, sink.Options{Now: start})
	if err != nil {
		return err
	}

	var st codeStats
	var prog *progress
	if e.stderrTTY && !cfg.quiet {
		prog = newProgress(e, cfg.paths, start)
		defer prog.stop()
	}
	runErr := codeDocs(ctx, cfg, c, snk, e, &st, prog)
	if ferr := snk.Close(); ferr == nil {
		ferr = bw.Flush()
		if ferr != nil && runErr == nil {
			runErr = fmt.Errorf("writing the output: %w", ferr)
		}
	} else if runErr == nil {
		runErr = fmt.Errorf("writing the output: %w", ferr)
	}
	prog.stop()

	if cfg.stats {
		st.Seconds = time.Since(start).Seconds()
		if st.Seconds > 0 {
			st.SentencesPerSecond = math.Round(float64(st.Sentences)/st.Seconds*10) / 10
		}
		st.Seconds = math.Round(st.Seconds*1000) / 1000
		line, _ := json.Marshal(st) // plain numbers: cannot fail
		fmt.Fprintf(e.stderr, "%s\n", line)
	}
	if runErr != nil {
		return runErr
	}
	if st.Documents == 0 && st.Errors > 0 {
		return errNothingCoded
	}
	return nil
}

// codeDocs is the loop over documents: each one that cannot be read or coded
// gets one line on stderr, and the run goes on. cfg.jobs documents are coded
// at once; their events are written in input order, or as they finish with
// cfg.unordered. At most about 3*cfg.jobs documents are in memory at once.
func codeDocs(ctx context.Context, cfg codeConfig, c coder, snk sink.Sink, e *env, st *codeStats, prog *progress) error {
	var wg sync.WaitGroup
	defer wg.Wait() // runs after cancel: no goroutine outlives the run
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := max(cfg.jobs, 1)
	// out carries every item read: in input order (ordered), or once coded
	// (unordered).
	out := make(chan *codeJob, jobs)
	work := make(chan *codeJob, jobs) // documents to code
	opt := pipeline.Options{Lang: cfg.lang, Published: cfg.published}
	send := func(ch chan<- *codeJob, j *codeJob) bool {
		select {
		case ch <- j:
			return true
		case <-ctx.Done():
			return false
		}
	}
	var workers sync.WaitGroup
	for range jobs {
		workers.Go(func() {
			for j := range work {
				j.res, j.err = c.Code(j.doc, opt)
				close(j.done)
				if cfg.unordered && !send(out, j) {
					return
				}
			}
		})
	}
	wg.Go(workers.Wait)
	var bytesRead *atomic.Int64
	if prog != nil {
		bytesRead = &prog.bytes
	}
	wg.Go(func() {
		defer close(out)
		defer workers.Wait() // unordered: workers send on out until done
		defer close(work)
		iopt := ingest.Options{Published: cfg.published, Lang: cfg.lang, Follow: cfg.follow, BytesRead: bytesRead, Workers: jobs}
		for doc, err := range ingest.Read(ctx, cfg.paths, e.stdin, iopt) {
			j := &codeJob{doc: doc, err: err, done: make(chan struct{})}
			if err != nil {
				close(j.done)
				if !send(out, j) {
					return
				}
				continue
			}
			if !cfg.unordered && !send(out, j) {
				return
			}
			if !send(work, j) {
				return
			}
		}
	})

	for j := range out {
		select {
		case <-j.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if err := codeOne(j, snk, e, st, prog); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// codeJob is one item read: a document to code, or the error reading it.
type codeJob struct {
	doc  event.Document
	res  pipeline.Result
	err  error
	done chan struct{} // closed when res and err are set
}

// codeOne reports or writes one finished job.
func codeOne(j *codeJob, snk sink.Sink, e *env, st *codeStats, prog *progress) error {
	if j.err != nil {
		var de *ingest.DocError
		switch {
		case errors.As(j.err, &de):
			prog.say(e, "dyad: %v\n", j.err)
		case errors.Is(j.err, context.Canceled), errors.Is(j.err, context.DeadlineExceeded):
			return j.err
		default: // the coder's verdict on the document
			prog.say(e, "dyad: %s: %v\n", docName(j.doc), j.err)
		}
		st.Errors++
		return nil
	}
	st.Documents++
	st.Sentences += j.res.Sentences
	st.Events += len(j.res.Events)
	prog.add(j.res.Sentences, len(j.res.Events))
	for _, ev := range j.res.Events {
		if ev.Doc == "" {
			ev.Doc = j.doc.ID
		}
		if ev.Lang == "" {
			ev.Lang = j.res.Lang
		}
		if err := snk.Write(j.doc, ev); err != nil {
			return fmt.Errorf("writing the output: %w", err)
		}
	}
	return nil
}

func docName(d event.Document) string {
	if d.Origin != "" {
		return d.Origin
	}
	return d.ID
}

// tableBlock is how many rows are aligned together before they are written.
const tableBlock = 1000

// progress is the line shown on standard error while dyad code runs on a
// terminal: documents, sentences per second, events, bytes read and, when
// the inputs' size is known, the share done and the time left. Its methods
// do nothing on a nil *progress.
type progress struct {
	bytes atomic.Int64 // raw bytes read, updated by ingest

	mu        sync.Mutex // guards what follows and writing to stderr
	e         *env
	start     time.Time
	total     int64 // bytes of all inputs, 0 when unknown
	docs      int
	sentences int
	events    int
	shown     bool // a progress line is on the screen
	done      chan struct{}
	stopped   bool
	wg        sync.WaitGroup
}

// progressEvery is how often the line is redrawn.
const progressEvery = 250 * time.Millisecond

func newProgress(e *env, paths []string, start time.Time) *progress {
	p := &progress{e: e, start: start, done: make(chan struct{})}
	if n, ok := ingest.Size(paths); ok {
		p.total = n
	}
	p.wg.Go(func() {
		t := time.NewTicker(progressEvery)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				p.mu.Lock()
				p.draw()
				p.mu.Unlock()
			case <-p.done:
				return
			}
		}
	})
	return p
}

func (p *progress) add(sentences, events int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.docs++
	p.sentences += sentences
	p.events += events
	p.mu.Unlock()
}

// say writes a message on standard error, above the progress line.
func (p *progress) say(e *env, format string, a ...any) {
	if p == nil {
		fmt.Fprintf(e.stderr, format, a...)
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(e.stderr, "\r\x1b[K")
		p.shown = false
	}
	fmt.Fprintf(e.stderr, format, a...)
}

// draw writes the line; the caller holds mu.
func (p *progress) draw() {
	el := time.Since(p.start)
	secs := max(el.Seconds(), 1e-9)
	read := p.bytes.Load()
	line := fmt.Sprintf("%s documents, %s sentences (%s/s), %s events, %s read",
		progressCount(p.docs), progressCount(p.sentences), progressCount(int(float64(p.sentences)/secs)), progressCount(p.events), progressSize(read))
	if p.total > 0 {
		frac := min(float64(read)/float64(p.total), 1)
		line += fmt.Sprintf(" of %s (%d%%)", progressSize(p.total), int(frac*100))
		if frac > 0.001 && frac < 1 {
			left := time.Duration(float64(el) * (1 - frac) / frac).Round(time.Second)
			line += fmt.Sprintf(", %s left", left)
		}
	}
	fmt.Fprintf(p.e.stderr, "\r\x1b[K%s %s", progressBar(p.total, read), line)
	p.shown = true
}

// stop draws the last line and ends it. It may be called more than once.
func (p *progress) stop() {
	if p == nil {
		return
	}
	p.mu.Lock()
	if p.stopped {
		p.mu.Unlock()
		return
	}
	p.stopped = true
	close(p.done)
	p.mu.Unlock()
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.draw()
	fmt.Fprintln(p.e.stderr)
	p.shown = false
}

// progressBar is a 20-cell bar when the size is known, else a spinner-free marker.
func progressBar(total, read int64) string {
	if total <= 0 {
		return "dyad:"
	}
	n := int(min(float64(read)/float64(total), 1) * 20)
	return "[" + strings.Repeat("#", n) + strings.Repeat(".", 20-n) + "]"
}

// progressCount writes n with thin groups of three digits: 12 345.
func progressCount(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// progressSize writes a byte count for people.
func progressSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
