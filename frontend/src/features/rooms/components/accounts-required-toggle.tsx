import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";

import { Alert } from "@/components/ui/alert";
import { ApiError } from "@/lib/api-client";

import { setAccountsRequired } from "../api/update-room";
import { roomKeys } from "../hooks/use-rooms";

/** "Require accounts to join": when on, invite links refuse guests (staff only; the server checks). */
export function AccountsRequiredToggle({ roomId, required }: { roomId: string; required: boolean }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = async (next: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const room = await setAccountsRequired(roomId, next);
      queryClient.setQueryData(roomKeys.one(roomId), (current: object | undefined) => ({ ...current, ...room }));
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : "Could not reach the server.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-1">
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          checked={required}
          disabled={busy}
          onChange={(e) => void change(e.currentTarget.checked)}
          aria-describedby={`${id}-hint`}
          className="mt-0.5 h-4 w-4 accent-sky-700"
        />
        <label htmlFor={id} className="text-sm font-medium">
          Require accounts to join
        </label>
      </div>
      <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
        {required ? "Invitees must log in or sign up." : "Invitees may join as guests with just a name."}
      </p>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
