# expect: time_limit_exceeded
# The textbook O(n^2) dynamic programme.
import sys

data = sys.stdin.read().split()
values = [int(token) for token in data[1 : 1 + int(data[0])]]
best = [1] * len(values)
for i in range(len(values)):
    for j in range(i):
        if values[j] < values[i] and best[j] + 1 > best[i]:
            best[i] = best[j] + 1
print(max(best))
