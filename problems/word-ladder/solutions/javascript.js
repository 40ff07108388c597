const tokens = require("fs").readFileSync(0, "utf8").split(/\s+/).filter(Boolean);
const [begin, end] = tokens;
const n = Number(tokens[2]);
const vocabulary = new Set(tokens.slice(3, 3 + n));

function ladderLength() {
  if (!vocabulary.has(end)) return 0;
  vocabulary.add(begin);
  const buckets = new Map();
  for (const word of vocabulary) {
    for (let i = 0; i < word.length; i++) {
      const pattern = word.slice(0, i) + "*" + word.slice(i + 1);
      if (!buckets.has(pattern)) buckets.set(pattern, []);
      buckets.get(pattern).push(word);
    }
  }
  const distance = new Map([[begin, 1]]);
  const queue = [begin];
  for (let head = 0; head < queue.length; head++) {
    const word = queue[head];
    if (word === end) return distance.get(word);
    for (let i = 0; i < word.length; i++) {
      const pattern = word.slice(0, i) + "*" + word.slice(i + 1);
      const neighbours = buckets.get(pattern);
      if (!neighbours) continue;
      buckets.delete(pattern);
      for (const next of neighbours) {
        if (!distance.has(next)) {
          distance.set(next, distance.get(word) + 1);
          queue.push(next);
        }
      }
    }
  }
  return 0;
}

console.log(ladderLength());
