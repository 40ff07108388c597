# expect: time_limit_exceeded
# Checks every pair: O(n^2), far too slow for n = 50000.
import sys

data = sys.stdin.read().split()
n, target = int(data[0]), int(data[1])
nums = [int(token) for token in data[2 : 2 + n]]
for i in range(n):
    for j in range(i + 1, n):
        if nums[i] + nums[j] == target:
            print(i, j)
            sys.exit(0)
