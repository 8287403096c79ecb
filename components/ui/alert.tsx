import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

const alertVariants = cva("rounded-lg px-4 py-3 text-sm ring-1", {
  variants: {
    tone: {
      success: "bg-emerald-50 text-emerald-900 ring-emerald-200",
      info: "bg-slate-100 text-slate-700 ring-slate-200",
      warning: "bg-amber-50 text-amber-900 ring-amber-200",
      error: "bg-red-50 text-red-800 ring-red-200",
    },
  },
  defaultVariants: { tone: "info" },
});

export type AlertTone = NonNullable<VariantProps<typeof alertVariants>["tone"]>;

/**
 * A tinted message box. Errors are announced at once (role "alert"), the rest politely
 * (role "status"); pass `role` to override.
 */
export function Alert({ tone = "info", className, ...props }: ComponentProps<"div"> & { tone?: AlertTone }) {
  return <div role={tone === "error" ? "alert" : "status"} className={cn(alertVariants({ tone }), className)} {...props} />;
}
