# expect: wrong_answer
# Only counts brackets of each kind, ignoring their order.
import sys

data = sys.stdin.read().split()
for text in data[1 : 1 + int(data[0])]:
    ok = all(text.count(a) == text.count(b) for a, b in ("()", "[]", "{}"))
    print("true" if ok else "false")
