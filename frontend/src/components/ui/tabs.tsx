import type { ReactNode } from "react";

import { cn } from "@/lib/cn";

/** `badge`: a count shown on the tab (unread items), hidden when 0 or absent. */
export type TabItem<T extends string> = { id: T; label: string; badge?: number };

/** A tablist with arrow-key navigation (roving tabindex) and the active tab's panel. */
export function Tabs<T extends string>({
  label,
  tabs,
  active,
  onChange,
  children,
  className,
  panelClassName,
}: {
  label: string;
  tabs: TabItem<T>[];
  active: T;
  onChange: (id: T) => void;
  children: ReactNode;
  className?: string;
  panelClassName?: string;
}) {
  return (
    <section aria-label={label} className={cn("flex min-h-0 flex-col rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900", className)}>
      <div role="tablist" aria-label={label} className="flex overflow-x-auto border-b border-slate-200 dark:border-slate-800">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={active === t.id}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={active === t.id ? 0 : -1}
            onClick={() => onChange(t.id)}
            onKeyDown={(e) => {
              if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
              const i = tabs.findIndex((x) => x.id === active);
              const next = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
              if (next) {
                onChange(next.id);
                document.getElementById(`tab-${next.id}`)?.focus();
              }
            }}
            className={cn(
              "flex-1 whitespace-nowrap px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-sky-500",
              active === t.id ? "border-b-2 border-sky-600 text-sky-800 dark:text-sky-300" : "text-slate-600 dark:text-slate-400",
            )}
          >
            {t.label}
            {t.badge !== undefined && t.badge > 0 && (
              <span className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-sky-700 px-1.5 text-xs font-semibold text-white" data-testid={`tab-badge-${t.id}`}>
                {t.badge}
                <span className="sr-only"> unread</span>
              </span>
            )}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${active}`} aria-labelledby={`tab-${active}`} className={cn("min-h-0 flex-1 p-3", panelClassName)}>
        {children}
      </div>
    </section>
  );
}
