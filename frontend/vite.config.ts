import { fileURLToPath, URL } from "node:url";

import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const backend = process.env.CODECOLLAB_BACKEND ?? "http://127.0.0.1:8000";
const monacoEsm = fileURLToPath(new URL("./node_modules/monaco-editor/esm/vs/", import.meta.url));

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: [
      { find: "@", replacement: fileURLToPath(new URL("./src", import.meta.url)) },
      // y-monaco imports `monaco-editor/esm/vs/editor/editor.api.js`, a path monaco-editor's
      // `exports` map no longer resolves; point deep imports at the real files (same modules as
      // the package entry, so there is one Monaco instance).
      { find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: `${monacoEsm}$1` },
    ],
  },
  server: {
    proxy: {
      "/api": { target: backend, changeOrigin: true },
      "/ws": { target: backend.replace(/^http/, "ws"), ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: "dist",
    sourcemap: false,
    chunkSizeWarningLimit: 8000, // Monaco and its TypeScript worker are big by nature
    // The "which plugin was slow" notice is noise on a 2-core CI machine.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  worker: { format: "es" },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
