package lambdaemu

import (
	"fmt"
	"io"
	"sync"
)

// lineWriter serializes the writes of every instance of a function (and the
// START/END/REPORT lines) to one io.Writer.
type lineWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lineWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (l *lineWriter) printf(format string, args ...any) {
	fmt.Fprintf(l, format, args...)
}
