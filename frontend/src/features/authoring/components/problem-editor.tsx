import { type FormEvent, useState } from "react";
import Markdown from "react-markdown";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextArea, TextField } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { Tabs } from "@/components/ui/tabs";
import { ApiError } from "@/lib/api-client";
import type { LanguageOption } from "@/lib/languages";

import { createProblem, updateProblem } from "../api/problems";
import {
  COMPARISONS,
  type Difficulty,
  type EditorState,
  type TestRow,
  draftFromState,
  emptyTest,
  rejectionOf,
  slugFromTitle,
} from "../draft";
import type { ProblemForEditing, ReferenceRejection } from "../types";
import { ReferenceRejectionView } from "./reference-rejection";

type Props = {
  initial: EditorState;
  problemId: string | null;
  languages: LanguageOption[];
  onSaved: (saved: ProblemForEditing) => void;
};

/** The problem form: saving judges the reference solution on the server first. */
export function ProblemEditor({ initial, problemId, languages, onSaved }: Props) {
  const [state, setState] = useState<EditorState>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rejection, setRejection] = useState<ReferenceRejection | null>(null);
  const set = (changes: Partial<EditorState>) => setState((current) => ({ ...current, ...changes }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setRejection(null);
    try {
      const draft = draftFromState(state);
      onSaved(problemId === null ? await createProblem(draft) : await updateProblem(problemId, draft));
    } catch (caught) {
      const refused = caught instanceof ApiError ? rejectionOf(caught.body) : null;
      if (refused) setRejection(refused);
      else setError(caught instanceof ApiError ? caught.detail : "Could not reach the server. Try again.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="space-y-4" aria-label="Problem">
      <Panel title="Problem">
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Title"
            required
            maxLength={200}
            value={state.title}
            onChange={(e) => set({ title: e.target.value, ...(problemId === null && state.slug === slugFromTitle(state.title) ? { slug: slugFromTitle(e.target.value) } : {}) })}
          />
          <TextField
            label="Slug"
            required
            maxLength={64}
            disabled={problemId !== null}
            hint={problemId === null ? "Lowercase words joined by -; it cannot change later." : "A problem's slug cannot change."}
            value={state.slug}
            onChange={(e) => set({ slug: e.target.value })}
          />
          <SelectField label="Difficulty" value={state.difficulty} onChange={(e) => set({ difficulty: e.target.value as Difficulty })}>
            <option value="easy">Easy</option>
            <option value="medium">Medium</option>
            <option value="hard">Hard</option>
          </SelectField>
          <TextField label="Tags" hint="Separated by commas." value={state.tags} onChange={(e) => set({ tags: e.target.value })} />
          <TextField label="Time limit (ms)" inputMode="numeric" hint="100 to 20000, per test." value={state.timeLimitMs} onChange={(e) => set({ timeLimitMs: e.target.value })} />
          <TextField label="Memory limit (MB)" inputMode="numeric" hint="16 to 2048, per test." value={state.memoryLimitMb} onChange={(e) => set({ memoryLimitMb: e.target.value })} />
          <SelectField label="Comparison" value={state.comparison} onChange={(e) => set({ comparison: e.target.value as EditorState["comparison"] })}>
            {COMPARISONS.map((mode) => (
              <option key={mode.id} value={mode.id}>
                {mode.label}
              </option>
            ))}
          </SelectField>
        </div>
      </Panel>
      <StatementEditor value={state.statement} onChange={(statement) => set({ statement })} />
      <StarterEditor state={state} languages={languages} set={set} />
      <TestsEditor tests={state.tests} onChange={(tests) => set({ tests })} />
      <Panel title="Reference solution">
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">Saving runs it on every test; the problem is saved only if it passes them all.</p>
        <div className="space-y-3">
          <SelectField label="Language of the reference solution" value={state.referenceLanguage} onChange={(e) => set({ referenceLanguage: e.target.value })}>
            {languages.map((language) => (
              <option key={language.id} value={language.id}>
                {language.name}
              </option>
            ))}
          </SelectField>
          <TextArea label="Reference solution code" rows={10} spellCheck={false} value={state.referenceSource} onChange={(e) => set({ referenceSource: e.target.value })} />
        </div>
      </Panel>
      {error && <Alert>{error}</Alert>}
      {rejection && <ReferenceRejectionView rejection={rejection} />}
      <Button type="submit" busy={busy}>
        {busy ? "Judging the reference solution…" : "Save problem"}
      </Button>
    </form>
  );
}

function StatementEditor({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [tab, setTab] = useState<"write" | "preview">("write");
  return (
    <Tabs
      label="Problem statement"
      tabs={[
        { id: "write", label: "Statement (Markdown)" },
        { id: "preview", label: "Preview" },
      ]}
      active={tab}
      onChange={setTab}
    >
      {tab === "write" ? (
        <TextArea label="Statement" hideLabel rows={12} value={value} onChange={(e) => onChange(e.target.value)} hint="Say exactly what the program reads and prints." />
      ) : (
        <div className="prose-statement min-h-24 space-y-2 text-sm leading-relaxed" data-testid="statement-preview">
          {value.trim() ? <Markdown>{value}</Markdown> : <p className="text-slate-500">Nothing to preview yet.</p>}
        </div>
      )}
    </Tabs>
  );
}

function StarterEditor({ state, languages, set }: { state: EditorState; languages: LanguageOption[]; set: (changes: Partial<EditorState>) => void }) {
  const unused = languages.filter((language) => !state.starters.some((row) => row.language === language.id));
  const [adding, setAdding] = useState("");
  const chosen = unused.find((language) => language.id === adding) ?? unused[0];
  const name = (id: string) => languages.find((language) => language.id === id)?.name ?? id;
  return (
    <Panel title="Starter code">
      <div className="space-y-3">
        {state.starters.map((row, index) => (
          <div key={row.language} className="space-y-1">
            <TextArea
              label={`Starter code: ${name(row.language)}`}
              rows={5}
              spellCheck={false}
              value={row.code}
              onChange={(e) => set({ starters: state.starters.map((other, i) => (i === index ? { ...other, code: e.target.value } : other)) })}
            />
            <Button variant="ghost" size="sm" onClick={() => set({ starters: state.starters.filter((_, i) => i !== index) })}>
              Remove {name(row.language)} starter
            </Button>
          </div>
        ))}
        {chosen && (
          <div className="flex flex-wrap items-end gap-2">
            <SelectField label="Language for starter code" value={chosen.id} onChange={(e) => setAdding(e.target.value)}>
              {unused.map((language) => (
                <option key={language.id} value={language.id}>
                  {language.name}
                </option>
              ))}
            </SelectField>
            <Button variant="secondary" onClick={() => set({ starters: [...state.starters, { language: chosen.id, code: "" }] })}>
              Add starter code
            </Button>
          </div>
        )}
      </div>
    </Panel>
  );
}

function TestsEditor({ tests, onChange }: { tests: TestRow[]; onChange: (tests: TestRow[]) => void }) {
  const change = (index: number, changes: Partial<TestRow>) => onChange(tests.map((test, i) => (i === index ? { ...test, ...changes } : test)));
  return (
    <Panel title="Tests">
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">Visible tests are shown with the statement; hidden ones only to staff and admins.</p>
      <ol className="space-y-4">
        {tests.map((test, index) => (
          <li key={index} className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700" aria-label={`Test ${index + 1}`}>
            <div className="flex flex-wrap items-end gap-3">
              <TextField label={`Test ${index + 1} name`} className="min-w-0 flex-1" maxLength={100} value={test.name} onChange={(e) => change(index, { name: e.target.value })} />
              <label className="flex items-center gap-2 pb-2 text-sm">
                <input type="checkbox" checked={test.visible} onChange={(e) => change(index, { visible: e.target.checked })} />
                Visible (a sample)
              </label>
              <Button variant="ghost" size="sm" disabled={tests.length === 1} onClick={() => onChange(tests.filter((_, i) => i !== index))}>
                Remove test {index + 1}
              </Button>
            </div>
            <div className="grid gap-2 sm:grid-cols-2">
              <TextArea label={`Test ${index + 1} input`} rows={3} spellCheck={false} value={test.input} onChange={(e) => change(index, { input: e.target.value })} />
              <TextArea label={`Test ${index + 1} expected output`} rows={3} spellCheck={false} value={test.output} onChange={(e) => change(index, { output: e.target.value })} />
            </div>
          </li>
        ))}
      </ol>
      <Button variant="secondary" className="mt-3" onClick={() => onChange([...tests, emptyTest()])}>
        Add a test
      </Button>
    </Panel>
  );
}
