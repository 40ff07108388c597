import { useEffect, useRef } from "react";

import { cursorRules } from "@/lib/css";
import { baseEditorOptions, monaco, monacoTheme } from "@/lib/monaco";
import { useTheme } from "@/lib/theme";

import type { ReplayCursor } from "../replay-state";

/** A read-only Monaco showing the code at one moment, with each participant's cursor and name. */
export function CodeSnapshot({ code, language, cursors }: { code: string; language: string; cursors: ReplayCursor[] }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const [theme] = useTheme();

  useEffect(() => {
    if (!host.current) return;
    const model = monaco.editor.createModel("", language);
    const created = monaco.editor.create(host.current, {
      ...baseEditorOptions,
      model,
      readOnly: true,
      domReadOnly: true,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 14,
      padding: { top: 14 },
      ariaLabel: "Code at this moment",
      theme: monacoTheme(document.documentElement.classList.contains("dark")),
    });
    editor.current = created;
    decorations.current = created.createDecorationsCollection();
    return () => {
      created.dispose();
      model.dispose();
      editor.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (!model) return;
    if (model.getValue() !== code) model.setValue(code);
    monaco.editor.setModelLanguage(model, language);
    decorations.current?.set(
      cursors.map((cursor, i) => {
        const start = model.getPositionAt(Math.min(cursor.anchor, cursor.head));
        const end = model.getPositionAt(Math.max(cursor.anchor, cursor.head));
        const head = `ccReplayHead-${i}`;
        return {
          range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
          options: {
            className: `ccReplaySelection-${i}`,
            ...(cursor.head >= cursor.anchor ? { afterContentClassName: head } : { beforeContentClassName: head }),
          },
        };
      }),
    );
  }, [code, language, cursors]);

  useEffect(() => {
    monaco.editor.setTheme(monacoTheme(theme === "dark"));
  }, [theme]);

  const css = cursors.flatMap((c, i) => cursorRules(`ccReplaySelection-${i}`, `ccReplayHead-${i}`, c.name, c.color, true)).join("\n");
  return (
    <div className="relative h-full min-h-0 w-full" data-testid="replay-code">
      <style>{css}</style>
      <div ref={host} className="absolute inset-0" />
    </div>
  );
}
