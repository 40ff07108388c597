import { type FeedItem, describe } from "../feed";

/** The live integrity feed for the owner and interviewers: newest first. */
export function IntegrityFeed({ items }: { items: FeedItem[] }) {
  const newest = [...items].reverse();
  return (
    <div className="flex h-full min-h-0 flex-col gap-2">
      <p className="text-xs text-slate-600 dark:text-slate-400">Candidates' big pastes and tab switches, as they happen. Private to interviewers.</p>
      <ol className="min-h-0 flex-1 space-y-2 overflow-y-auto text-sm" aria-label="Integrity feed" aria-live="polite" data-testid="integrity-feed">
        {newest.length === 0 && <li className="text-slate-500 dark:text-slate-400">Nothing yet.</li>}
        {newest.map((item) => (
          <li key={item.id} data-kind={item.kind} className="break-words">
            <time className="mr-1 text-xs text-slate-500 dark:text-slate-400" dateTime={new Date(item.at).toISOString()}>
              {new Date(item.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })}
            </time>
            <span className={item.kind === "paste" ? "font-semibold text-amber-800 dark:text-amber-300" : ""}>{describe(item)}</span>
            {item.kind === "paste" && item.preview && (
              <pre className="mt-1 max-h-24 overflow-auto whitespace-pre-wrap rounded bg-slate-100 p-1.5 font-mono text-xs dark:bg-slate-950" aria-label="Paste preview">
                {item.preview}
              </pre>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
