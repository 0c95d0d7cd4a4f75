package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"sync"
	"time"

	"dyad/event"
	"dyad/ingest"
	"dyad/pipeline"
	"dyad/server"
	"dyad/store"
)

// ingestConfig is a parsed "dyad ingest" command line.
type ingestConfig struct {
	docFlags
	paths  []string
	db     string
	stats  bool
	batch  int
	follow bool
	quiet  bool
}

// ingestStats is the --stats line of dyad ingest.
type ingestStats struct {
	Documents  int     `json:"documents"`  // documents read and coded
	New        int     `json:"new"`        // stored for the first time
	Duplicates int     `json:"duplicates"` // already in the store (same text)
	Mentions   int     `json:"mentions"`   // event mentions stored
	Events     int     `json:"events"`     // new events (mentions fold into events)
	Errors     int     `json:"errors"`     // documents that could not be read or coded
	Seconds    float64 `json:"seconds"`
}

func runIngest(ctx context.Context, args []string, e *env) error {
	cfg, err := parseIngestArgs(args, e)
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
	st, err := store.Open(ctx, cfg.db)
	if err != nil {
		return err
	}
	defer st.Close()
	return ingestRun(ctx, cfg, p, st, e)
}

func parseIngestArgs(args []string, e *env) (ingestConfig, error) {
	fl := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	var cfg ingestConfig
	cfg.register(fl, true)
	fl.StringVar(&cfg.db, "db", "dyad.db", "the store: a SQLite database `FILE`, created if missing")
	fl.BoolVar(&cfg.stats, "stats", false, "at the end, print one JSON line of counts on standard error")
	fl.BoolVar(&cfg.follow, "follow", false, "feeds: fetch the page each item links to and code its text")
	fl.BoolVar(&cfg.quiet, "quiet", false, "no progress lines on standard error (they are shown only on a terminal)")
	fl.IntVar(&cfg.batch, "batch", 200, "store `N` documents per transaction")
	fl.Usage = func() {
		w := fl.Output()
		fmt.Fprintln(w, "usage: dyad ingest [flags] [PATH|-]...")
		fmt.Fprintln(w, "\nCodes documents and stores them with their events in the store (--db).")
		fmt.Fprintln(w, "PATH is read as by 'dyad code': a text file, a .jsonl file, a folder, or -")
		fmt.Fprintln(w, "for standard input. A document already stored (same text) adds nothing.")
		fmt.Fprintln(w, "Documents are committed in batches: an interrupted run keeps every batch")
		fmt.Fprintln(w, "committed before it, and running it again adds only what is missing.\n\nflags:")
		fl.PrintDefaults()
	}
	paths, err := parseInterspersed(fl, args)
	if errors.Is(err, flag.ErrHelp) {
		return cfg, errHelp
	}
	if err != nil {
		return cfg, errUsage
	}
	bad := func(format string, a ...any) (ingestConfig, error) {
		fmt.Fprintf(e.stderr, "dyad ingest: "+format+"\nrun 'dyad ingest -h' for usage\n", a...)
		return cfg, errUsage
	}
	if msg := cfg.check(); msg != "" {
		return bad("%s", msg)
	}
	if cfg.batch < 1 {
		return bad("--batch %d: want at least 1", cfg.batch)
	}
	if cfg.db == "" {
		return bad("--db: empty path")
	}
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	cfg.paths = paths
	return cfg, nil
}

// ingestJob is one document read, coded by a worker.
type ingestJob struct {
	doc  event.Document
	item store.Item
	err  error
	done chan struct{}
}

// ingestRun codes the documents cfg names with c and stores them in st.
func ingestRun(ctx context.Context, cfg ingestConfig, c server.Coder, st store.Store, e *env) error {
	start := time.Now()
	var stats ingestStats
	err := ingestDocs(ctx, cfg, c, st, e, &stats)
	if cfg.stats {
		stats.Seconds = math.Round(time.Since(start).Seconds()*1000) / 1000
		line, _ := json.Marshal(stats) // plain numbers: cannot fail
		fmt.Fprintf(e.stderr, "%s\n", line)
	}
	if err != nil {
		return err
	}
	if stats.Documents == 0 && stats.Errors > 0 {
		return errNothingCoded
	}
	return nil
}

func ingestDocs(ctx context.Context, cfg ingestConfig, c server.Coder, st store.Store, e *env, stats *ingestStats) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	order := make(chan *ingestJob, cfg.jobs*4)
	work := make(chan *ingestJob, cfg.jobs*4)
	opt := pipeline.Options{Lang: cfg.lang, Published: cfg.published}
	for range cfg.jobs {
		wg.Go(func() {
			for j := range work {
				j.item, j.err = server.CodeNew(ctx, st, c, j.doc, opt)
				close(j.done)
			}
		})
	}
	wg.Go(func() {
		defer close(order)
		defer close(work)
		iopt := ingest.Options{Published: cfg.published, Lang: cfg.lang, Follow: cfg.follow, Workers: cfg.jobs}
		for doc, err := range ingest.Read(ctx, cfg.paths, e.stdin, iopt) {
			j := &ingestJob{doc: doc, err: err, done: make(chan struct{})}
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

	add := &server.Adder{Store: st, Batch: cfg.batch}
	flush := func() error {
		if err := add.Flush(ctx); err != nil {
			return err
		}
		stats.New, stats.Duplicates = add.Total.Documents, add.Total.Duplicates
		stats.Mentions, stats.Events = add.Total.Mentions, add.Total.NewEvents
		return nil
	}
	for j := range order {
		select {
		case <-j.done:
		case <-ctx.Done():
			return errors.Join(ctx.Err(), flush())
		}
		if j.err != nil {
			var de *ingest.DocError
			switch {
			case errors.As(j.err, &de):
				fmt.Fprintf(e.stderr, "dyad: %v\n", j.err)
			case errors.Is(j.err, context.Canceled), errors.Is(j.err, context.DeadlineExceeded):
				return errors.Join(j.err, flush())
			default:
				fmt.Fprintf(e.stderr, "dyad: %s: %v\n", docName(j.doc), j.err)
			}
			stats.Errors++
			continue
		}
		stats.Documents++
		if err := add.Add(ctx, j.item); err != nil {
			return err
		}
		stats.New, stats.Duplicates = add.Total.Documents, add.Total.Duplicates
		stats.Mentions, stats.Events = add.Total.Mentions, add.Total.NewEvents
		if e.stderrTTY && !cfg.quiet && stats.Documents%1000 == 0 {
			fmt.Fprintf(e.stderr, "dyad ingest: %d documents, %d new, %d mentions\n", stats.Documents, stats.New, stats.Mentions)
		}
	}
	if err := flush(); err != nil {
		return err
	}
	return ctx.Err()
}
