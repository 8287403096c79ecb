import type { ReactNode } from "react";

/**
 * An example to copy: preformatted, scrolling sideways on narrow screens rather than wrapping
 * (a wrapped curl line misleads), and focusable so the keyboard can scroll it too.
 */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <pre tabIndex={0} aria-label={label} className="overflow-x-auto rounded-xl bg-slate-900 p-4 text-xs leading-relaxed text-slate-100 shadow-sm">
      <code>{code}</code>
    </pre>
  );
}

/** An inline name from the API (a field, header or value), set apart from the prose. */
export function Code({ children }: { children: ReactNode }) {
  return <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] break-words text-slate-800">{children}</code>;
}
