import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button, Spinner } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { type ApiKey, type ApiKeyCreated, createApiKey, revokeApiKey } from "@/features/api-keys/api/api-keys";
import { NewKey } from "@/features/api-keys/components/new-key";
import { apiKeyKeys, useApiKeys } from "@/features/api-keys/hooks/use-api-keys";

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : "never";
}

export function ApiKeysRoute() {
  const keys = useApiKeys();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.all });

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setCreated(await createApiKey(name.trim()));
      setName("");
      await refresh();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  const revoke = async (key: ApiKey) => {
    if (!window.confirm(`Revoke the key "${key.name}"? Programs using it stop working at once.`)) return;
    await revokeApiKey(key.id);
    await refresh();
  };

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-3xl space-y-3 p-3">
        <h1 className="text-lg font-semibold">API keys</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Keys let programs run code through this server's Judge0-compatible API: point a Judge0 client at <code>{`${window.location.origin}/judge0`}</code> and send the key in the <code>X-Auth-Token</code> header. A key acts as your account.
        </p>
        {created && <NewKey created={created} onDone={() => setCreated(null)} />}
        <form onSubmit={(event) => void create(event)} className="flex items-end gap-2">
          <TextField label="Key name" placeholder="e.g. grader" value={name} maxLength={100} required onChange={(event) => setName(event.target.value)} className="w-64" />
          <Button type="submit" size="sm" disabled={!name.trim()}>
            Create key
          </Button>
        </form>
        {error && <Alert>{error}</Alert>}
        {keys.error ? (
          <Alert>{keys.error.message}</Alert>
        ) : keys.isPending ? (
          <Spinner label="Loading keys" />
        ) : keys.data?.length === 0 ? (
          <p className="text-sm">No keys yet.</p>
        ) : (
          <ul className="space-y-2" aria-label="API keys">
            {keys.data?.map((key) => (
              <li key={key.id} className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800" data-testid="api-key">
                <div>
                  <h2 className="font-semibold">{key.name}</h2>
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    <code>{key.prefix}…</code> · created {when(key.created_at)} · last used {when(key.last_used_at)}
                  </p>
                </div>
                <Button size="sm" variant="danger" className="ml-auto" onClick={() => void revoke(key)} aria-label={`Revoke ${key.name}`}>
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
