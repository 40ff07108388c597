# expect: time_limit_exceeded
# Tries every combination without remembering results: exponential.
import sys

sys.setrecursionlimit(100_000)
data = sys.stdin.read().split()
n, amount = int(data[0]), int(data[1])
coins = [int(token) for token in data[2 : 2 + n]]


def fewest(total):
    if total == 0:
        return 0
    best = -1
    for coin in coins:
        if coin <= total:
            sub = fewest(total - coin)
            if sub >= 0 and (best < 0 or sub + 1 < best):
                best = sub + 1
    return best


print(fewest(amount))
