import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    rows, cols = int(data[0]), int(data[1])
    land = bytearray(b"".join(data[2 : 2 + rows]))
    one = ord("1")
    islands = 0
    for start in range(rows * cols):
        if land[start] != one:
            continue
        islands += 1
        land[start] = 0
        stack = [start]
        while stack:
            cell = stack.pop()
            row, col = divmod(cell, cols)
            if row > 0 and land[cell - cols] == one:
                land[cell - cols] = 0
                stack.append(cell - cols)
            if row < rows - 1 and land[cell + cols] == one:
                land[cell + cols] = 0
                stack.append(cell + cols)
            if col > 0 and land[cell - 1] == one:
                land[cell - 1] = 0
                stack.append(cell - 1)
            if col < cols - 1 and land[cell + 1] == one:
                land[cell + 1] = 0
                stack.append(cell + 1)
    print(islands)


main()
