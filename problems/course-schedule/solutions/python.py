import heapq
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    unlocks: list[list[int]] = [[] for _ in range(n)]
    missing = [0] * n
    for i in range(m):
        course, before = int(data[2 + 2 * i]), int(data[3 + 2 * i])
        unlocks[before].append(course)
        missing[course] += 1
    ready = [course for course in range(n) if missing[course] == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        course = heapq.heappop(ready)
        order.append(course)
        for nxt in unlocks[course]:
            missing[nxt] -= 1
            if missing[nxt] == 0:
                heapq.heappush(ready, nxt)
    print(" ".join(map(str, order)) if len(order) == n else "IMPOSSIBLE")


main()
