# expect: runtime_error
# A recursive search: the winding island is deeper than Python's recursion limit.
import sys

data = sys.stdin.read().split()
rows, cols = int(data[0]), int(data[1])
grid = [list(row) for row in data[2 : 2 + rows]]


def sink(r, c):
    if 0 <= r < rows and 0 <= c < cols and grid[r][c] == "1":
        grid[r][c] = "0"
        sink(r - 1, c)
        sink(r + 1, c)
        sink(r, c - 1)
        sink(r, c + 1)


islands = 0
for r in range(rows):
    for c in range(cols):
        if grid[r][c] == "1":
            islands += 1
            sink(r, c)
print(islands)
