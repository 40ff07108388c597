/** The runnable languages' ids (as the server names them) mapped to Monaco's language ids. */

export type LanguageOption = { id: string; name: string; version?: string; monaco?: string };

const MONACO_IDS: Record<string, string> = {
  python: "python",
  python3: "python",
  javascript: "javascript",
  node: "javascript",
  typescript: "typescript",
  c: "c",
  cpp: "cpp",
  "c++": "cpp",
  java: "java",
  go: "go",
  rust: "rust",
  ruby: "ruby",
  bash: "shell",
  sh: "shell",
  php: "php",
  perl: "perl",
  lua: "lua",
  csharp: "csharp",
  kotlin: "kotlin",
  swift: "swift",
  sql: "sql",
  r: "r",
  scala: "scala",
};

/** Monaco's id for a language: the server's own mapping when it gives one, else ours. */
export function monacoLanguage(id: string, options: LanguageOption[] = []): string {
  return options.find((o) => o.id === id)?.monaco ?? MONACO_IDS[id.toLowerCase()] ?? "plaintext";
}

/** What the language picker offers when the server cannot say which languages it runs. */
export const FALLBACK_LANGUAGES: LanguageOption[] = [
  { id: "python", name: "Python 3" },
  { id: "javascript", name: "JavaScript" },
  { id: "typescript", name: "TypeScript" },
  { id: "c", name: "C" },
  { id: "cpp", name: "C++" },
  { id: "java", name: "Java" },
  { id: "go", name: "Go" },
  { id: "rust", name: "Rust" },
  { id: "ruby", name: "Ruby" },
  { id: "bash", name: "Bash" },
];

/** The options with `current` present even when the server no longer lists it. */
export function withCurrent(options: LanguageOption[], current: string | undefined): LanguageOption[] {
  if (!current || options.some((o) => o.id === current)) return options;
  return [...options, { id: current, name: current }];
}
