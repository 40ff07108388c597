import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ApiError } from "@/lib/api-client";

import { createInvite } from "../api/create-invite";
import { AccountsRequiredToggle } from "./accounts-required-toggle";
import type { InvitableRole } from "../types";

const ROLES: { role: InvitableRole; label: string }[] = [
  { role: "candidate", label: "Candidate" },
  { role: "interviewer", label: "Interviewer" },
  { role: "observer", label: "Observer" },
];

/** One invite link per role the caller may grant (interviewer: the owner only), created on
 * demand, with a copy button. */
export function InvitePanel({ roomId, myRole, accountsRequired }: { roomId: string; myRole: string; accountsRequired: boolean }) {
  const roles = ROLES.filter(({ role }) => role !== "interviewer" || myRole === "owner");
  const [links, setLinks] = useState<Partial<Record<InvitableRole, string>>>({});
  const [busy, setBusy] = useState<InvitableRole | null>(null);
  const [error, setError] = useState<string | null>(null);

  const create = async (role: InvitableRole) => {
    setBusy(role);
    setError(null);
    try {
      const invite = await createInvite(roomId, role);
      setLinks((current) => ({ ...current, [role]: invite.url }));
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : "Could not reach the server.");
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="space-y-3">
      <AccountsRequiredToggle roomId={roomId} required={accountsRequired} />
      {error && <Alert>{error}</Alert>}
      <ul className="space-y-2">
        {roles.map(({ role, label }) => {
          const url = links[role];
          return (
            <li key={role} className="space-y-1">
              <span className="block text-sm font-medium">{label}</span>
              {url ? (
                <div className="flex items-center gap-2">
                  <input
                    readOnly
                    value={url}
                    aria-label={`${label} invite link`}
                    data-testid={`invite-link-${role}`}
                    onFocus={(e) => e.currentTarget.select()}
                    className="min-w-0 flex-1 rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
                  />
                  <CopyButton text={url} label="Copy" aria-label={`Copy ${label.toLowerCase()} invite link`} />
                </div>
              ) : (
                <Button size="sm" variant="secondary" busy={busy === role} onClick={() => void create(role)}>
                  Create {label.toLowerCase()} link
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
