# expect: time_limit_exceeded
# Counts every distinct value with list.count: O(n * distinct).
import sys

data = sys.stdin.read().split()
n, k = int(data[0]), int(data[1])
values = [int(token) for token in data[2 : 2 + n]]
counts = {value: values.count(value) for value in set(values)}
ranked = sorted(counts, key=lambda value: (-counts[value], value))
print(" ".join(map(str, ranked[:k])))
