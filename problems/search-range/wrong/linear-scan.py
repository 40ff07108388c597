# expect: time_limit_exceeded
# Scans the whole array for every query: O(n * q).
import sys

data = sys.stdin.read().split()
n, q = int(data[0]), int(data[1])
values = [int(token) for token in data[2 : 2 + n]]
for token in data[2 + n : 2 + n + q]:
    target = int(token)
    positions = [index for index, value in enumerate(values) if value == target]
    print(f"{positions[0]} {positions[-1]}" if positions else "-1 -1")
