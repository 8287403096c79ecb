import Link from "next/link";
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { cn } from "@/lib/cn";
import { buttonClasses } from "./button-classes";
import { FieldError } from "./field-error";

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

/** What a field says about the server's refusal: the error under it, and the attributes that point there. */
function errorProps(id: string, error: string | undefined) {
  return { "aria-invalid": Boolean(error) || undefined, "aria-describedby": error ? `${id}-error` : undefined };
}

type FieldProps = { name: string; label: ReactNode; /** defaults to `name` */ id?: string; /** the server's refusal of this field (see errorFor) */ error?: string };

/** A labelled input whose id (unless given) and name are `name`, with the server's error about it underneath. */
export function TextField({ name, label, id = name, error, className, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Labelled id={id} label={label} className={className}>
      <input id={id} name={name} className={fieldClasses} {...errorProps(id, error)} {...input} />
      <FieldError id={`${id}-error`} message={error} />
    </Labelled>
  );
}

/** The same for several lines (in a monospace face: the app's textareas hold URIs, one per line). */
export function TextAreaField({ name, label, id = name, error, className, ...textarea }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Labelled id={id} label={label} className={className}>
      <textarea id={id} name={name} className={`${fieldClasses} font-mono`} {...errorProps(id, error)} {...textarea} />
      <FieldError id={`${id}-error`} message={error} />
    </Labelled>
  );
}

/**
 * Checkboxes of one name under a legend, each with an optional hint, and the server's error
 * about the list (or one of its entries) underneath.
 */
export function CheckboxGroup({
  name,
  legend,
  options,
  checked,
  error,
}: {
  name: string;
  legend: ReactNode;
  options: readonly { value: string; label: ReactNode; hint?: ReactNode }[];
  checked: (value: string) => boolean;
  error?: string;
}) {
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="text-xs font-medium text-slate-600">{legend}</legend>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        {options.map((option) => (
          <label key={option.value} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name={name}
              value={option.value}
              defaultChecked={checked(option.value)}
              className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
            />
            <span className="min-w-0">
              <span className="block font-mono text-xs font-semibold break-all text-slate-900">{option.label}</span>
              {option.hint && <span className="block text-xs text-slate-600">{option.hint}</span>}
            </span>
          </label>
        ))}
      </div>
      <FieldError id={`${name}-error`} message={error} />
    </fieldset>
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
