# expect: time_limit_exceeded
# Keeps the recency order in a list: every touch is O(capacity).
import sys

data = sys.stdin.read().split()
capacity, count = int(data[0]), int(data[1])
values = {}
order = []
out = []
position = 2
for _ in range(count):
    if data[position] == "get":
        key = data[position + 1]
        position += 2
        if key in values:
            order.remove(key)
            order.append(key)
            out.append(values[key])
        else:
            out.append("-1")
    else:
        key, value = data[position + 1], data[position + 2]
        position += 3
        if key in values:
            order.remove(key)
        values[key] = value
        order.append(key)
        if len(order) > capacity:
            del values[order.pop(0)]
print("\n".join(out))
