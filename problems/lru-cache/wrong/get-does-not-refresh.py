# expect: wrong_answer
# Evicts the oldest *inserted* key: a get does not make a key recent.
import sys
from collections import OrderedDict

data = sys.stdin.read().split()
capacity, count = int(data[0]), int(data[1])
cache = OrderedDict()
out = []
position = 2
for _ in range(count):
    if data[position] == "get":
        out.append(cache.get(data[position + 1], "-1"))
        position += 2
    else:
        key, value = data[position + 1], data[position + 2]
        position += 3
        cache[key] = value
        cache.move_to_end(key)
        if len(cache) > capacity:
            cache.popitem(last=False)
print("\n".join(out))
