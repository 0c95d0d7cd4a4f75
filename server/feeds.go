package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"dyad/ingest"
	"dyad/pipeline"
	"dyad/store"
)

// ReadFeedList reads a list of feed URLs (or paths), one a line; blank lines
// and lines starting with # are skipped.
func ReadFeedList(r io.Reader) ([]string, error) {
	var feeds []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		feeds = append(feeds, line)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(feeds) == 0 {
		return nil, fmt.Errorf("no feeds listed")
	}
	return feeds, nil
}

// PollResult counts one poll of the feeds.
type PollResult struct {
	Items, New, Mentions, Errors int
}

// Poll reads every feed once (through package ingest, which fetches and
// parses RSS, Atom and RDF), codes the items and stores them; items already
// stored (same text) add nothing.
func Poll(ctx context.Context, st store.Store, c Coder, feeds []string, opt ingest.Options, logf func(string, ...any)) (PollResult, error) {
	var pr PollResult
	add := &Adder{Store: st, Batch: ingestBatch}
	for doc, err := range ingest.Read(ctx, feeds, nil, opt) {
		if err != nil {
			if ctx.Err() != nil {
				return pr, ctx.Err()
			}
			pr.Errors++
			logf("feeds: %v", err)
			continue
		}
		pr.Items++
		it, err := CodeNew(ctx, st, c, doc, pipeline.Options{Published: opt.Published})
		if err != nil {
			pr.Errors++
			logf("feeds: %s: %v", doc.Origin, err)
			continue
		}
		if err := add.Add(ctx, it); err != nil {
			return pr, err
		}
	}
	if err := add.Flush(ctx); err != nil {
		return pr, err
	}
	pr.New, pr.Mentions = add.Total.Documents, add.Total.Mentions
	return pr, nil
}

// PollEvery polls the feeds at once and then every interval until ctx is
// done, logging one line per poll.
func PollEvery(ctx context.Context, st store.Store, c Coder, feeds []string, every time.Duration, opt ingest.Options, logf func(string, ...any)) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		start := time.Now()
		pr, err := Poll(ctx, st, c, feeds, opt, logf)
		if err != nil && ctx.Err() == nil {
			logf("feeds: %v", err)
		}
		if ctx.Err() != nil {
			return
		}
		logf("feeds: %d items, %d new, %d mentions, %d errors in %v", pr.Items, pr.New, pr.Mentions, pr.Errors, time.Since(start).Round(time.Millisecond))
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
