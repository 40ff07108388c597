# expect: time_limit_exceeded
# Sorts everything seen so far after every integer.
import sys

data = sys.stdin.read().split()
values = []
out = []
for token in data[1 : 1 + int(data[0])]:
    values.append(int(token))
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        out.append(str(ordered[middle]))
    else:
        out.append(str((ordered[middle - 1] + ordered[middle]) / 2))
print("\n".join(out))
