require("fs").readFileSync(0);
console.log("out");
console.error("err");
process.exitCode = 42;
