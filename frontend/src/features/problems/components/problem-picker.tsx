import { useId, useState } from "react";

import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/lib/cn";

import { matchesQuery } from "../search";
import type { ProblemSummary } from "../types";

export function difficultyTone(difficulty: string | undefined): BadgeTone {
  switch (difficulty?.toLowerCase()) {
    case "easy":
      return "green";
    case "medium":
      return "amber";
    case "hard":
      return "red";
    default:
      return "neutral";
  }
}

/** A searchable single choice among the bank's problems (radio group: arrow keys move). */
export function ProblemPicker({
  problems,
  value,
  onChange,
}: {
  problems: ProblemSummary[];
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const [query, setQuery] = useState("");
  const id = useId();
  const shown = problems.filter((p) => matchesQuery(p, query));
  return (
    <fieldset className="min-w-0 space-y-2">
      <legend className="mb-1 text-sm font-medium">Problem (optional)</legend>
      <label htmlFor={`${id}-search`} className="sr-only">
        Search problems
      </label>
      <input
        id={`${id}-search`}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder="Search by title, tag or difficulty"
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900"
      />
      <div className="max-h-48 overflow-y-auto rounded-md border border-slate-200 dark:border-slate-700">
        <Option name={id} checked={value === null} onSelect={() => onChange(null)} title="No problem (free coding)" />
        {shown.map((p) => (
          <Option key={p.id} name={id} checked={value === p.id} onSelect={() => onChange(p.id)} title={p.title}>
            {p.difficulty && <Badge tone={difficultyTone(p.difficulty)}>{p.difficulty}</Badge>}
            {p.tags.slice(0, 3).map((t) => (
              <span key={t} className="text-xs text-slate-500 dark:text-slate-400">
                #{t}
              </span>
            ))}
          </Option>
        ))}
        {shown.length === 0 && <p className="px-3 py-2 text-sm text-slate-500">No problem matches “{query}”.</p>}
      </div>
    </fieldset>
  );
}

function Option({
  name,
  checked,
  onSelect,
  title,
  children,
}: {
  name: string;
  checked: boolean;
  onSelect: () => void;
  title: string;
  children?: React.ReactNode;
}) {
  return (
    <label
      className={cn(
        "flex cursor-pointer flex-wrap items-center gap-x-2 gap-y-0.5 px-3 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800",
        checked && "bg-sky-50 dark:bg-sky-950",
      )}
    >
      <input type="radio" name={name} checked={checked} onChange={onSelect} className="accent-sky-700" />
      <span className="min-w-[8rem] flex-1 break-words">{title}</span>
      {children}
    </label>
  );
}
