import { cx, type CxOptions } from "class-variance-authority";
import { twMerge } from "tailwind-merge";

/**
 * Joins class names; when two Tailwind classes set the same thing, the later argument wins
 * (a caller's "py-2" replaces a component's "py-2.5" instead of leaving both to the stylesheet).
 * Browser-safe.
 */
export function cn(...inputs: CxOptions): string {
  return twMerge(cx(inputs));
}
