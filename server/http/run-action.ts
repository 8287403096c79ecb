import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { ActionState } from "@/lib/action-state";
import { DomainError } from "@/server/errors/domain-error";
import { describeError } from "./api-error";
import { NUL_MESSAGE } from "./nul-characters";

/**
 * Runs a server action's work and turns a failure into the state its form shows: the same
 * messages a route handler would answer with (describeError), never internals. Next's own
 * control flow (redirect(), notFound()) passes through. `work` resolves to the success message.
 */
export async function runAction(work: () => Promise<string>): Promise<ActionState> {
  try {
    return { status: "done", message: await work() };
  } catch (error) {
    unstable_rethrow(error);
    const { message, field, retryable } = describeError(error);
    return { status: "error", message, ...(field && { field }), ...(retryable && { retryable }) };
  }
}

/**
 * A form field as a string ("" when absent or a file): actions then validate it with zod. A NUL
 * is refused here, naming the field, as readJson refuses it in JSON bodies: PostgreSQL cannot
 * store one, so it would otherwise fail later as a 500.
 */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  if (typeof value !== "string") return "";
  if (value.includes("\u0000")) throw new DomainError("invalid_input", `${name}: ${NUL_MESSAGE}`, { field: name });
  return value;
}
