import { cva, type VariantProps } from "class-variance-authority";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";
import { statusLabel, statusTone } from "@/lib/format/status";

const badgeVariants = cva("inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", {
  variants: {
    tone: {
      green: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
      amber: "bg-amber-50 text-amber-900 ring-amber-600/25",
      red: "bg-red-50 text-red-700 ring-red-600/20",
      blue: "bg-sky-50 text-sky-700 ring-sky-600/20",
      slate: "bg-slate-100 text-slate-700 ring-slate-500/20",
      brand: "bg-brand-50 text-brand-700 ring-brand-600/20",
    },
  },
  defaultVariants: { tone: "slate" },
});

export type Tone = NonNullable<VariantProps<typeof badgeVariants>["tone"]>;

export function Badge({ tone, className, children }: { tone?: Tone; className?: string; children: ReactNode }) {
  return <span className={cn(badgeVariants({ tone }), className)}>{children}</span>;
}

/**
 * A state in the app's one vocabulary (the same words for people and admins), with its colour;
 * the word carries the meaning, not the colour alone.
 */
export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={statusTone(status)}>{statusLabel(status)}</Badge>;
}
