import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    heights = [int(token) for token in data[1 : 1 + n]]
    left, right = 0, n - 1
    left_max = right_max = water = 0
    while left < right:
        if heights[left] < heights[right]:
            left_max = max(left_max, heights[left])
            water += left_max - heights[left]
            left += 1
        else:
            right_max = max(right_max, heights[right])
            water += right_max - heights[right]
            right -= 1
    print(water)


main()
