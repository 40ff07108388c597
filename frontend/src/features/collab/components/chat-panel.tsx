import { type FormEvent, useEffect, useRef, useState } from "react";

import { Button } from "@/components/ui/button";
import { safeColor } from "../remote-cursors";
import { ApiError } from "@/lib/api-client";
import { type ChatMessage, chatBody } from "../shared-doc";

/** Every member may chat, observers and candidates after the end included (the server checks). */
export function ChatPanel({ messages, onSend }: { messages: ChatMessage[]; onSend: (text: string) => Promise<void> }) {
  const [draft, setDraft] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [messages.length]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = chatBody(draft);
    if (body === null || sending) return;
    setSending(true);
    setError(null);
    try {
      await onSend(body);
      setDraft("");
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? "You are sending too fast; wait a moment." : "The message could not be sent.");
    } finally {
      setSending(false);
    }
  };
  return (
    <div className="flex h-full min-h-0 flex-col gap-2">
      <ol ref={list} className="min-h-0 flex-1 space-y-1.5 overflow-y-auto text-sm" aria-label="Chat messages" aria-live="polite">
        {messages.length === 0 && <li className="text-slate-500 dark:text-slate-400">No messages yet.</li>}
        {messages.map((m) => (
          <li key={m.id}>
            <span aria-hidden="true" className="mr-1 inline-block h-2 w-2 rounded-full" style={{ backgroundColor: safeColor(m.color) }} />
            <span className="font-semibold">{m.name}</span>{" "}
            <time className="text-xs text-slate-500 dark:text-slate-400" dateTime={new Date(m.at).toISOString()}>
              {new Date(m.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
            </time>
            <p className="whitespace-pre-wrap break-words">{m.text}</p>
          </li>
        ))}
      </ol>
      <form onSubmit={(event) => void submit(event)} className="flex flex-wrap gap-2">
          <label htmlFor="chat-input" className="sr-only">
            Message
          </label>
          <input
            id="chat-input"
            value={draft}
            maxLength={2000}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="Message the room"
            className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-950"
          />
          <Button type="submit" size="sm" variant="secondary" disabled={sending}>
            Send
          </Button>
          {error && (
            <p role="alert" className="w-full text-xs text-red-700 dark:text-red-400">
              {error}
            </p>
          )}
        </form>
    </div>
  );
}
