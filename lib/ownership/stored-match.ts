// The ownership match as stored on an account (LinkedAccount.ownershipMatch) and the words the
// app shows for it, to the person and to admins. Browser-safe.
import { z } from "zod";

export const FIELD_RESULTS = ["match", "partial", "no_match", "no_data"] as const;
export const OWNERSHIP_VERDICTS = ["confirmed", "partial", "unconfirmed", "no_data"] as const;
export type OwnershipVerdictValue = (typeof OWNERSHIP_VERDICTS)[number];

const field = z.object({ result: z.enum(FIELD_RESULTS), score: z.number().optional(), reason: z.string() });
const storedMatch = z.object({
  fields: z.object({ name: field, email: field, phone: field, address: field }),
  reasons: z.array(z.string()),
  ownerIndex: z.number().nullable().optional(),
});
export type StoredOwnershipMatch = z.infer<typeof storedMatch>;

/** The stored JSON, or null when there is none (or it is not in the shape this app writes). */
export function parseStoredMatch(json: unknown): StoredOwnershipMatch | null {
  const parsed = storedMatch.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export const FIELD_LABELS = { name: "Name", email: "Email", phone: "Phone", address: "Address" } as const;

export const RESULT_LABELS: Record<(typeof FIELD_RESULTS)[number], string> = {
  match: "Match",
  partial: "Partial match",
  no_match: "No match",
  no_data: "No data",
};

/** What the person reads on their account: a heading that says plainly whether the account is theirs. */
export const VERDICT_HEADLINES: Record<OwnershipVerdictValue, string> = {
  confirmed: "Ownership confirmed",
  partial: "We could only partly confirm you own this account",
  unconfirmed: "We could not confirm you own this account",
  no_data: "Your bank did not share enough to confirm who owns this account",
};

/** The short form for tables and badges. */
export const VERDICT_LABELS: Record<OwnershipVerdictValue, string> = {
  confirmed: "Confirmed",
  partial: "Partial",
  unconfirmed: "Unconfirmed",
  no_data: "No data",
};

export const VERDICT_TONES = { confirmed: "green", partial: "amber", unconfirmed: "red", no_data: "slate" } as const;
export const RESULT_TONES = { match: "green", partial: "amber", no_match: "red", no_data: "slate" } as const;
