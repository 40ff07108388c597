# expect: wrong_answer
# Breaks ties by first appearance instead of by value.
import sys
from collections import Counter

data = sys.stdin.read().split()
n, k = int(data[0]), int(data[1])
counts = Counter(int(token) for token in data[2 : 2 + n])
print(" ".join(str(value) for value, _ in counts.most_common(k)))
