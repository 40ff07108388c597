const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter(Boolean).map(Number);
const [n, amount] = data;
const unreachable = amount + 1;
const fewest = new Int32Array(amount + 1).fill(unreachable);
fewest[0] = 0;
for (let i = 0; i < n; i++) {
  const coin = data[2 + i];
  for (let total = coin; total <= amount; total++) {
    fewest[total] = Math.min(fewest[total], fewest[total - coin] + 1);
  }
}
console.log(fewest[amount] === unreachable ? -1 : fewest[amount]);
