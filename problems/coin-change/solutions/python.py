import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, amount = int(data[0]), int(data[1])
    coins = [int(token) for token in data[2 : 2 + n]]
    unreachable = amount + 1
    fewest = [0] + [unreachable] * amount
    for coin in coins:
        for total in range(coin, amount + 1):
            candidate = fewest[total - coin] + 1
            if candidate < fewest[total]:
                fewest[total] = candidate
    print(fewest[amount] if fewest[amount] != unreachable else -1)


main()
