import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

// scroll-mt keeps a heading reached through the table of contents clear of the sticky site header.
const ANCHORED = "scroll-mt-24";

/** A top-level part of the reference (an h2), the target of a table-of-contents link. */
export function DocSection({ id, title, children, className }: { id: string; title: string; children: ReactNode; className?: string }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className={cn(ANCHORED, "space-y-4", className)}>
      <h2 id={`${id}-title`} className="text-2xl font-bold tracking-tight text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A part within a section (an h3), also linkable. */
export function DocSubsection({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className={cn(ANCHORED, "space-y-3")}>
      <h3 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** Body text of the reference: readable line length, links that look like links. */
export function Prose({ children }: { children: ReactNode }) {
  return <div className="max-w-3xl space-y-3 text-sm leading-6 text-slate-700 [&_a]:font-medium [&_a]:text-brand-700 [&_a]:underline [&_a]:underline-offset-2">{children}</div>;
}
