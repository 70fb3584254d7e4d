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

	"github.com/baton-run/baton/orchestrator/serve"
)

func init() {
	register("serve", "serve the Step Functions API over the local engine", cmdServe)
}

func cmdServe(args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8083", "address to listen on (loopback by default)")
	var f engineFlags
	f.register(fs)
	if pos, err := parseArgs(fs, args); err != nil || len(pos) != 0 {
		return cliFail("serve", usageErr("usage: baton serve [--addr 127.0.0.1:8083] [--db PATH | --memory] "+
			"[--mock-config FILE --test-case NAME] [--lambda NAME=PATH ...]"))
	}
	eng, closeAll, err := f.open(true)
	if err != nil {
		return cliFail("serve", err)
	}
	defer closeAll()
	if !f.memory { // schedules stored in the same file fire while the API is served (schedule.go)
		stopScheduler, err := startBackgroundScheduler(eng, f.db)
		if err != nil {
			return cliFail("serve", err)
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
