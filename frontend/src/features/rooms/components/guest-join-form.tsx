import { type FormEvent, useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ApiError } from "@/lib/api-client";

import { joinAsGuest } from "../api/join-as-guest";
import type { GuestJoined } from "../types";

export const GUEST_NAME_MAX = 64;

/** The name a guest may use, trimmed, or why not (the server checks the same rules). */
export function guestNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return "Enter your name.";
  if ([...trimmed].length > GUEST_NAME_MAX) return `At most ${GUEST_NAME_MAX} characters.`;
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(trimmed)) return "Use letters, digits and spaces.";
  return null;
}

function joinMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 410) return "This invite link has expired or been used up. Ask for a new one.";
    if (error.status === 429) return "Too many joins from this network; wait a moment and try again.";
    return error.detail;
  }
  return "Could not reach the server.";
}

/** "Join as guest": a name, nothing else. The name field takes the focus first. */
export function GuestJoinForm({ token, onJoined }: { token: string; onJoined: (joined: GuestJoined) => void }) {
  const [name, setName] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = guestNameProblem(name);
    setFieldError(problem ?? undefined);
    setError(null);
    if (problem) return;
    setBusy(true);
    try {
      onJoined(await joinAsGuest(token, name.trim()));
    } catch (err) {
      setError(joinMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="space-y-3" aria-label="Join as guest">
      {error && <Alert>{error}</Alert>}
      <TextField
        label="Your name"
        autoComplete="name"
        autoFocus
        maxLength={GUEST_NAME_MAX}
        hint="Shown to everyone in the room."
        value={name}
        error={fieldError}
        onChange={(e) => setName(e.target.value)}
      />
      <Button type="submit" busy={busy} className="w-full">
        Join as guest
      </Button>
    </form>
  );
}
