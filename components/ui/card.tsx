import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

export function Card({ children, className, padded = true }: { children: ReactNode; className?: string; padded?: boolean }) {
  return <div className={cn("rounded-2xl bg-white shadow-sm ring-1 ring-slate-200", padded && "p-6", className)}>{children}</div>;
}
