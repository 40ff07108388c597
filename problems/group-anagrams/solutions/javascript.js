const tokens = require("fs").readFileSync(0, "utf8").split(/\s+/).filter(Boolean);
const n = Number(tokens[0]);
const groups = new Map();
for (let i = 1; i <= n; i++) {
  const word = tokens[i];
  const key = word.split("").sort().join("");
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(word);
}
const lines = [...groups.values()].map((words) => words.sort().join(" "));
process.stdout.write(lines.map((line) => line + "\n").join(""));
