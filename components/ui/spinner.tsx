import { cn } from "@/lib/cn";

/** A small spinning ring in the current text colour, beside words that say what is happening. */
export function Spinner({ className }: { className?: string }) {
  return <span aria-hidden className={cn("h-4 w-4 animate-spin rounded-full border-2 border-current border-r-transparent", className)} />;
}
