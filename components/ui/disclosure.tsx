import type { ReactNode } from "react";
import { cn } from "@/lib/cn";
import { buttonClasses, type Variant } from "./button-classes";

/**
 * A confirmation step that needs no JavaScript: a button-like summary opens the form under it
 * (a native <details>), so one stray click never acts. `closeLabel` replaces the summary's
 * text while open, so the same place closes it again.
 */
export function Disclosure({
  label,
  closeLabel = "Cancel",
  variant = "secondary",
  summaryClassName,
  className,
  children,
}: {
  label: ReactNode;
  closeLabel?: ReactNode;
  variant?: Variant;
  summaryClassName?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <details className={cn("group", className)}>
      <summary className={buttonClasses(variant, cn("cursor-pointer list-none [&::-webkit-details-marker]:hidden", summaryClassName))}>
        <span className="group-open:hidden">{label}</span>
        <span className="hidden group-open:inline">{closeLabel}</span>
      </summary>
      <div className="mt-3">{children}</div>
    </details>
  );
}
