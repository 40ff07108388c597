# expect: wrong_answer
# Counts the steps (edges) instead of the words.
import sys
from collections import deque

data = sys.stdin.read().split()
begin, end, words = data[0], data[1], set(data[3 : 3 + int(data[2])])
distance = {begin: 0}
queue = deque([begin])
answer = 0
while queue:
    word = queue.popleft()
    if word == end:
        answer = distance[word]
        break
    for i in range(len(word)):
        for letter in "abcdefghijklmnopqrstuvwxyz":
            nxt = word[:i] + letter + word[i + 1 :]
            if nxt in words and nxt not in distance:
                distance[nxt] = distance[word] + 1
                queue.append(nxt)
print(answer)
