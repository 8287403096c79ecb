import { z } from "zod";
import { DomainError } from "./domain-error";

/** Parses input with zod; the first problem becomes an invalid_input error naming the field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") || undefined;
  throw new DomainError("invalid_input", field ? `${field}: ${issue?.message}` : (issue?.message ?? "Invalid input"), { field });
}
