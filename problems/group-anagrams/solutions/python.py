import sys
from collections import defaultdict


def main() -> None:
    data = sys.stdin.read().split()
    n = int(data[0])
    groups: dict[str, list[str]] = defaultdict(list)
    for word in data[1 : 1 + n]:
        groups["".join(sorted(word))].append(word)
    lines = sorted(" ".join(sorted(words)) for words in groups.values())
    sys.stdout.write("".join(line + "\n" for line in lines))


main()
