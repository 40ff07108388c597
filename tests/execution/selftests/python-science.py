# Prints OK and the Unicode line of its own source only if Python with numpy and pandas reads all of
# stdin, adds up its numbers (with numpy, then pandas) and handles Unicode in, through and out.
import sys

import numpy as np
import pandas as pd

EXPECTED = "héllo wörld ✓ 世界 🎉"

lines = sys.stdin.read().split("\n")
count = int(lines[0])
numbers = np.array(lines[1 : 1 + count], dtype=np.int64)
total = int(numbers.sum())
if int(pd.Series(numbers).sum()) != total:
    sys.exit("FAIL pandas")
word = lines[1 + count]
if total != count * (count + 1) // 2:
    sys.exit(f"FAIL sum {total}")
if word != EXPECTED or len(word) != 18:
    sys.exit(f"FAIL unicode {word!r}")
print("OK", EXPECTED)
