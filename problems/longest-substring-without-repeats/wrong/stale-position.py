# expect: wrong_answer
# Jumps the window start back to a repeat's old position even when it lies before the window.
import sys

text = sys.stdin.readline().strip()
last = {}
start = best = 0
for index, char in enumerate(text):
    if char in last:
        start = last[char] + 1
    last[char] = index
    best = max(best, index - start + 1)
print(best)
