// Prints OK and the Unicode line of its own source only if TypeScript (strict) reads all of stdin,
// adds up its numbers and handles Unicode in, through and out.
import * as fs from "fs";

const EXPECTED: string = "héllo wörld ✓ 世界 🎉";

function sum(values: readonly number[]): number {
  return values.reduce((total: number, value: number) => total + value, 0);
}

const lines: string[] = fs.readFileSync(0, "utf8").split("\n");
const count: number = Number(lines[0]);
const total: number = sum(lines.slice(1, 1 + count).map(Number));
const word: string = lines[1 + count] ?? "";
if (total !== (count * (count + 1)) / 2) {
  console.log(`FAIL sum ${total}`);
  process.exit(1);
}
if (word !== EXPECTED || [...word].length !== 18) {
  console.log(`FAIL unicode ${word}`);
  process.exit(1);
}
console.log(`OK ${EXPECTED}`);
