const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter(Boolean).map(Number);
const [n, target] = data;
const seen = new Map();
for (let j = 0; j < n; j++) {
  const value = data[2 + j];
  if (seen.has(target - value)) {
    console.log(`${seen.get(target - value)} ${j}`);
    break;
  }
  if (!seen.has(value)) seen.set(value, j);
}
