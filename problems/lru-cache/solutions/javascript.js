// A Map iterates in insertion order: deleting and re-inserting a key makes it the newest.
const tokens = require("fs").readFileSync(0, "utf8").split(/\s+/).filter(Boolean);
const capacity = Number(tokens[0]);
const count = Number(tokens[1]);
const cache = new Map();
const out = [];
let position = 2;
for (let i = 0; i < count; i++) {
  if (tokens[position] === "get") {
    const key = tokens[position + 1];
    position += 2;
    if (cache.has(key)) {
      const value = cache.get(key);
      cache.delete(key);
      cache.set(key, value);
      out.push(value);
    } else {
      out.push("-1");
    }
  } else {
    const key = tokens[position + 1];
    const value = tokens[position + 2];
    position += 3;
    cache.delete(key);
    cache.set(key, value);
    if (cache.size > capacity) cache.delete(cache.keys().next().value);
  }
}
process.stdout.write(out.map((line) => line + "\n").join(""));
