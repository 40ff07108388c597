import sys
from bisect import bisect_left


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    tails: list[int] = []
    for token in data[1 : 1 + n]:
        value = int(token)
        index = bisect_left(tails, value)
        if index == len(tails):
            tails.append(value)
        else:
            tails[index] = value
    print(len(tails))


main()
