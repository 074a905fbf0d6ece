package discord

import (
	"context"
	"fmt"
	"runtime/debug"
)

// PanicHook is told of every panic the handler recovers, after it has been
// logged and counted: where names what panicked (an interaction, a reload,
// a gateway event), and stack is the panicking goroutine's stack.
type PanicHook func(where string, p any, stack []byte)

// SetPanicHook sets the function told of recovered panics. A recovered
// panic is a defect even though the user got a reply; tests set a hook that
// fails them.
func (h *Handler) SetPanicHook(f PanicHook) { h.onPanic = f }

// Panicked logs a panic recovered by the caller, with its stack, counts it
// in the metrics and tells the panic hook. Call it from the deferred
// function that recovered p.
func (h *Handler) Panicked(ctx context.Context, where string, p any) {
	stack := debug.Stack()
	h.log.ErrorContext(ctx, "recovered panic", "where", where, "panic", fmt.Sprint(p), "stack", string(stack))
	h.metrics.panicked(where)
	if h.onPanic != nil {
		h.onPanic(where, p, stack)
	}
}

// Go runs f in a new goroutine that recovers a panic and reports it as
// Panicked does: a panic in work the server started must not end the
// process.
func (h *Handler) Go(ctx context.Context, where string, f func()) {
	go func() {
		defer func() {
			if p := recover(); p != nil {
				h.Panicked(ctx, where, p)
			}
		}()
		f()
	}()
}
