# expect: time_limit_exceeded
# Finds neighbours by comparing a word with every other word: O(n^2 * length).
import sys
from collections import deque

data = sys.stdin.read().split()
begin, end, words = data[0], data[1], data[3 : 3 + int(data[2])]


def adjacent(a, b):
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1


distance = {begin: 1}
queue = deque([begin])
answer = 0
while queue:
    word = queue.popleft()
    if word == end:
        answer = distance[word]
        break
    for other in words:
        if other not in distance and adjacent(word, other):
            distance[other] = distance[word] + 1
            queue.append(other)
print(answer if end in words else 0)
