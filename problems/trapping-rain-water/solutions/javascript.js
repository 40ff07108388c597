const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter(Boolean).map(Number);
const n = data[0];
const heights = data.slice(1, 1 + n);
let left = 0;
let right = n - 1;
let leftMax = 0;
let rightMax = 0;
let water = 0n; // past 2^53 in the worst case
while (left < right) {
  if (heights[left] < heights[right]) {
    leftMax = Math.max(leftMax, heights[left]);
    water += BigInt(leftMax - heights[left]);
    left++;
  } else {
    rightMax = Math.max(rightMax, heights[right]);
    water += BigInt(rightMax - heights[right]);
    right--;
  }
}
console.log(water.toString());
