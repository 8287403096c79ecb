import type { ReactNode } from "react";
import { Disclosure } from "./disclosure";
import { SubmitButton } from "./submit-button";

/**
 * A row action behind a confirmation step: the button opens a small form that says what will
 * happen and posts the record's id (and any extra fields) to `action`. A native <details>, so it
 * works before hydration and without JavaScript.
 */
export function ConfirmDisclosure({
  label,
  danger = false,
  action,
  hidden,
  prompt,
  submitLabel,
  pendingLabel,
  children,
}: {
  label: string;
  danger?: boolean;
  action: (form: FormData) => void;
  /** Hidden fields: the record's id, by the name the action reads it under. */
  hidden: Record<string, string>;
  prompt: ReactNode;
  submitLabel: string;
  pendingLabel: string;
  /** Fields between the prompt and the button (a reason). */
  children?: ReactNode;
}) {
  return (
    <Disclosure
      label={label}
      variant={danger ? "danger" : "secondary"}
      summaryClassName={danger ? "py-1.5 group-open:bg-white group-open:text-slate-900 group-open:ring-1 group-open:ring-slate-300" : "py-1.5"}
      className="md:text-right"
    >
      <form action={action} className="w-64 max-w-full space-y-2 text-left">
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p className="text-xs break-words text-slate-600">{prompt}</p>
        {children}
        <SubmitButton variant={danger ? "danger" : "primary"} className="py-1.5" pendingLabel={pendingLabel}>
          {submitLabel}
        </SubmitButton>
      </form>
    </Disclosure>
  );
}
