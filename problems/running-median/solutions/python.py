import heapq
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    low: list[int] = []  # max-heap of the smaller half, negated
    high: list[int] = []  # min-heap of the larger half
    out = []
    for token in data[1 : 1 + n]:
        value = int(token)
        if low and value > -low[0]:
            heapq.heappush(high, value)
        else:
            heapq.heappush(low, -value)
        if len(low) > len(high) + 1:
            heapq.heappush(high, -heapq.heappop(low))
        elif len(high) > len(low):
            heapq.heappush(low, -heapq.heappop(high))
        if len(low) > len(high):
            out.append(str(-low[0]))
        else:
            total = high[0] - low[0]
            out.append(str(total // 2) if total % 2 == 0 else f"{total / 2:.1f}")
    sys.stdout.write("\n".join(out) + "\n")


main()
