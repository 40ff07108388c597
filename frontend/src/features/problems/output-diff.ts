/** A line-by-line comparison of a test's expected output with what the program printed. */

export type DiffLine = { kind: "same" | "expected" | "got"; text: string };

/** Lines in order: equal lines once, differing lines as the expected one then the one printed
 * (a missing line is shown as absent, not as an empty line). */
export function outputDiff(expected: string, got: string): DiffLine[] {
  const want = splitLines(expected);
  const have = splitLines(got);
  const lines: DiffLine[] = [];
  for (let i = 0; i < Math.max(want.length, have.length); i++) {
    const w = want[i];
    const h = have[i];
    if (w === h) {
      lines.push({ kind: "same", text: w ?? "" });
      continue;
    }
    if (w !== undefined) lines.push({ kind: "expected", text: w });
    if (h !== undefined) lines.push({ kind: "got", text: h });
  }
  return lines;
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
