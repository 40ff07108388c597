# expect: wrong_answer
# bisect_right: counts non-decreasing subsequences, so equal values are allowed.
import sys
from bisect import bisect_right

data = sys.stdin.read().split()
tails = []
for token in data[1 : 1 + int(data[0])]:
    index = bisect_right(tails, int(token))
    if index == len(tails):
        tails.append(int(token))
    else:
        tails[index] = int(token)
print(len(tails))
