package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"runtime"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"dyad/data"
	"dyad/event"
	"dyad/ingest"
	"dyad/pipeline"
)

// codeConfig is a parsed "dyad code" command line.
type codeConfig struct {
	paths     []string
	published string // YYYY-MM-DD or ""
	lang      string // "" (auto), "fr", "en" or "es"
	format    string // "jsonl" or "table"
	out       string // output file, "" for stdout
	stats     bool
	dataDir   string
	jobs      int // documents coded at once
}

func runCode(ctx context.Context, args []string, e *env) error {
	cfg, err := parseCodeArgs(args, e)
	if errors.Is(err, errHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	var dict fs.FS = data.FS
	if cfg.dataDir != "" {
		st, err := os.Stat(cfg.dataDir)
		if err != nil {
			return fmt.Errorf("--data: %w", err)
		}
		if !st.IsDir() {
			return fmt.Errorf("--data %s: not a folder", cfg.dataDir)
		}
		dict = os.DirFS(cfg.dataDir)
	}
	p, err := pipeline.New(dict)
	if err != nil {
		return fmt.Errorf("loading dictionaries: %w", err)
	}
	return codeRun(ctx, cfg, p, e)
}

// parseCodeArgs reads the flags, which may come before, between or after the
// paths ("--" ends them). Problems are reported on stderr and give errUsage.
func parseCodeArgs(args []string, e *env) (codeConfig, error) {
	fl := flag.NewFlagSet("code", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	var cfg codeConfig
	lang := fl.String("lang", "auto", "document `language`: auto, fr, en or es")
	fl.StringVar(&cfg.published, "published", "", "publication date (`YYYY-MM-DD` or RFC 3339) of documents that do not give one")
	fl.StringVar(&cfg.format, "format", "", "output `format`: jsonl or table (default: table on a terminal, else jsonl)")
	fl.StringVar(&cfg.out, "o", "", "write the events to `FILE` (created or truncated) instead of standard output")
	fl.BoolVar(&cfg.stats, "stats", false, "at the end, print one JSON line of counts and speed on standard error")
	fl.StringVar(&cfg.dataDir, "data", "", "read the dictionaries from `DIR` instead of the built-in ones")
	fl.IntVar(&cfg.jobs, "j", runtime.GOMAXPROCS(0), "code `N` documents at once (events keep the input order)")
	fl.Usage = func() {
		w := fl.Output()
		fmt.Fprintln(w, "usage: dyad code [flags] [PATH|-]...")
		fmt.Fprintln(w, "\nCodes documents into event records, one JSON object per event mention.")
		fmt.Fprintln(w, "PATH is a text file (one document), a .jsonl file (one document per line:")
		fmt.Fprintln(w, `"id", "text", optional "published", "lang", "url", "title", "source"),`)
		fmt.Fprintln(w, "a folder (its .txt, .text and .jsonl files), or - for standard input")
		fmt.Fprintln(w, "(the default). A document that cannot be read or coded is named on")
		fmt.Fprintln(w, "standard error and the run goes on; the exit status is 1 only when no")
		fmt.Fprintln(w, "document could be coded.\n\nflags:")
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
	switch *lang {
	case "auto", "":
	case "fr", "en", "es":
		cfg.lang = *lang
	default:
		return bad("--lang %q: want auto, fr, en or es", *lang)
	}
	if cfg.published, err = ingest.NormalizeDate(cfg.published); err != nil {
		return bad("--published: %v", err)
	}
	switch cfg.format {
	case "":
		cfg.format = "jsonl"
		if cfg.out == "" && e.stdoutTTY {
			cfg.format = "table"
		}
	case "jsonl", "table":
	default:
		return bad("--format %q: want jsonl or table", cfg.format)
	}
	if cfg.jobs < 1 {
		return bad("-j %d: want at least 1", cfg.jobs)
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
	var sink eventSink = newJSONLSink(bw)
	if cfg.format == "table" {
		sink = newTableSink(bw)
	}

	var st codeStats
	runErr := codeDocs(ctx, cfg, c, sink, e, &st)
	if ferr := sink.flush(); ferr == nil {
		ferr = bw.Flush()
		if ferr != nil && runErr == nil {
			runErr = fmt.Errorf("writing the output: %w", ferr)
		}
	} else if runErr == nil {
		runErr = fmt.Errorf("writing the output: %w", ferr)
	}

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
// at once; their events are written in input order.
func codeDocs(ctx context.Context, cfg codeConfig, c coder, sink eventSink, e *env, st *codeStats) error {
	var wg sync.WaitGroup
	defer wg.Wait() // runs after cancel: no goroutine outlives the run
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := max(cfg.jobs, 1)
	order := make(chan *codeJob, jobs) // every item, in input order
	work := make(chan *codeJob, jobs)  // documents to code
	opt := pipeline.Options{Lang: cfg.lang, Published: cfg.published}
	for range jobs {
		wg.Go(func() {
			for j := range work {
				j.res, j.err = c.Code(j.doc, opt)
				close(j.done)
			}
		})
	}
	wg.Go(func() {
		defer close(order)
		defer close(work)
		iopt := ingest.Options{Published: cfg.published, Lang: cfg.lang}
		for doc, err := range ingest.Read(ctx, cfg.paths, e.stdin, iopt) {
			j := &codeJob{doc: doc, err: err, done: make(chan struct{})}
			if err != nil {
				close(j.done)
			}
			select {
			case order <- j:
			case <-ctx.Done():
				return
			}
			if err == nil {
				select {
				case work <- j:
				case <-ctx.Done():
					return
				}
			}
		}
	})

	for j := range order {
		select {
		case <-j.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if err := codeOne(j, sink, e, st); err != nil {
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
func codeOne(j *codeJob, sink eventSink, e *env, st *codeStats) error {
	if j.err != nil {
		var de *ingest.DocError
		switch {
		case errors.As(j.err, &de):
			fmt.Fprintf(e.stderr, "dyad: %v\n", j.err)
		case errors.Is(j.err, context.Canceled), errors.Is(j.err, context.DeadlineExceeded):
			return j.err
		default: // the coder's verdict on the document
			fmt.Fprintf(e.stderr, "dyad: %s: %v\n", docName(j.doc), j.err)
		}
		st.Errors++
		return nil
	}
	st.Documents++
	st.Sentences += j.res.Sentences
	st.Events += len(j.res.Events)
	for _, ev := range j.res.Events {
		if ev.Doc == "" {
			ev.Doc = j.doc.ID
		}
		if ev.Lang == "" {
			ev.Lang = j.res.Lang
		}
		if err := sink.write(j.doc, ev); err != nil {
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

// eventSink writes event records in one output format.
type eventSink interface {
	write(doc event.Document, ev event.Event) error
	flush() error
}

// jsonlSink writes one JSON object per line, as event.schema.json says.
type jsonlSink struct{ enc *json.Encoder }

func newJSONLSink(w io.Writer) *jsonlSink {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &jsonlSink{enc: enc}
}

func (s *jsonlSink) write(_ event.Document, ev event.Event) error {
	ev.Source = schemaActor(ev.Source)
	if ev.Target != nil {
		t := schemaActor(*ev.Target)
		ev.Target = &t
	}
	return s.enc.Encode(ev)
}

func (s *jsonlSink) flush() error { return nil }

// schemaActor makes roles an array even when there are none: the schema has
// no null there.
func schemaActor(a event.Actor) event.Actor {
	if a.Roles == nil {
		a.Roles = []string{}
	}
	return a
}

// tableSink writes aligned columns for people.
type tableSink struct {
	w    io.Writer
	tw   *tabwriter.Writer
	rows int
}

// tableBlock is how many rows are aligned together before they are written.
const tableBlock = 1000

func newTableSink(w io.Writer) *tableSink {
	return &tableSink{w: w, tw: tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)}
}

func (s *tableSink) write(doc event.Document, ev event.Event) error {
	if s.rows == 0 {
		fmt.Fprintln(s.tw, "DOC\tSENT\tDATE\tSOURCE\tEVENT\tTARGET\tMODALITY\tEVIDENCE")
	}
	target := "-"
	if ev.Target != nil {
		target = cell(ev.Target.Code, 16)
	}
	evidence := cell(ev.Text, 80)
	if tr := triggerText(doc.Text, ev.Trigger); tr != "" {
		evidence = "[" + cell(tr, 30) + "] " + evidence
	}
	_, err := fmt.Fprintf(s.tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n",
		cellTail(ev.Doc, 28), ev.Sentence, orDash(ev.Date), cell(orDash(ev.Source.Code), 16),
		cell(ev.Code, 5), target, cell(ev.Modality, 12), evidence)
	s.rows++
	if err == nil && s.rows%tableBlock == 0 {
		err = s.tw.Flush()
	}
	return err
}

func (s *tableSink) flush() error { return s.tw.Flush() }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// triggerText is the trigger's words in the document, or "".
func triggerText(text string, tr *event.Span) string {
	if tr == nil || tr.Start() < 0 || tr.Start() >= tr.End() || tr.End() > len(text) {
		return ""
	}
	return text[tr.Start():tr.End()]
}

// cell flattens s to one line (tabs and line breaks would break the columns)
// and truncates it to max runes with an ellipsis.
func cell(s string, max int) string {
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}

// cellTail is cell keeping the end of s, where file names differ.
func cellTail(s string, max int) string {
	s = cell(s, math.MaxInt)
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return "…" + string(r[len(r)-max+1:])
}
