import type { KeyboardEvent, PointerEvent } from "react";

/**
 * A horizontal splitter between two stacked panels: drag it, or focus it and use the arrow keys
 * (Home/End for the limits). `value` is the lower panel's height in pixels.
 */
export function ResizeHandle({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (height: number) => void;
}) {
  const clamp = (h: number) => Math.round(Math.min(max, Math.max(min, h)));
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const startY = event.clientY;
    const start = value;
    const move = (e: globalThis.PointerEvent) => onChange(clamp(start + startY - e.clientY));
    const up = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 64 : 16;
    const next =
      event.key === "ArrowUp" ? value + step : event.key === "ArrowDown" ? value - step : event.key === "Home" ? max : event.key === "End" ? min : null;
    if (next === null) return;
    event.preventDefault();
    onChange(clamp(next));
  };
  return (
    <div
      role="separator"
      aria-orientation="horizontal"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      data-testid="run-resize"
      className="group flex h-2 cursor-row-resize touch-none items-center justify-center rounded focus-visible:outline-2 focus-visible:outline-sky-500"
    >
      <span aria-hidden="true" className="h-1 w-12 rounded-full bg-slate-300 group-hover:bg-sky-600 dark:bg-slate-600" />
    </div>
  );
}
