package main

import (
	"bufio"
	"context"
	"dyad/sink"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"text/tabwriter"

	dcoder "dyad/coder"
	"dyad/event"
	"dyad/ingest"
	"dyad/pipeline"
)

// actorsConfig is a parsed "dyad actors" command line: the inputs and flags
// of "dyad code".
type actorsConfig struct {
	docFlags
	paths  []string
	format string // "jsonl" or "table"
	out    string
}

func runActors(ctx context.Context, args []string, e *env) error {
	cfg, err := parseActorsArgs(args, e)
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
	return actorsRun(ctx, cfg, p, e)
}

func parseActorsArgs(args []string, e *env) (actorsConfig, error) {
	fl := flag.NewFlagSet("actors", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	var cfg actorsConfig
	cfg.register(fl, false)
	fl.StringVar(&cfg.format, "format", "", "output `format`: jsonl or table (default: table on a terminal, else jsonl)")
	fl.StringVar(&cfg.out, "o", "", "write the mentions to `FILE` (created or truncated) instead of standard output")
	fl.IntVar(&cfg.jobs, "j", runtime.GOMAXPROCS(0), "read `N` documents at once (mentions keep the input order)")
	fl.Usage = func() {
		w := fl.Output()
		fmt.Fprintln(w, "usage: dyad actors [flags] [PATH|-]...")
		fmt.Fprintln(w, "\nLists the actor mentions of documents as the coder resolves them (name")
		fmt.Fprintln(w, "variants, anaphora and periphrases included), one JSON object per mention:")
		fmt.Fprintln(w, `"doc", "sentence", "span" (byte offsets into the input), "text", "code",`)
		fmt.Fprintln(w, `"country", "org", "roles", "name", "kind". Inputs are those of dyad code.`)
		fmt.Fprintln(w, "\nflags:")
		fl.PrintDefaults()
	}
	paths, err := parseInterspersed(fl, args)
	if errors.Is(err, flag.ErrHelp) {
		return cfg, errHelp
	}
	if err != nil {
		return cfg, errUsage
	}
	bad := func(format string, a ...any) (actorsConfig, error) {
		fmt.Fprintf(e.stderr, "dyad actors: "+format+"\nrun 'dyad actors -h' for usage\n", a...)
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
	case "jsonl", "table":
	default:
		return bad("--format %q: want jsonl or table", cfg.format)
	}
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	cfg.paths = paths
	return cfg, nil
}

// actorLister is what the command needs of the pipeline.
type actorLister interface {
	Actors(doc event.Document, opt pipeline.Options) ([]dcoder.Mention, error)
}

// actorsJob is one item read: a document and its mentions, or an error.
type actorsJob struct {
	doc  event.Document
	ms   []dcoder.Mention
	err  error
	done chan struct{}
}

func actorsRun(ctx context.Context, cfg actorsConfig, p actorLister, e *env) (err error) {
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
	w := newMentionWriter(bw, cfg.format)

	var wg sync.WaitGroup
	defer wg.Wait()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	order := make(chan *actorsJob, cfg.jobs)
	work := make(chan *actorsJob, cfg.jobs)
	opt := pipeline.Options{Lang: cfg.lang, Published: cfg.published}
	for range cfg.jobs {
		wg.Go(func() {
			for j := range work {
				j.ms, j.err = p.Actors(j.doc, opt)
				close(j.done)
			}
		})
	}
	wg.Go(func() {
		defer close(order)
		defer close(work)
		for doc, err := range ingest.Read(ctx, cfg.paths, e.stdin, ingest.Options{Published: cfg.published, Lang: cfg.lang}) {
			j := &actorsJob{doc: doc, err: err, done: make(chan struct{})}
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
	docs, failed := 0, 0
	var werr error
	for j := range order {
		select {
		case <-j.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if j.err != nil {
			if errors.Is(j.err, context.Canceled) || errors.Is(j.err, context.DeadlineExceeded) {
				return j.err
			}
			var de *ingest.DocError
			if errors.As(j.err, &de) {
				fmt.Fprintf(e.stderr, "dyad: %v\n", j.err)
			} else {
				fmt.Fprintf(e.stderr, "dyad: %s: %v\n", docName(j.doc), j.err)
			}
			failed++
			continue
		}
		docs++
		for _, m := range j.ms {
			if m.Doc == "" {
				m.Doc = j.doc.ID
			}
			if m.Roles == nil {
				m.Roles = []string{}
			}
			if werr = w.write(m); werr != nil {
				cancel()
				break
			}
		}
		if werr != nil {
			break
		}
	}
	if werr == nil {
		werr = w.flush()
	}
	if werr == nil {
		werr = bw.Flush()
	}
	if werr != nil {
		return fmt.Errorf("writing the output: %w", werr)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if docs == 0 && failed > 0 {
		return errNothingCoded
	}
	return nil
}

// mentionWriter writes actor mentions as JSON lines or an aligned table.
type mentionWriter struct {
	enc  *json.Encoder
	tw   *tabwriter.Writer
	rows int
}

func newMentionWriter(w io.Writer, format string) *mentionWriter {
	if format == "table" {
		return &mentionWriter{tw: tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &mentionWriter{enc: enc}
}

func (w *mentionWriter) write(m dcoder.Mention) error {
	if w.enc != nil {
		return w.enc.Encode(m)
	}
	if w.rows == 0 {
		fmt.Fprintln(w.tw, "DOC\tSENT\tSPAN\tTEXT\tCODE\tNAME\tKIND")
	}
	_, err := fmt.Fprintf(w.tw, "%s\t%d\t%d-%d\t%s\t%s\t%s\t%s\n", sink.CellTail(m.Doc, 28), m.Sentence,
		m.Span[0], m.Span[1], sink.Cell(sink.OrDash(m.Text), 50), sink.OrDash(m.Code), sink.Cell(sink.OrDash(m.Name), 30), m.Kind)
	w.rows++
	if err == nil && w.rows%tableBlock == 0 {
		err = w.tw.Flush()
	}
	return err
}

func (w *mentionWriter) flush() error {
	if w.tw != nil {
		return w.tw.Flush()
	}
	return nil
}

// roleList renders roles for people: "GOV,MIL" or "-".
func roleList(rs []string) string {
	if len(rs) == 0 {
		return "-"
	}
	return strings.Join(rs, ",")
}
