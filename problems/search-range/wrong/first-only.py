# expect: wrong_answer
# Prints the first position twice.
import sys
from bisect import bisect_left

data = sys.stdin.read().split()
n, q = int(data[0]), int(data[1])
values = [int(token) for token in data[2 : 2 + n]]
for token in data[2 + n : 2 + n + q]:
    first = bisect_left(values, int(token))
    print(f"{first} {first}" if first < n and values[first] == int(token) else "-1 -1")
