/** Building CSS from remote input (names, colours) safely. */

const FALLBACK_COLOR = "#999999";

/** Only `#rgb`/`#rrggbb` colours reach the stylesheet (a state is remote input). */
export function safeColor(color: unknown): string {
  return typeof color === "string" && /^#(?:[0-9a-fA-F]{3}){1,2}$/.test(color) ? color : FALLBACK_COLOR;
}

/** A CSS string literal holding `text`, safe against quotes, backslashes, newlines and `<`. */
export function cssString(text: string): string {
  let out = "";
  for (const char of text.slice(0, 60)) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === "\\" || char === "<" || char === ">" || code < 0x20 || code === 0x7f) {
      out += `\\${code.toString(16)} `;
    } else {
      out += char;
    }
  }
  return `"${out}"`;
}

/** Translucent version of a #rrggbb colour for selections. */
export function withAlpha(color: string, alpha: number): string {
  const hex = color.length === 4 ? color.replace(/([0-9a-fA-F])/g, "$1$1").slice(1) : color.slice(1);
  const a = Math.round(Math.min(1, Math.max(0, alpha)) * 255)
    .toString(16)
    .padStart(2, "0");
  return `#${hex}${a}`;
}

/** Black or white, whichever reads better on `color` (WCAG relative luminance). */
export function textColorOn(color: string): string {
  const hex = color.length === 4 ? color.replace(/([0-9a-fA-F])/g, "$1$1").slice(1) : color.slice(1);
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  return luminance > 0.179 ? "#000000" : "#ffffff";
}

export const LABEL_FADE = "@keyframes cc-cursor-label{0%,70%{opacity:1}100%{opacity:0.15}}";

/**
 * Rules for one participant's selection (`selectionClass`) and cursor (`headClass`) in their
 * colour, the cursor flagged with their name (fading after a few seconds unless `keepLabel`).
 */
export function cursorRules(selectionClass: string, headClass: string, name: string, color: string, keepLabel = false): string[] {
  const c = safeColor(color);
  const fade = keepLabel ? "" : ";animation:cc-cursor-label 4s ease-in forwards";
  return [
    `.${selectionClass}{background-color:${withAlpha(c, 0.3)}}`,
    `.${headClass}{position:absolute;box-sizing:border-box;height:100%;border-left:2px solid ${c}}`,
    // The flag sits on the cursor's own line, just right of the caret (never over the line above).
    `.${headClass}::after{content:${cssString(name || "Anonymous")};position:absolute;top:1px;left:2px;` +
      `padding:0 4px;border-radius:0 3px 3px 0;background:${c};color:${textColorOn(c)};font:600 10px/1.4 system-ui,sans-serif;` +
      `white-space:nowrap;pointer-events:none;z-index:10${fade}}`,
  ];
}
