// Prints OK and the Unicode line of its own source only if Node.js reads all of stdin, adds up its
// numbers and handles Unicode in, through and out.
const fs = require("fs");

const EXPECTED = "héllo wörld ✓ 世界 🎉";
const lines = fs.readFileSync(0, "utf8").split("\n");
const count = Number(lines[0]);
const total = lines.slice(1, 1 + count).reduce((sum, line) => sum + Number(line), 0);
const word = lines[1 + count];
if (total !== (count * (count + 1)) / 2) {
  console.log(`FAIL sum ${total}`);
  process.exit(1);
}
if (word !== EXPECTED || [...word].length !== 18) {
  console.log(`FAIL unicode ${word}`);
  process.exit(1);
}
console.log(`OK ${EXPECTED}`);
