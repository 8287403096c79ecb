import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { ActionState } from "@/lib/action-state";
import { z } from "zod";
import { DomainError } from "@/server/errors/domain-error";
import { parseInput, recordId } from "@/server/errors/parse-input";
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

/**
 * A textarea's lines, blank ones too, so the server's "line N" matches what the person sees (a
 * schema skips the blank ones); trailing blank lines are dropped first.
 */
export function formLines(form: FormData, name: string): string[] {
  return formText(form, name).replace(/\s+$/, "").split(/\r\n|\r|\n/);
}

/** The values of the checked boxes of one name: the schema then refuses any it does not know. */
export function formValues(form: FormData, name: string): string[] {
  return form.getAll(name).filter((value): value is string => typeof value === "string");
}

/** A field as typed, to give back to the form after a refusal (NULs dropped: formText refused them). */
export function formTyped(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.replaceAll("\u0000", "") : "";
}

/** The id of the record a form acts on (a hidden input), checked for shape only: see `recordId`. */
export function formRecordId(form: FormData, name: string): string {
  return parseInput(z.object({ [name]: recordId }), { [name]: formText(form, name) })[name] as string;
}
