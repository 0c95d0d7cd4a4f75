package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dyad/plot"
	"dyad/store"
)

// plotConfig is what dyad plot was asked for.
type plotConfig struct {
	a, b, from, to, interval, db, out string
	format                            string // svg or png, from the file name
}

// runPlot draws the timeline of a dyad from the store into an SVG or PNG
// file.
func runPlot(ctx context.Context, args []string, e *env) error {
	cfg, err := parsePlotArgs(args, e)
	if errors.Is(err, errHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(cfg.db); err != nil {
		return fmt.Errorf("store %s: %w (create it with dyad ingest)", cfg.db, err)
	}
	st, err := store.Open(ctx, cfg.db)
	if err != nil {
		return err
	}
	defer st.Close()
	c, err := timelineChart(ctx, st, cfg)
	if err != nil {
		return err
	}
	draw := plot.SVG
	if cfg.format == "png" {
		draw = plot.PNG
	}
	if err := writeAtomically(cfg.out, func(w io.Writer) error { return draw(w, c) }); err != nil {
		return err
	}
	n := 0
	for _, p := range c.Points {
		n += p.Events
	}
	fmt.Fprintf(e.stderr, "dyad plot: %s: %d events between %s and %s in %d periods of a %s\n", cfg.out, n, cfg.a, cfg.b, len(c.Points), c.Interval)
	return nil
}

// timelineChart queries the store. With no interval given it takes the
// coarsest of month, week and day whose time axis, from the first period to
// the last, has at least four periods, as the web page does.
func timelineChart(ctx context.Context, st store.Store, cfg plotConfig) (plot.Chart, error) {
	intervals := []string{cfg.interval}
	if cfg.interval == "" {
		intervals = []string{"month", "week", "day"}
	}
	var pts []store.Point
	var iv string
	for _, iv = range intervals {
		var err error
		pts, err = st.Timeline(ctx, store.TimelineQuery{A: cfg.a, B: cfg.b, Interval: iv, From: cfg.from, To: cfg.to})
		if err != nil {
			return plot.Chart{}, fmt.Errorf("store %s: %w", cfg.db, err)
		}
		if len(plot.Fill(iv, toPlot(pts), cfg.from, cfg.to)) >= 4 {
			break
		}
	}
	if len(pts) == 0 {
		return plot.Chart{}, fmt.Errorf("store %s: %w between %s and %s%s", cfg.db, plot.ErrEmpty, cfg.a, cfg.b, dateRange(cfg))
	}
	c := plot.Chart{A: cfg.a, B: cfg.b, Interval: iv, From: cfg.from, To: cfg.to}
	c.Points = plot.Fill(iv, toPlot(pts), cfg.from, cfg.to)
	return c, nil
}

func toPlot(pts []store.Point) []plot.Point {
	out := make([]plot.Point, 0, len(pts))
	for _, p := range pts {
		out = append(out, plot.Point{Period: p.Period, Q1: p.Q1, Q2: p.Q2, Q3: p.Q3, Q4: p.Q4, Events: p.Events, Goldstein: p.Goldstein})
	}
	return out
}

func dateRange(cfg plotConfig) string {
	if cfg.from == "" && cfg.to == "" {
		return ""
	}
	return fmt.Sprintf(" from %s to %s", cfg.from, cfg.to)
}

// writeAtomically writes a file through a temporary file in the same folder,
// so a failed plot leaves no half-written file behind.
func writeAtomically(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(f.Name()) // after the rename, there is nothing left to remove
	// CreateTemp makes the file private; a chart is for sharing
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func parsePlotArgs(args []string, e *env) (plotConfig, error) {
	fl := flag.NewFlagSet("plot", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	var cfg plotConfig
	fl.StringVar(&cfg.a, "a", "", "first actor `CODE` (prefix: RUS matches RUSGOV)")
	fl.StringVar(&cfg.b, "b", "", "second actor `CODE`; events in both directions are counted")
	fl.StringVar(&cfg.from, "from", "", "first `DATE` (YYYY-MM-DD), inclusive")
	fl.StringVar(&cfg.to, "to", "", "last `DATE` (YYYY-MM-DD), inclusive")
	fl.StringVar(&cfg.interval, "interval", "", "period: day, week or month (default: the coarsest whose axis has at least four periods)")
	fl.StringVar(&cfg.db, "db", "dyad.db", "the store's SQLite `FILE`")
	fl.StringVar(&cfg.out, "o", "", "output `FILE`, .svg or .png")
	fl.Usage = func() {
		w := fl.Output()
		fmt.Fprintln(w, "usage: dyad plot --a CODE --b CODE [--from DATE] [--to DATE] [--interval day|week|month] [--db FILE] -o FILE.svg|png")
		fmt.Fprintln(w, "\nDraws the timeline of the events between two actors in the store: events")
		fmt.Fprintln(w, "per period stacked by quad class (verbal and material cooperation, verbal")
		fmt.Fprintln(w, "and material conflict) and their mean Goldstein score as a line.\n\nflags:")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, errHelp
		}
		return cfg, errUsage
	}
	bad := func(format string, a ...any) (plotConfig, error) {
		fmt.Fprintf(e.stderr, "dyad plot: "+format+"\nrun 'dyad plot -h' for usage\n", a...)
		return cfg, errUsage
	}
	if fl.NArg() > 0 {
		return bad("unexpected argument %q", fl.Arg(0))
	}
	cfg.a, cfg.b = strings.ToUpper(strings.TrimSpace(cfg.a)), strings.ToUpper(strings.TrimSpace(cfg.b))
	if cfg.a == "" || cfg.b == "" {
		return bad("--a and --b are required")
	}
	for _, d := range []struct{ name, v string }{{"--from", cfg.from}, {"--to", cfg.to}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d.v); err != nil {
			return bad("%s %q: want YYYY-MM-DD", d.name, d.v)
		}
	}
	if cfg.from != "" && cfg.to != "" && cfg.to < cfg.from {
		return bad("--to %s is before --from %s", cfg.to, cfg.from)
	}
	switch cfg.interval {
	case "", "day", "week", "month":
	default:
		return bad("--interval %q: want day, week or month", cfg.interval)
	}
	if cfg.out == "" {
		return bad("-o FILE is required")
	}
	switch strings.ToLower(filepath.Ext(cfg.out)) {
	case ".svg":
		cfg.format = "svg"
	case ".png":
		cfg.format = "png"
	default:
		return bad("-o %s: the name must end in .svg or .png", cfg.out)
	}
	return cfg, nil
}
