package pgtest

import "syscall"

// orphanProof makes the kernel kill the server if the test process dies
// before it can stop it (a test timeout, a SIGKILL).
func orphanProof(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }
