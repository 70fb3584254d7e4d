// Command lambdazip packages a bootstrap binary the way AWS SAM and Lambda
// expect a provided.al2023 function: a zip whose root holds an executable
// file named "bootstrap". The archive is reproducible (fixed timestamp,
// mode 0755), so rebuilding an unchanged binary gives an identical zip.
//
//	go run ./orchestrator/lambdaemu/internal/cmd/lambdazip -o dist/fn.zip path/to/bootstrap
package main

import (
	"archive/zip"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

// epoch is the timestamp of every archive entry (the zip format's minimum).
var epoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

func main() {
	out := flag.String("o", "", "the zip file to write")
	flag.Parse()
	if *out == "" || flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: lambdazip -o OUT.zip BOOTSTRAP")
		os.Exit(2)
	}
	if err := write(*out, flag.Arg(0)); err != nil {
		fmt.Fprintln(os.Stderr, "lambdazip:", err)
		os.Exit(1)
	}
}

// write creates out holding bin as "bootstrap".
func write(out, bin string) error {
	src, err := os.Open(bin)
	if err != nil {
		return err
	}
	defer src.Close()
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := archive(f, src); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", out, err)
	}
	return f.Close()
}

func archive(w io.Writer, bin io.Reader) error {
	zw := zip.NewWriter(w)
	h := &zip.FileHeader{Name: "bootstrap", Method: zip.Deflate, Modified: epoch}
	h.SetMode(0o755)
	fw, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	if _, err := io.Copy(fw, bin); err != nil {
		return err
	}
	return zw.Close()
}
