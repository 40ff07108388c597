const tokens = require("fs").readFileSync(0, "utf8").split(/\s+/).filter(Boolean);
const rows = Number(tokens[0]);
const cols = Number(tokens[1]);
const land = new Uint8Array(rows * cols);
for (let r = 0; r < rows; r++) {
  const line = tokens[2 + r];
  for (let c = 0; c < cols; c++) land[r * cols + c] = line.charCodeAt(c) === 49 ? 1 : 0;
}
const stack = new Int32Array(rows * cols);
let islands = 0;
for (let start = 0; start < rows * cols; start++) {
  if (!land[start]) continue;
  islands++;
  land[start] = 0;
  let top = 0;
  stack[top++] = start;
  while (top > 0) {
    const cell = stack[--top];
    const row = Math.floor(cell / cols);
    const col = cell % cols;
    const visit = (next) => {
      if (land[next]) {
        land[next] = 0;
        stack[top++] = next;
      }
    };
    if (row > 0) visit(cell - cols);
    if (row < rows - 1) visit(cell + cols);
    if (col > 0) visit(cell - 1);
    if (col < cols - 1) visit(cell + 1);
  }
}
console.log(islands);
