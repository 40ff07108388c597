const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter(Boolean).map(Number);
const n = data[0];
const intervals = [];
for (let i = 0; i < n; i++) intervals.push([data[1 + 2 * i], data[2 + 2 * i]]);
intervals.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
const merged = [];
for (const [start, end] of intervals) {
  const last = merged[merged.length - 1];
  if (last && start <= last[1]) last[1] = Math.max(last[1], end);
  else merged.push([start, end]);
}
process.stdout.write(merged.map(([s, e]) => `${s} ${e}\n`).join(""));
