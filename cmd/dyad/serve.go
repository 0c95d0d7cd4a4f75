package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"dyad/ingest"
	"dyad/server"
	"dyad/server/web"
	"dyad/store"
)

// serveConfig is a parsed "dyad serve" command line.
type serveConfig struct {
	db, addr, token, dataDir string
	feeds                    []string // URLs or paths of RSS/Atom feeds to poll
	every                    time.Duration
	follow                   bool
}

func runServe(ctx context.Context, args []string, e *env) error {
	cfg, err := parseServeArgs(args, e)
	if errors.Is(err, errHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	return serveOn(ctx, cfg, ln, e)
}

func parseServeArgs(args []string, e *env) (serveConfig, error) {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	var cfg serveConfig
	fl.StringVar(&cfg.db, "db", "dyad.db", "the store: a SQLite database `FILE`, created if missing")
	fl.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	fl.StringVar(&cfg.token, "token", "", "enable POST /api/code and /api/ingest for requests bearing `T`")
	fl.StringVar(&cfg.dataDir, "data", "", "read the dictionaries from `DIR` instead of the built-in ones")
	feeds := fl.String("feeds", "", "poll the RSS/Atom feeds listed in `FILE` (one URL a line) and ingest new items")
	fl.DurationVar(&cfg.every, "every", 15*time.Minute, "poll the feeds every `DURATION`")
	fl.BoolVar(&cfg.follow, "follow", false, "feeds: fetch the page each item links to and code its text")
	fl.Usage = func() {
		w := fl.Output()
		fmt.Fprintln(w, "usage: dyad serve [--db FILE] [--addr HOST:PORT] [--token T] [--feeds FILE --every 15m]")
		fmt.Fprintln(w, "\nServes the HTTP API (docs/api.md) and the web page over the store.")
		fmt.Fprintln(w, "It listens on loopback (127.0.0.1:8080) unless --addr names another address.\n\nflags:")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, errHelp
		}
		return cfg, errUsage
	}
	bad := func(format string, a ...any) (serveConfig, error) {
		fmt.Fprintf(e.stderr, "dyad serve: "+format+"\nrun 'dyad serve -h' for usage\n", a...)
		return cfg, errUsage
	}
	if fl.NArg() > 0 {
		return bad("unexpected argument %q", fl.Arg(0))
	}
	host, _, err := net.SplitHostPort(cfg.addr)
	if err != nil {
		return bad("--addr %q: %v", cfg.addr, err)
	}
	if !isLoopback(host) {
		fmt.Fprintf(e.stderr, "dyad serve: warning: --addr %s is reachable from other machines\n", cfg.addr)
	}
	if cfg.db == "" {
		return bad("--db: empty path")
	}
	if cfg.every < time.Second {
		return bad("--every %v: want at least 1s", cfg.every)
	}
	if *feeds != "" {
		f, err := os.Open(*feeds)
		if err != nil {
			return bad("--feeds: %v", err)
		}
		cfg.feeds, err = server.ReadFeedList(f)
		f.Close()
		if err != nil {
			return bad("--feeds %s: %v", *feeds, err)
		}
	}
	return cfg, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// serveOn serves on ln until ctx is done.
func serveOn(ctx context.Context, cfg serveConfig, ln net.Listener, e *env) error {
	st, err := store.Open(ctx, cfg.db)
	if err != nil {
		ln.Close()
		return err
	}
	defer st.Close()
	logger := log.New(e.stderr, "dyad serve: ", log.LstdFlags)
	sc := server.Config{Store: st, Token: cfg.token, Page: web.FS, Log: logger}
	if cfg.token != "" || len(cfg.feeds) > 0 {
		p, err := loadPipeline(cfg.dataDir)
		if err != nil {
			ln.Close()
			return err
		}
		sc.Coder = p
	}
	var wg sync.WaitGroup
	defer wg.Wait() // before the store closes
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if len(cfg.feeds) > 0 {
		wg.Go(func() {
			server.PollEvery(ctx, st, sc.Coder, cfg.feeds, cfg.every, ingest.Options{Follow: cfg.follow}, logger.Printf)
		})
	}
	srv := server.HTTPServer(cfg.addr, server.New(sc))
	fmt.Fprintf(e.stderr, "dyad serve: http://%s/ (store %s)\n", ln.Addr(), cfg.db)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
