const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter(Boolean).map(Number);
const [n, q] = data;
const values = data.slice(2, 2 + n);

function lowerBound(target) {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const out = [];
for (let i = 0; i < q; i++) {
  const target = data[2 + n + i];
  const first = lowerBound(target);
  if (first < n && values[first] === target) out.push(`${first} ${lowerBound(target + 1) - 1}`);
  else out.push("-1 -1");
}
console.log(out.join("\n"));
