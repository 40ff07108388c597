# Prints OK and the Unicode line of its own source only if Python reads all of stdin, adds up its
# numbers and handles Unicode in, through and out.
import sys

EXPECTED = "héllo wörld ✓ 世界 🎉"

lines = sys.stdin.read().split("\n")
count = int(lines[0])
total = sum(int(line) for line in lines[1 : 1 + count])
word = lines[1 + count]
if total != count * (count + 1) // 2:
    sys.exit(f"FAIL sum {total}")
if word != EXPECTED or len(word) != 18:
    sys.exit(f"FAIL unicode {word!r}")
print("OK", EXPECTED)
