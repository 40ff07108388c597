const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter(Boolean).map(Number);
const [n, k] = data;
const counts = new Map();
for (let i = 0; i < n; i++) counts.set(data[2 + i], (counts.get(data[2 + i]) || 0) + 1);
const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
console.log(ranked.slice(0, k).map(([value]) => value).join(" "));
