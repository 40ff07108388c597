import Markdown from "react-markdown";

import { Badge } from "@/components/ui/badge";

import type { Problem } from "../types";
import { difficultyTone } from "./problem-picker";

export function ProblemStatement({ problem }: { problem: Problem }) {
  return (
    <article className="space-y-3 text-sm" aria-label={problem.title}>
      <div className="flex items-center gap-2">
        <h3 className="text-base font-semibold">{problem.title}</h3>
        {problem.difficulty && <Badge tone={difficultyTone(problem.difficulty)}>{problem.difficulty}</Badge>}
      </div>
      <div className="prose-statement space-y-2 leading-relaxed">
        <Markdown>{problem.statement}</Markdown>
      </div>
      {problem.samples.length > 0 && (
        <div className="space-y-2">
          <h4 className="font-semibold">Examples</h4>
          {problem.samples.map((sample, i) => (
            <div key={i} className="grid grid-cols-2 gap-2">
              <div>
                <div className="text-xs text-slate-500 dark:text-slate-400">Input {i + 1}</div>
                <pre className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-950">{sample.input}</pre>
              </div>
              <div>
                <div className="text-xs text-slate-500 dark:text-slate-400">Expected output</div>
                <pre className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-950">{sample.output}</pre>
              </div>
            </div>
          ))}
        </div>
      )}
    </article>
  );
}
