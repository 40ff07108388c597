import sys
from collections import OrderedDict


def main() -> None:
    data = sys.stdin.buffer.read().split()
    capacity, count = int(data[0]), int(data[1])
    cache: OrderedDict[bytes, bytes] = OrderedDict()
    out: list[bytes] = []
    position = 2
    for _ in range(count):
        if data[position] == b"get":
            key = data[position + 1]
            position += 2
            if key in cache:
                cache.move_to_end(key)
                out.append(cache[key])
            else:
                out.append(b"-1")
        else:
            key, value = data[position + 1], data[position + 2]
            position += 3
            cache[key] = value
            cache.move_to_end(key)
            if len(cache) > capacity:
                cache.popitem(last=False)
    sys.stdout.buffer.write(b"".join(line + b"\n" for line in out))


main()
