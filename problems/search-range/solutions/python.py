import sys
from bisect import bisect_left, bisect_right


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, q = int(data[0]), int(data[1])
    values = [int(token) for token in data[2 : 2 + n]]
    out = []
    for token in data[2 + n : 2 + n + q]:
        target = int(token)
        first = bisect_left(values, target)
        if first < n and values[first] == target:
            out.append(f"{first} {bisect_right(values, target) - 1}")
        else:
            out.append("-1 -1")
    sys.stdout.write("\n".join(out) + "\n")


main()
