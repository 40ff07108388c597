import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    intervals = sorted((int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n))
    merged: list[list[int]] = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    sys.stdout.write("".join(f"{start} {end}\n" for start, end in merged))


main()
