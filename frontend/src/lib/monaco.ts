/**
 * Monaco, bundled with the app (no CDN): its web workers come from Vite `?worker` imports, so the
 * editor works on a private network with no internet access.
 */

import * as monaco from "monaco-editor";
import EditorWorker from "monaco-editor/esm/vs/editor/editor.worker.js?worker";
import JsonWorker from "monaco-editor/esm/vs/language/json/json.worker.js?worker";
import TsWorker from "monaco-editor/esm/vs/language/typescript/ts.worker.js?worker";

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    if (label === "typescript" || label === "javascript") return new TsWorker();
    if (label === "json") return new JsonWorker();
    return new EditorWorker();
  },
};

export { monaco };

// Monaco's own themes with the few colours below 4.5:1 contrast raised (WCAG AA): comments in
// the dark theme (#608B4E on #1E1E1E is 4.2:1).
monaco.editor.defineTheme("codecollab-light", { base: "vs", inherit: true, rules: [], colors: {} });
monaco.editor.defineTheme("codecollab-dark", {
  base: "vs-dark",
  inherit: true,
  rules: [{ token: "comment", foreground: "6A9955" }],
  colors: {},
});

export function monacoTheme(dark: boolean): string {
  return dark ? "codecollab-dark" : "codecollab-light";
}

/** Options every editor of the app shares: no dimmed (low-contrast) number for the last empty line. */
export const baseEditorOptions: monaco.editor.IStandaloneEditorConstructionOptions = {
  renderFinalNewline: "on",
};
