# expect: time_limit_exceeded
# Compares every word with the first word of every group so far: O(n * groups).
import sys

data = sys.stdin.read().split()
groups = []
for word in data[1 : 1 + int(data[0])]:
    for group in groups:
        if sorted(group[0]) == sorted(word):
            group.append(word)
            break
    else:
        groups.append([word])
print("\n".join(" ".join(sorted(group)) for group in groups))
