import sys

sys.stdin.read()
print("out")
print("err", file=sys.stderr)
sys.exit(42)
