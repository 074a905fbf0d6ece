//go:build unix && !linux

package pgtest

import "syscall"

// orphanProof does nothing where the kernel offers no parent-death signal.
func orphanProof(*syscall.SysProcAttr) {}
