// Command ferretdb runs FerretDB v1 (SQLite backend) for the Technical
// Inventory's embedded database source.
//
// The upstream command (cmd/ferretdb) refuses to start when installed with
// `go install …@v1.24.2`, because its version file is generated at release
// time and is not part of the module. The embeddable package has no such
// check, always runs with telemetry disabled and starts no debug listener,
// so this launcher uses it and listens only where it is told (loopback).
//
// With -parent-pid it stops when the process that started it dies, however it
// dies, so an embedded database never outlives the API, test run or benchmark
// that started it; with -remove-sqlite-dir it then also removes its data,
// which that process can no longer do.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on (must be loopback)")
	dir := flag.String("sqlite-dir", "", "directory holding the SQLite databases")
	level := flag.String("log-level", "error", "log level: debug, info, warn, error")
	parent := flag.Int("parent-pid", 0, "stop when this process, the one starting this launcher, dies (0: never)")
	removeDir := flag.Bool("remove-sqlite-dir", false, "remove -sqlite-dir when stopping (a temporary database)")
	flag.Parse()

	host, _, err := net.SplitHostPort(*listen)
	if err != nil {
		fail("bad -listen-addr %q: %v", *listen, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		fail("-listen-addr must be a loopback address, got %q", host)
	}
	if *dir == "" {
		fail("-sqlite-dir is required")
	}
	if err := os.MkdirAll(*dir, 0o700); err != nil {
		fail("cannot create %s: %v", *dir, err)
	}

	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		fail("bad -log-level %q", *level)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lvl}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + *dir + "/",
	})
	if err != nil {
		fail("%v", err)
	}

	cleanup := func() {
		if *removeDir {
			_ = os.RemoveAll(*dir)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if *parent != 0 {
		if err := watchParent(*parent, stop); err != nil {
			cleanup()
			fail("%v", err)
		}
	}
	// Stopping is bounded: a client that never lets go must not keep the
	// process (and its data) alive after it was told to stop.
	go func() {
		<-ctx.Done()
		time.Sleep(5 * time.Second)
		cleanup()
		fmt.Fprintln(os.Stderr, "ferretdb: did not stop within 5 s; exiting")
		os.Exit(1)
	}()

	fmt.Fprintf(os.Stderr, "ferretdb listening on %s (sqlite %s)\n", *listen, *dir)
	err = f.Run(ctx)
	cleanup()
	if err != nil && ctx.Err() == nil {
		fail("%v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "ferretdb: "+format+"\n", args...)
	os.Exit(2)
}
