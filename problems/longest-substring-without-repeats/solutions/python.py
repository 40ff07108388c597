import sys


def main() -> None:
    text = sys.stdin.readline().strip()
    last: dict[str, int] = {}
    start = best = 0
    for index, char in enumerate(text):
        if last.get(char, -1) >= start:
            start = last[char] + 1
        last[char] = index
        best = max(best, index - start + 1)
    print(best)


main()
