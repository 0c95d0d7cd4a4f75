package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"dyad/ingest"
	"dyad/store"
)

func TestReadFeedList(t *testing.T) {
	tests := []struct {
		in   string
		want int
		err  bool
	}{
		{"# feeds\nhttps://a.example/rss\n\n  https://b.example/atom  \n", 2, false},
		{"# nothing\n\n", 0, true},
	}
	for _, tt := range tests {
		got, err := ReadFeedList(strings.NewReader(tt.in))
		if (err != nil) != tt.err || len(got) != tt.want {
			t.Errorf("%q: %v %v", tt.in, got, err)
		}
	}
}

// TestPollFeeds serves an RSS feed over HTTP on 127.0.0.1 and polls it
// until two polls have run: the items are stored once.
func TestPollFeeds(t *testing.T) {
	var hits atomic.Int32
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		http.ServeFile(w, r, "../testdata/store/feed.xml")
	}))
	defer feed.Close()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var logs []string
	done := make(chan struct{})
	go func() {
		defer close(done)
		PollEvery(ctx, st, loadPipeline(t), []string{feed.URL + "/rss"}, 50*time.Millisecond, ingest.Options{}, func(f string, a ...any) {
			logs = append(logs, f)
		})
	}()
	deadline := time.Now().Add(20 * time.Second)
	for hits.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if hits.Load() < 3 {
		t.Fatalf("the feed was fetched %d times", hits.Load())
	}
	c, err := st.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if c.Documents != 2 || c.Mentions < 2 {
		t.Errorf("after %d polls: %+v (logs %v)", hits.Load(), c, logs)
	}
	d, err := st.Document(context.Background(), "https://example.org/news/1")
	if err != nil || d.Title != "Sanctions on Cuba" || d.Source != "Dyad Test Wire" || len(d.Events) != 1 {
		t.Errorf("stored item: %+v %v", d, err)
	}
}
