import sys
from collections import defaultdict, deque


def ladder_length(begin: str, end: str, words: list[str]) -> int:
    vocabulary = set(words)
    if end not in vocabulary:
        return 0
    vocabulary.add(begin)
    buckets: dict[str, list[str]] = defaultdict(list)
    for word in vocabulary:
        for i in range(len(word)):
            buckets[word[:i] + "*" + word[i + 1 :]].append(word)
    distance = {begin: 1}
    queue = deque([begin])
    while queue:
        word = queue.popleft()
        if word == end:
            return distance[word]
        for i in range(len(word)):
            pattern = word[:i] + "*" + word[i + 1 :]
            for neighbour in buckets.pop(pattern, ()):
                if neighbour not in distance:
                    distance[neighbour] = distance[word] + 1
                    queue.append(neighbour)
    return 0


def main() -> None:
    data = sys.stdin.read().split()
    begin, end, n = data[0], data[1], int(data[2])
    print(ladder_length(begin, end, data[3 : 3 + n]))


main()
