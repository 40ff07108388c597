// Prints OK and the Unicode line of its own source only if Go reads all of stdin, adds up its
// numbers and handles Unicode in, through and out.
package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

const expected = "héllo wörld ✓ 世界 🎉"

func main() {
	data, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Println("FAIL read", err)
		os.Exit(1)
	}
	lines := strings.Split(string(data), "\n")
	count, _ := strconv.Atoi(lines[0])
	total := 0
	for _, line := range lines[1 : 1+count] {
		value, _ := strconv.Atoi(line)
		total += value
	}
	if total != count*(count+1)/2 {
		fmt.Println("FAIL sum", total)
		os.Exit(1)
	}
	word := lines[1+count]
	if word != expected || utf8.RuneCountInString(word) != 18 {
		fmt.Println("FAIL unicode", word)
		os.Exit(1)
	}
	fmt.Println("OK", expected)
}
