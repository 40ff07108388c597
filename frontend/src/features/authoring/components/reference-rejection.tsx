import { Alert } from "@/components/ui/alert";

import type { ReferenceRejection } from "../types";

function Text({ label, text }: { label: string; text: string | null | undefined }) {
  if (text === null || text === undefined) return null;
  return (
    <div className="min-w-0">
      <div className="text-xs font-medium">{label}</div>
      <pre className="max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-white/70 p-2 font-mono text-xs dark:bg-slate-950/70">{text || "(empty)"}</pre>
    </div>
  );
}

/** Why the save was refused: the reference solution's verdict and each test it failed. */
export function ReferenceRejectionView({ rejection }: { rejection: ReferenceRejection }) {
  return (
    <Alert className="space-y-3">
      <p className="font-semibold">
        Not saved: the reference solution passed {rejection.passed} of {rejection.total} tests ({rejection.verdict.replaceAll("_", " ")}).
      </p>
      {rejection.compile_output && <Text label="Compiler output" text={rejection.compile_output} />}
      <ul className="space-y-3" aria-label="Failed tests">
        {rejection.failed_tests.map((test) => (
          <li key={test.index} className="space-y-1">
            <p>
              Test {test.index + 1}
              {test.name ? ` (${test.name})` : ""}: {test.verdict.replaceAll("_", " ")}
            </p>
            <div className="grid gap-2 sm:grid-cols-3">
              <Text label="Input" text={test.input} />
              <Text label="Expected output" text={test.expected_output} />
              <Text label="The solution printed" text={test.stdout} />
            </div>
            {test.stderr ? <Text label="Errors" text={test.stderr} /> : null}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
