import { type FormEvent, type ReactNode, useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { ApiError } from "@/lib/api-client";
import { type LanguageOption, languageForProblem } from "@/lib/languages";

import { createRoom } from "../api/create-room";
import type { Room } from "../types";

export function CreateRoomForm({
  languages,
  problemId,
  problemLanguages = [],
  problemPicker,
  onCreated,
}: {
  languages: LanguageOption[];
  problemId: string | null;
  /** The picked problem's starter languages: picking a problem switches to one of them. */
  problemLanguages?: string[];
  /** The problem bank's picker, absent when the server has no problem bank. */
  problemPicker?: ReactNode;
  onCreated: (room: Room) => void;
}) {
  const [title, setTitle] = useState("");
  const [language, setLanguage] = useState(
    () => languages.find((l) => l.id === "python")?.id ?? languages[0]?.id ?? "python",
  );
  const [pickedProblem, setPickedProblem] = useState(problemId);
  if (pickedProblem !== problemId) {
    // A problem was just picked: start in a language it has starter code for (adjusting state
    // while rendering, as React recommends over an effect); the select can change it after.
    setPickedProblem(problemId);
    setLanguage(languageForProblem(language, problemLanguages, languages));
  }
  const [titleError, setTitleError] = useState<string>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!title.trim()) {
      setTitleError("Give the room a title.");
      return;
    }
    setTitleError(undefined);
    setBusy(true);
    try {
      onCreated(await createRoom({ title: title.trim(), language, problem_id: problemId }));
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : "Could not reach the server.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="space-y-3" aria-label="Create a room">
      {error && <Alert>{error}</Alert>}
      <TextField label="Title" autoFocus value={title} maxLength={200} error={titleError} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Backend interview — Ada" />
      <SelectField label="Language" value={language} onChange={(e) => setLanguage(e.target.value)}>
        {languages.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </SelectField>
      {problemPicker}
      <Button type="submit" busy={busy}>
        Create room
      </Button>
    </form>
  );
}
