# expect: time_limit_exceeded
# Takes max() of every window: O(n * k).
import sys

data = sys.stdin.read().split()
n, k = int(data[0]), int(data[1])
values = [int(token) for token in data[2 : 2 + n]]
print(" ".join(str(max(values[i : i + k])) for i in range(n - k + 1)))
