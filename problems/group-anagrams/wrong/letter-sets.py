# expect: wrong_answer
# Groups by the set of letters, ignoring how often each occurs.
import sys
from collections import defaultdict

data = sys.stdin.read().split()
groups = defaultdict(list)
for word in data[1 : 1 + int(data[0])]:
    groups[frozenset(word)].append(word)
print("\n".join(" ".join(sorted(words)) for words in groups.values()))
