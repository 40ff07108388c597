const text = require("fs").readFileSync(0, "utf8").trim();
const last = new Map();
let start = 0;
let best = 0;
for (let i = 0; i < text.length; i++) {
  const char = text[i];
  if (last.has(char) && last.get(char) >= start) start = last.get(char) + 1;
  last.set(char, i);
  best = Math.max(best, i - start + 1);
}
console.log(best);
