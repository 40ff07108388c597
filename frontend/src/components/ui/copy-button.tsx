import { useState } from "react";

import { Button, type ButtonProps } from "./button";

/** Copies `text`; falls back to selecting a prompt when the clipboard API is refused (http pages). */
export function CopyButton({ text, label, ...rest }: { text: string; label: string } & ButtonProps) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      window.prompt("Copy this link:", text);
    }
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2000);
  };
  return (
    <Button variant="secondary" size="sm" onClick={() => void copy()} {...rest}>
      <span aria-live="polite">{copied ? "Copied" : label}</span>
    </Button>
  );
}
