/** The languages the server runs, as the pickers offer them, with Monaco's id for each. */

export type LanguageOption = { id: string; name: string; version?: string; monaco?: string };

/** Monaco's id for a language, as `GET /api/languages` maps it (plain text until it is known). */
export function monacoLanguage(id: string, options: LanguageOption[]): string {
  return options.find((o) => o.id === id)?.monaco ?? "plaintext";
}

/** The options with `current` present even when the server no longer lists it. */
export function withCurrent(options: LanguageOption[], current: string | undefined): LanguageOption[] {
  if (!current || options.some((o) => o.id === current)) return options;
  return [...options, { id: current, name: current }];
}

/** "Python 3" + "3.11.2" → "Python 3.11.2": the version once, replacing a major number the name
 * already ends with; "Go" + "1.22" → "Go 1.22"; no version → the name. */
export function languageLabel(name: string, version?: string | null): string {
  if (!version) return name;
  if (name.includes(version)) return name;
  const words = name.split(" ");
  const last = words.at(-1) ?? "";
  if (words.length > 1 && /^\d+(\.\d+)*$/.test(last) && (version === last || version.startsWith(`${last}.`))) words.pop();
  return `${words.join(" ")} ${version}`;
}

/** The language a new room set to a problem starts in: `current` when the problem has starter
 * code for it (or for no language), else the first language with starter code that the server
 * runs (an SQL problem's room starts in SQL), else `current`. */
export function languageForProblem(current: string, starterLanguages: string[], options: LanguageOption[]): string {
  if (starterLanguages.length === 0 || starterLanguages.includes(current)) return current;
  return starterLanguages.find((id) => options.some((o) => o.id === id)) ?? current;
}
