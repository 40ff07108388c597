package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	io.Copy(io.Discard, os.Stdin)
	fmt.Println("out")
	fmt.Fprintln(os.Stderr, "err")
	os.Exit(42)
}
