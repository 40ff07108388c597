import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { useProblems } from "@/features/problems/hooks/use-problems";
import { ApiError } from "@/lib/api-client";

import type { Template, TemplateCreate } from "../api/scorecards";

const MAX_ITEMS = 30;

/** Create or edit one rubric template: name, scope (a problem, the default, or neither), items. */
export function TemplateEditor({ initial, onSave, onCancel }: { initial?: Template; onSave: (body: TemplateCreate) => Promise<unknown>; onCancel?: () => void }) {
  const problems = useProblems();
  const [name, setName] = useState(initial?.name ?? "");
  const [problemId, setProblemId] = useState(initial?.problem_id ?? "");
  const [isDefault, setIsDefault] = useState(initial?.is_default ?? false);
  const [items, setItems] = useState(initial?.items.map((i) => ({ title: i.title, description: i.description ?? "" })) ?? [{ title: "", description: "" }]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setItem = (index: number, change: Partial<(typeof items)[number]>) => setItems(items.map((item, i) => (i === index ? { ...item, ...change } : item)));

  const save = async () => {
    if (!name.trim() || items.some((i) => !i.title.trim())) {
      setError("Give the template a name and every item a title.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSave({ name: name.trim(), problem_id: problemId || null, is_default: isDefault, items: items.map((i) => ({ title: i.title.trim(), description: i.description })) });
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : "Could not reach the server.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="space-y-3 text-sm" aria-label={initial ? `Edit ${initial.name}` : "New template"} onSubmit={(e) => e.preventDefault()}>
      <TextField label="Template name" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
      <SelectField label="For problem" value={problemId} onChange={(e) => setProblemId(e.target.value)}>
        <option value="">No problem (organisation-wide)</option>
        {problems.problems.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </SelectField>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} className="accent-sky-700" />
        The organisation's default (rooms whose problem has no template of its own)
      </label>
      <ol className="space-y-2">
        {items.map((item, index) => (
          <li key={index} className="flex flex-wrap items-end gap-2 rounded border border-slate-200 p-2 dark:border-slate-700">
            <TextField label={`Item ${index + 1} title`} className="min-w-0 flex-1" value={item.title} maxLength={120} onChange={(e) => setItem(index, { title: e.target.value })} />
            <TextField label={`Item ${index + 1} description`} className="min-w-0 flex-[2]" value={item.description} maxLength={1000} onChange={(e) => setItem(index, { description: e.target.value })} />
            <Button size="sm" variant="secondary" disabled={items.length === 1} onClick={() => setItems(items.filter((_, i) => i !== index))} aria-label={`Remove item ${index + 1}`}>
              Remove
            </Button>
          </li>
        ))}
      </ol>
      {error && <Alert>{error}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" disabled={items.length >= MAX_ITEMS} onClick={() => setItems([...items, { title: "", description: "" }])}>
          Add item
        </Button>
        <Button size="sm" busy={busy} onClick={() => void save()}>
          Save template
        </Button>
        {onCancel && (
          <Button size="sm" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
