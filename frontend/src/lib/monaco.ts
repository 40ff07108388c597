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

export function monacoTheme(dark: boolean): string {
  return dark ? "vs-dark" : "vs";
}
