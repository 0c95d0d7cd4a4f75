// Command dyad turns news dispatches into political event records.
package main

import (
	"context"
	"dyad/data"
	"dyad/pipeline"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
)

// command is one subcommand: it parses its own flags from args.
type command struct {
	name  string
	usage string
	run   func(ctx context.Context, args []string, env *env) error
}

// env carries the process's streams, so subcommands can be tested.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	stdoutTTY      bool // standard output is a terminal
	stderrTTY      bool
}

// errUsage marks a command line that could not be understood; it exits 2.
var errUsage = errors.New("usage")

// errNotYet is returned by a command that is not built yet.
var errNotYet = errors.New("this command is not built yet")

// errNothingCoded is returned when no document could be coded; it exits 1.
var errNothingCoded = errors.New("nothing could be coded")

func commands() []command {
	return []command{
		{"code", "code [flags] [PATH|-]...   code documents into event records", runCode},
		{"eval", "eval [flags] GOLD.jsonl...   score the coder against gold files", runEval},
		{"actors", "actors [flags] [PATH|-]...   list the actor mentions of documents", runActors},
		{"actor", "actor lookup NAME   what the knowledge base knows of a name", runActor},
		{"explain", "explain [flags] SENTENCE|PATH   why a sentence is or is not coded", runExplain},
		{"dict", "dict check [DIR]   validate dictionary files", runDict},
		{"ingest", "ingest [flags] PATH...   code documents and store them", runIngest},
		{"serve", "serve [flags]   HTTP API and web page over the store", runServe},
		{"plot", "plot --a X --b Y -o FILE   timeline chart of a dyad", runPlot},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dyad: political event data from news text (French, English, Spanish)")
	fmt.Fprintln(w, "\nusage: dyad COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %s\n", c.usage)
	}
	fmt.Fprintln(w, "\nrun 'dyad COMMAND -h' for a command's flags")
}

func run(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], e)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errUsage):
			return 2
		default:
			fmt.Fprintf(e.stderr, "dyad %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(e.stderr, "dyad: unknown command %q\n", args[0])
	usage(e.stderr)
	return 2
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		stdoutTTY: isTerminal(os.Stdout), stderrTTY: isTerminal(os.Stderr)}
	os.Exit(run(ctx, os.Args[1:], e))
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// dictFS is the embedded dictionaries, or the folder --data names.
func dictFS(dir string) (fs.FS, error) {
	if dir == "" {
		return data.FS, nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("--data: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("--data %s: not a folder", dir)
	}
	return os.DirFS(dir), nil
}

// loadPipeline compiles the dictionaries of dir (the embedded ones when dir
// is ""), reporting every problem as file:line.
func loadPipeline(dir string) (*pipeline.Pipeline, error) {
	dict, err := dictFS(dir)
	if err != nil {
		return nil, err
	}
	p, err := pipeline.New(dict)
	if err != nil {
		return nil, fmt.Errorf("loading dictionaries: %w", err)
	}
	return p, nil
}
