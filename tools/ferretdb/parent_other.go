//go:build !linux

package main

import (
	"os"
	"time"
)

// watchParent stops FerretDB once the process that started it has gone:
// without Linux's parent-death signal, the sign is that this process has been
// handed to another parent, checked twice a second.
func watchParent(parent int, stop func()) error {
	go func() {
		for os.Getppid() == parent {
			time.Sleep(500 * time.Millisecond)
		}
		stop()
	}()
	return nil
}
