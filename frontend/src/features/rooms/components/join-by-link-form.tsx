import { type FormEvent, useState } from "react";

import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { inviteTokenFrom } from "@/lib/urls";

/** Paste an invite link (or its token); the /join/:token route does the joining. */
export function JoinByLinkForm({ onToken }: { onToken: (token: string) => void }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const token = inviteTokenFrom(text);
    if (token === null) {
      setError("Paste the invite link you were sent (it contains /join/…).");
      return;
    }
    setError(undefined);
    onToken(token);
  };
  return (
    <form noValidate onSubmit={submit} className="flex items-start gap-2" aria-label="Join by invite link">
      <TextField
        className="flex-1"
        label="Invite link"
        hideLabel
        placeholder="Paste an invite link"
        value={text}
        error={error}
        onChange={(e) => setText(e.target.value)}
      />
      <Button type="submit" variant="secondary">
        Join
      </Button>
    </form>
  );
}
