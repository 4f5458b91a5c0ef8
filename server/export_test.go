package server

import (
	"context"
	"encoding/json"
	"time"
)

// WithBeforeAnalysis sets a hook that runs before each analysis (to hold
// one back).
func WithBeforeAnalysis(o Options, f func(ctx context.Context, uri string)) Options {
	o.beforeAnalysis = f
	return o
}

// WithConfigTimeout bounds the wait for the first workspace/configuration
// reply.
func WithConfigTimeout(o Options, d time.Duration) Options {
	o.configTimeout = d
	return o
}

// NewWithPanics returns a server with a request and a notification,
// "pyhint/test/panic", whose handlers panic.
func NewWithPanics(o Options) *Server {
	s := New(o)
	s.methods["pyhint/test/panic"] = method{fn: func(context.Context, json.RawMessage) (any, error) { panic("test panic") }}
	s.methods["pyhint/test/panicNotification"] = method{fn: func(context.Context, json.RawMessage) (any, error) { panic("test panic") }, inline: true}
	return s
}
