# expect: wrong_answer
# Rounds the mean of the two middle values down to an integer.
import sys
from bisect import insort

data = sys.stdin.read().split()
values = []
out = []
for token in data[1 : 1 + int(data[0])]:
    insort(values, int(token))
    middle = len(values) // 2
    if len(values) % 2:
        out.append(values[middle])
    else:
        out.append((values[middle - 1] + values[middle]) // 2)
print("\n".join(map(str, out)))
