# expect: wrong_answer
# Kahn's algorithm with a FIFO queue: a valid order, but not the smallest-first one.
import sys
from collections import deque

data = sys.stdin.read().split()
n, m = int(data[0]), int(data[1])
unlocks = [[] for _ in range(n)]
missing = [0] * n
for i in range(m):
    course, before = int(data[2 + 2 * i]), int(data[3 + 2 * i])
    unlocks[before].append(course)
    missing[course] += 1
ready = deque(course for course in range(n) if missing[course] == 0)
order = []
while ready:
    course = ready.popleft()
    order.append(course)
    for nxt in unlocks[course]:
        missing[nxt] -= 1
        if missing[nxt] == 0:
            ready.append(nxt)
print(" ".join(map(str, order)) if len(order) == n else "IMPOSSIBLE")
