import type { ActionState } from "@/lib/action-state";
import { ActionMessage } from "@/components/ui/action-message";

/**
 * The server's error about one field, without its "field: " prefix (the label already names it).
 * A list field's error may name an entry ("scopes.0"): it belongs to the list's field too.
 */
export function errorFor(state: ActionState, field: string): string | undefined {
  if (state.status !== "error" || !state.field) return undefined;
  if (state.field !== field && !state.field.startsWith(`${field}.`)) return undefined;
  const prefix = `${state.field}: `;
  return state.message.startsWith(prefix) ? state.message.slice(prefix.length) : state.message;
}

/** The error shown under its field; the field points at it with aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-xs font-medium text-red-700">
      {message}
    </p>
  );
}

/**
 * The outcome of the form's last action, unless it is an error already shown under one of the
 * form's `fields` (an error about a hidden id, or none at all, shows here).
 */
export function FormMessage({ state, fields }: { state: ActionState; fields: readonly string[] }) {
  if (fields.some((field) => errorFor(state, field))) return null;
  return <ActionMessage state={state} />;
}
