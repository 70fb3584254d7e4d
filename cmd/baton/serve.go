package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/orchestrator/serve"
)

func init() {
	register("serve", "serve the Step Functions API over the local engine", cmdServe)
}

func cmdServe(args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8083", "address to listen on (loopback by default)")
	db := fs.String("db", "baton.db", "SQLite file holding state machines, executions and schedules")
	memory := fs.Bool("memory", false, "keep everything in memory instead of --db")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	opts := local.Options{Path: *db}
	if *memory {
		opts.Path = ""
	}
	eng, err := local.Open(opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "baton serve:", err)
		return 1
	}
	defer eng.Close()
	if !*memory {
		stopScheduler, err := startBackgroundScheduler(eng, *db)
		if err != nil {
			fmt.Fprintln(os.Stderr, "baton serve:", err)
			return 1
		}
		defer stopScheduler()
	}
	return listenAndServe(*addr, serve.New(eng, slog.Default()))
}

// listenAndServe serves h until SIGINT or SIGTERM, then shuts down cleanly.
func listenAndServe(addr string, h http.Handler) int {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "baton serve:", err)
		return 1
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	fmt.Fprintf(os.Stderr, "baton serve: listening on http://%s\n", ln.Addr())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, "baton serve:", err)
		return 1
	}
	return 0
}
