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
