import type { ReactNode } from "react";

export function Card({ children, className = "", padded = true }: { children: ReactNode; className?: string; padded?: boolean }) {
  return <div className={`rounded-2xl bg-white shadow-sm ring-1 ring-slate-200 ${padded ? "p-6" : ""} ${className}`}>{children}</div>;
}
