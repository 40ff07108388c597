const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter(Boolean).map(Number);
const [n, m] = data;
const unlocks = Array.from({ length: n }, () => []);
const missing = new Int32Array(n);
for (let i = 0; i < m; i++) {
  const course = data[2 + 2 * i];
  const before = data[3 + 2 * i];
  unlocks[before].push(course);
  missing[course]++;
}

// A binary min-heap of course numbers.
const heap = [];
function push(value) {
  heap.push(value);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent] <= heap[i]) break;
    [heap[parent], heap[i]] = [heap[i], heap[parent]];
    i = parent;
  }
}
function pop() {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && heap[left] < heap[smallest]) smallest = left;
      if (right < heap.length && heap[right] < heap[smallest]) smallest = right;
      if (smallest === i) break;
      [heap[smallest], heap[i]] = [heap[i], heap[smallest]];
      i = smallest;
    }
  }
  return top;
}

for (let course = 0; course < n; course++) if (missing[course] === 0) push(course);
const order = [];
while (heap.length > 0) {
  const course = pop();
  order.push(course);
  for (const next of unlocks[course]) if (--missing[next] === 0) push(next);
}
console.log(order.length === n ? order.join(" ") : "IMPOSSIBLE");
