import sys

PAIRS = {")": "(", "]": "[", "}": "{"}


def valid(text: str) -> bool:
    stack: list[str] = []
    for char in text:
        if char in PAIRS:
            if not stack or stack.pop() != PAIRS[char]:
                return False
        else:
            stack.append(char)
    return not stack


def main() -> None:
    data = sys.stdin.read().split()
    count = int(data[0])
    print("\n".join("true" if valid(text) else "false" for text in data[1 : 1 + count]))


main()
