// Shared by <Button> (a client component) and server-rendered links styled as buttons.
import { cva, type VariantProps } from "class-variance-authority";
import { cn } from "@/lib/cn";

export const buttonVariants = cva(
  "inline-flex items-center justify-center gap-2 rounded-lg px-4 py-2.5 text-sm font-semibold transition-colors disabled:cursor-not-allowed",
  {
    variants: {
      variant: {
        primary: "bg-brand-600 text-white hover:bg-brand-700 shadow-sm disabled:bg-brand-600/60",
        secondary: "bg-white text-slate-900 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 shadow-sm",
        ghost: "text-slate-700 hover:bg-slate-100",
        danger: "bg-red-600 text-white hover:bg-red-700 shadow-sm",
      },
    },
    defaultVariants: { variant: "primary" },
  },
);

export type Variant = NonNullable<VariantProps<typeof buttonVariants>["variant"]>;

/** A button's classes; `extra` wins where it sets the same thing (padding, colour, width). */
export function buttonClasses(variant: Variant = "primary", extra?: string) {
  return cn(buttonVariants({ variant }), extra);
}
