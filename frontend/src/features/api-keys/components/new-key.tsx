import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

import type { ApiKeyCreated } from "../api/api-keys";

/** A key just made: shown this once, with a copy button. */
export function NewKey({ created, onDone }: { created: ApiKeyCreated; onDone: () => void }) {
  return (
    <Alert tone="info" className="space-y-2">
      <p>
        Your new key <strong>{created.name}</strong>. Copy it now: it is not shown again.
      </p>
      <code className="block break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 dark:bg-slate-900 dark:text-slate-100" data-testid="new-api-key">
        {created.key}
      </code>
      <div className="flex gap-2">
        <CopyButton text={created.key} label="Copy key" />
        <Button size="sm" variant="secondary" onClick={onDone}>
          Done
        </Button>
      </div>
    </Alert>
  );
}
