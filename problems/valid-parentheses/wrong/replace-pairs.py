# expect: time_limit_exceeded
# Removes adjacent pairs until none is left: quadratic on deeply nested input.
import sys

data = sys.stdin.read().split()
for text in data[1 : 1 + int(data[0])]:
    previous = None
    while previous != text:
        previous = text
        text = text.replace("()", "").replace("[]", "").replace("{}", "")
    print("true" if not text else "false")
