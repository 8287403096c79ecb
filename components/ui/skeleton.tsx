import { cn } from "@/lib/cn";

/** A grey placeholder block, pulsing, where content is on its way (loading.tsx). */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn("animate-pulse rounded-md bg-slate-200/80", className)} />;
}
