package ingest

import (
	"context"
	"iter"
	"sync"

	"dyad/event"
)

// pageJob is a document whose making (extracting a web page, fetching a
// followed link) may run on another goroutine; name and wrap turn its error
// into a *DocError.
type pageJob struct {
	name string
	make func() (event.Document, error)
}

// page yields the document job makes: at once when reading serially, else
// by the extraction pool, in input order either way.
func (r *reader) page(job pageJob) bool {
	if r.jobs == nil {
		d, err := job.make()
		if err != nil {
			return r.fail(job.name, 0, err)
		}
		return r.doc(d)
	}
	if err := r.ctx.Err(); err != nil {
		r.yield(event.Document{}, err)
		return false
	}
	it := &pending{job: job, done: make(chan struct{})}
	r.out <- it // the consumer reads out until it is closed
	select {
	case r.jobs <- it:
		return true
	case <-r.ctx.Done():
		it.err = r.ctx.Err()
		close(it.done)
		return false
	}
}

// pending is one item of a parallel Read: a finished document or error, or
// a job being done.
type pending struct {
	job  pageJob
	doc  event.Document
	err  error
	done chan struct{}
}

// readParallel is Read with web pages extracted on workers goroutines.
// Everything else (walking folders, reading files, parsing JSON, WARC
// records and feeds) stays on one goroutine, which streams; at most about
// 3*workers documents are held at once.
func readParallel(ctx context.Context, paths []string, r *reader, workers int) iter.Seq2[event.Document, error] {
	return func(yield func(event.Document, error) bool) {
		outer := ctx
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		out := make(chan *pending, 2*workers)
		jobs := make(chan *pending, workers)
		var wg sync.WaitGroup
		defer wg.Wait()
		for range workers {
			wg.Go(func() {
				for it := range jobs {
					if err := ctx.Err(); err != nil {
						it.err = err
					} else if it.doc, it.err = it.job.make(); it.err != nil {
						it.err = &DocError{Name: it.job.name, Err: bare(it.err)}
					}
					close(it.done)
				}
			})
		}
		closed := make(chan struct{})
		close(closed)
		r.ctx, r.out, r.jobs = ctx, out, jobs
		r.extractor() // loaded before the workers share it
		r.yield = func(d event.Document, err error) bool {
			out <- &pending{doc: d, err: err, done: closed} // read until closed
			return ctx.Err() == nil
		}
		wg.Go(func() {
			defer close(out)
			defer close(jobs)
			for _, p := range paths {
				if !r.path(p) {
					return
				}
			}
		})
		for it := range out {
			<-it.done
			stop := false
			if err := ctx.Err(); err != nil {
				// cancelled by the caller's ctx: say so once, as Read does
				it.doc, it.err, stop = event.Document{}, err, true
				if cerr := outer.Err(); cerr != nil {
					it.err = cerr
				}
			}
			if !yield(it.doc, it.err) || stop {
				cancel()
				for range out {
				}
				return
			}
		}
	}
}
