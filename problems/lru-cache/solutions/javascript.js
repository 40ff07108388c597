// A map from key to node plus a doubly linked list ordered from least to most recently used.
// (Evicting through a Map's own insertion order is slow in V8: the deleted entries it leaves at
// the front are scanned again by every `keys().next()` until the table is rehashed.)
const tokens = require("fs").readFileSync(0, "utf8").split(/\s+/).filter(Boolean);
const capacity = Number(tokens[0]);
const count = Number(tokens[1]);
const nodes = new Map();
const head = { key: null, value: null, prev: null, next: null };
head.prev = head;
head.next = head;

function unlink(node) {
  node.prev.next = node.next;
  node.next.prev = node.prev;
}

function pushNewest(node) {
  node.prev = head.prev;
  node.next = head;
  head.prev.next = node;
  head.prev = node;
}

const out = [];
let position = 2;
for (let i = 0; i < count; i++) {
  const key = tokens[position + 1];
  if (tokens[position] === "get") {
    position += 2;
    const node = nodes.get(key);
    if (node === undefined) {
      out.push("-1");
    } else {
      unlink(node);
      pushNewest(node);
      out.push(node.value);
    }
  } else {
    const value = tokens[position + 2];
    position += 3;
    let node = nodes.get(key);
    if (node === undefined) {
      node = { key, value, prev: null, next: null };
      nodes.set(key, node);
    } else {
      node.value = value;
      unlink(node);
    }
    pushNewest(node);
    if (nodes.size > capacity) {
      const oldest = head.next;
      unlink(oldest);
      nodes.delete(oldest.key);
    }
  }
}
process.stdout.write(out.map((line) => line + "\n").join(""));
