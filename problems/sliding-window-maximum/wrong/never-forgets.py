# expect: wrong_answer
# Keeps a running maximum and never lets the maximum leave the window.
import sys

data = sys.stdin.read().split()
n, k = int(data[0]), int(data[1])
values = [int(token) for token in data[2 : 2 + n]]
best = max(values[:k])
maxima = [best]
for i in range(k, n):
    best = max(best, values[i])
    maxima.append(best)
print(" ".join(map(str, maxima)))
