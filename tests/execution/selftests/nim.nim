# Prints OK and the Unicode line of its own source only if Nim reads all of stdin, adds up its
# numbers and handles Unicode in, through and out.
import std/[strutils, unicode]

const expected = "héllo wörld ✓ 世界 🎉"

let lines = stdin.readAll().split('\n')
let count = parseInt(lines[0])
var total = 0
for i in 1 .. count:
  total += parseInt(lines[i])
if total != count * (count + 1) div 2:
  echo "FAIL sum ", total
  quit(1)
let word = lines[count + 1]
if word != expected or word.runeLen != 18:
  echo "FAIL unicode ", word
  quit(1)
echo "OK ", expected
