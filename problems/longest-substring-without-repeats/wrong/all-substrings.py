# expect: time_limit_exceeded
# Checks every substring.
import sys

text = sys.stdin.readline().strip()
best = 0
for i in range(len(text)):
    for j in range(i + 1, len(text) + 1):
        if len(set(text[i:j])) == j - i:
            best = max(best, j - i)
print(best)
