import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "@/lib/cn";

/** A white panel; as a `<section>` when it carries its own heading (aria-labelledby). */
export function Card({ children, className, padded = true, ...rest }: { children: ReactNode; className?: string; padded?: boolean } & HTMLAttributes<HTMLElement>) {
  const Tag = rest["aria-labelledby"] ? "section" : "div";
  return (
    <Tag className={cn("rounded-2xl bg-white shadow-sm ring-1 ring-slate-200", padded && "p-6", className)} {...rest}>
      {children}
    </Tag>
  );
}
