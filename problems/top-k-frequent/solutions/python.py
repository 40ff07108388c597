import sys
from collections import Counter


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    counts = Counter(int(token) for token in data[2 : 2 + n])
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    print(" ".join(str(value) for value, _count in ranked[:k]))


main()
