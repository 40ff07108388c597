# expect: time_limit_exceeded
# Scans all courses for the smallest ready one at every step: O(n^2).
import sys

data = sys.stdin.read().split()
n, m = int(data[0]), int(data[1])
unlocks = [[] for _ in range(n)]
missing = [0] * n
for i in range(m):
    course, before = int(data[2 + 2 * i]), int(data[3 + 2 * i])
    unlocks[before].append(course)
    missing[course] += 1
taken = [False] * n
order = []
for _ in range(n):
    course = next((c for c in range(n) if not taken[c] and missing[c] == 0), None)
    if course is None:
        break
    taken[course] = True
    order.append(course)
    for nxt in unlocks[course]:
        missing[nxt] -= 1
print(" ".join(map(str, order)) if len(order) == n else "IMPOSSIBLE")
