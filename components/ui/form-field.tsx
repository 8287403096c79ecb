import Link from "next/link";
import type { InputHTMLAttributes, ReactNode } from "react";
import { cn } from "@/lib/cn";
import { buttonClasses } from "./button-classes";

/** The look of a text input or select in the app's forms. */
export const fieldClasses = "mt-1 block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600";

function Labelled({ id, label, className, children }: { id: string; label: ReactNode; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A labelled input whose id and name are `name`. */
export function TextField({ name, label, className, ...input }: { name: string; label: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Labelled id={name} label={label} className={className}>
      <input id={name} name={name} className={fieldClasses} {...input} />
    </Labelled>
  );
}

/** A labelled select of `options` ([value, label]) after an empty "any" choice, for filter forms. */
export function SelectField({
  name,
  label,
  anyLabel,
  options,
  defaultValue,
  className,
}: {
  name: string;
  label: ReactNode;
  anyLabel: string;
  options: readonly (readonly [value: string, label: string])[];
  defaultValue?: string;
  className?: string;
}) {
  return (
    <Labelled id={name} label={label} className={className}>
      <select id={name} name={name} defaultValue={defaultValue ?? ""} className={fieldClasses}>
        <option value="">{anyLabel}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

/** A filter form's buttons: submit, and a link back to the unfiltered page when `clearHref` is given. */
export function FilterButtons({ submitLabel = "Filter", clearHref, className }: { submitLabel?: string; clearHref?: string | false; className?: string }) {
  return (
    <div className={cn("flex flex-wrap gap-2", className)}>
      <button type="submit" className={buttonClasses("primary", "py-2")}>
        {submitLabel}
      </button>
      {clearHref && (
        <Link href={clearHref} className={buttonClasses("ghost", "py-2")}>
          Clear
        </Link>
      )}
    </div>
  );
}

/** The card a list's GET filter form sits in: its fields in a row from small screens up. */
export function FilterForm({ action, label, className, children }: { action: string; label: string; className?: string; children: ReactNode }) {
  return (
    <form method="get" action={action} role="search" aria-label={label} className={cn("flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:flex-row sm:items-end", className)}>
      {children}
    </form>
  );
}
