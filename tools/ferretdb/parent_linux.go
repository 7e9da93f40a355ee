package main

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// watchParent has the kernel send SIGTERM to this process when the process
// that started it dies, however it dies (SIGKILL and crashes included): the
// signal then stops FerretDB like any other SIGTERM. The parent may already
// have died before the request was made, in which case no signal will ever
// come and this process has been handed to another parent; that is checked
// after arming, so there is no window in which the death goes unnoticed.
func watchParent(parent int, stop func()) error {
	if err := unix.Prctl(unix.PR_SET_PDEATHSIG, uintptr(unix.SIGTERM), 0, 0, 0); err != nil {
		return fmt.Errorf("prctl(PR_SET_PDEATHSIG): %w", err)
	}
	if os.Getppid() != parent {
		stop()
	}
	return nil
}
