import { z } from "zod";
import { DomainError } from "./domain-error";

/** Parses input with zod; the first problem becomes an invalid_input error naming the field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // An unknown key is named like any field at fault, so a caller sees which one to drop.
  const unknown = issue?.code === "unrecognized_keys" ? issue.keys[0] : undefined;
  const field = [...(issue?.path ?? []), ...(unknown === undefined ? [] : [unknown])].join(".") || undefined;
  const message = unknown === undefined ? issue?.message : "is not a known parameter";
  throw new DomainError("invalid_input", field ? `${field}: ${message}` : (message ?? "Invalid input"), { field });
}

/**
 * The id of the record a form acts on (a hidden input). Only its shape is checked here: whether
 * the caller may touch the record is the domain function's business, never the form's.
 */
export const recordId = z.string({ error: "is required" }).trim().min(1, "is required").max(200, "is not a valid id");
