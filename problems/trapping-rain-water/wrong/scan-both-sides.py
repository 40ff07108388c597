# expect: time_limit_exceeded
# For every bar, scans left and right for the highest bars: O(n^2).
import sys

data = sys.stdin.read().split()
heights = [int(token) for token in data[1 : 1 + int(data[0])]]
water = 0
for i, height in enumerate(heights):
    water += min(max(heights[: i + 1]), max(heights[i:])) - height
print(water)
