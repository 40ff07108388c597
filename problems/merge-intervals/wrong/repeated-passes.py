# expect: time_limit_exceeded
# Merges any overlapping pair, then starts over: cubic in the worst case.
import sys

data = sys.stdin.read().split()
n = int(data[0])
intervals = [[int(data[1 + 2 * i]), int(data[2 + 2 * i])] for i in range(n)]
changed = True
while changed:
    changed = False
    for i in range(len(intervals)):
        for j in range(i + 1, len(intervals)):
            a, b = intervals[i], intervals[j]
            if a[0] <= b[1] and b[0] <= a[1]:
                intervals[i] = [min(a[0], b[0]), max(a[1], b[1])]
                del intervals[j]
                changed = True
                break
        if changed:
            break
print("\n".join(f"{start} {end}" for start, end in sorted(intervals)))
