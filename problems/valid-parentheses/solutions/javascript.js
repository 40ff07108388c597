const tokens = require("fs").readFileSync(0, "utf8").split(/\s+/).filter(Boolean);
const PAIRS = { ")": "(", "]": "[", "}": "{" };

function valid(text) {
  const stack = [];
  for (const char of text) {
    if (char in PAIRS) {
      if (stack.length === 0 || stack.pop() !== PAIRS[char]) return false;
    } else {
      stack.push(char);
    }
  }
  return stack.length === 0;
}

const count = Number(tokens[0]);
const out = [];
for (let i = 1; i <= count; i++) out.push(valid(tokens[i]) ? "true" : "false");
console.log(out.join("\n"));
