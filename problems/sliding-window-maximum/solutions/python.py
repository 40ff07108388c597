import sys
from collections import deque


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    values = [int(token) for token in data[2 : 2 + n]]
    window: deque[int] = deque()
    maxima = []
    for index, value in enumerate(values):
        while window and values[window[-1]] <= value:
            window.pop()
        window.append(index)
        if window[0] <= index - k:
            window.popleft()
        if index >= k - 1:
            maxima.append(values[window[0]])
    print(" ".join(map(str, maxima)))


main()
