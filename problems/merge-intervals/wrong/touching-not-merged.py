# expect: wrong_answer
# Uses < instead of <=: intervals that only touch stay apart.
import sys

data = sys.stdin.read().split()
n = int(data[0])
intervals = sorted((int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n))
merged = []
for start, end in intervals:
    if merged and start < merged[-1][1]:
        merged[-1][1] = max(merged[-1][1], end)
    else:
        merged.append([start, end])
print("\n".join(f"{start} {end}" for start, end in merged))
