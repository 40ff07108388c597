import { useEffect, useRef } from "react";
import { MonacoBinding } from "y-monaco";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";

import { baseEditorOptions, monaco, monacoTheme } from "@/lib/monaco";
import { useTheme } from "@/lib/theme";

import { useAwarenessStates } from "../hooks/use-awareness";
import { remoteCursorCss } from "../remote-cursors";

type Props = {
  text: Y.Text;
  awareness: Awareness;
  language: string;
  readOnly: boolean;
  label: string;
  onPaste?: (characters: number, text: string) => void;
  options?: monaco.editor.IStandaloneEditorConstructionOptions;
  testId?: string;
};

/** Monaco bound to a shared Y.Text, with everyone's cursors in their colour and name. */
export function CollabEditor({ text, awareness, language, readOnly, label, onPaste, options, testId }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const pasteRef = useRef(onPaste);
  pasteRef.current = onPaste;
  const [theme] = useTheme();
  const states = useAwarenessStates(awareness);

  useEffect(() => {
    if (!host.current) return;
    const model = monaco.editor.createModel(text.toString(), language);
    model.setEOL(monaco.editor.EndOfLineSequence.LF);
    const editor = monaco.editor.create(host.current, {
      ...baseEditorOptions,
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      scrollBeyondLastLine: false,
      padding: { top: 14 }, // room for the name label of a cursor on the first line
      tabSize: 4,
      readOnly,
      ariaLabel: label,
      theme: monacoTheme(document.documentElement.classList.contains("dark")),
      ...options,
    });
    editorRef.current = editor;
    const binding = new MonacoBinding(text, model, new Set([editor]), awareness);
    const paste = editor.onDidPaste((event) => {
      pasteRef.current?.(model.getValueLengthInRange(event.range), model.getValueInRange(event.range));
    });
    // Leaving the editor by keyboard: Tab indents, so Esc (when no widget wants it) switches Tab
    // to moving focus until another key is pressed or focus has left.
    const leaveMode = (on: boolean) => {
      if (editor.getOption(monaco.editor.EditorOption.tabFocusMode) !== on) editor.updateOptions({ tabFocusMode: on });
    };
    editor.addCommand(
      monaco.KeyCode.Escape,
      () => leaveMode(true),
      "editorTextFocus && !suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && !renameInputVisible && !inSnippetMode && !editorHasMultipleSelections && !editorHasSelection && !inReferenceSearchEditor && !referenceSearchVisible",
    );
    const leftEditor = editor.onDidBlurEditorWidget(() => leaveMode(false));
    // Any other key (not remote edits, which also change the model) returns Tab to indenting.
    const typed = editor.onKeyDown((event) => {
      const code = event.keyCode;
      if (code !== monaco.KeyCode.Escape && code !== monaco.KeyCode.Tab && code !== monaco.KeyCode.Shift) leaveMode(false);
    });
    return () => {
      leftEditor.dispose();
      typed.dispose();
      paste.dispose();
      binding.destroy();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
    // The editor lives as long as the shared text; the other props are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, awareness]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly, readOnlyMessage: { value: readOnlyReason(label) } });
  }, [readOnly, label]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) monaco.editor.setModelLanguage(model, language);
  }, [language]);

  useEffect(() => {
    monaco.editor.setTheme(monacoTheme(theme === "dark"));
  }, [theme]);

  return (
    <div className="relative h-full min-h-0 w-full" data-testid={testId} data-readonly={readOnly ? "true" : "false"}>
      <style>{remoteCursorCss(states, awareness.clientID)}</style>
      <div ref={host} className="absolute inset-0" />
    </div>
  );
}

function readOnlyReason(label: string): string {
  return `${label} is read-only for you.`;
}
