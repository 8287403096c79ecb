// Whether a linked bank account belongs to the account holder: the holder's profile compared with
// each owner the bank reports (Stripe Financial Connections), field by field, then one verdict.
// Pure and browser-safe, so the same words can be computed wherever they are shown.
import { compareAddresses, compareEmails, comparePhones, type HolderAddress } from "./match-fields";
import { compareNames, type FieldComparison, type FieldResult } from "./match-name";

export type { FieldComparison, FieldResult, HolderAddress };

/** Bump when the rules change, so stored results get recomputed. */
export const OWNERSHIP_MATCHER_VERSION = 1;

export type OwnershipVerdict = "confirmed" | "partial" | "unconfirmed" | "no_data";

export interface HolderProfile {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: HolderAddress | null;
}

export interface OwnerData {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  rawAddress?: string | null;
}

type Field = "name" | "email" | "phone" | "address";

export interface OwnershipMatch {
  verdict: OwnershipVerdict;
  /** 0..100 */
  score: number;
  fields: Record<Field, FieldComparison>;
  /** Which owner matched best (null when there are no owners). */
  ownerIndex: number | null;
  /** One sentence per field that had data on both sides, most important first. */
  reasons: string[];
}

/** How much each field counts in the score; only fields with data on both sides take part. */
const WEIGHTS: Record<Field, number> = { name: 60, email: 15, address: 15, phone: 10 };
/** Reasons come in this order: the name, then the contact fields by weight. */
const REASON_ORDER: Field[] = ["name", "email", "address", "phone"];
const VERDICT_RANK: Record<OwnershipVerdict, number> = { confirmed: 3, partial: 2, unconfirmed: 1, no_data: 0 };

const hasData = (field: FieldComparison) => field.result !== "no_data";

/**
 * The verdict for one owner. The name decides; the contact fields can only lower a name match or
 * lift a missing or different name to "partial":
 * - confirmed: the name matches, and no more phone/address fields differ than contact fields
 *   (email, phone, address) match. A different email never counts against a matching name:
 *   people keep several addresses and banks keep old ones.
 * - partial: the name matches but the phone/address differences outnumber the agreements; or the
 *   name matches only partly; or the name is missing or different but the email or phone matches.
 * - no_data: no name to compare and no contact field with data on both sides either.
 * - unconfirmed: everything else (a different name, or no name and contact details that do not match).
 */
function verdictOf(fields: Record<Field, FieldComparison>): OwnershipVerdict {
  const contact = [fields.email, fields.phone, fields.address];
  const agreements = contact.filter((field) => field.result === "match").length;
  const differences = [fields.phone, fields.address].filter((field) => field.result === "no_match").length;
  const emailOrPhone = fields.email.result === "match" || fields.phone.result === "match";
  switch (fields.name.result) {
    case "match":
      return differences <= agreements ? "confirmed" : "partial";
    case "partial":
      return "partial";
    case "no_match":
      return emailOrPhone ? "partial" : "unconfirmed";
    case "no_data":
      if (emailOrPhone) return "partial";
      return contact.some(hasData) ? "unconfirmed" : "no_data";
  }
}

/** The weighted mean of the scores of the fields with data, 0..100. */
function scoreOf(fields: Record<Field, FieldComparison>): number {
  let total = 0;
  let weight = 0;
  for (const field of REASON_ORDER) {
    if (!hasData(fields[field])) continue;
    total += WEIGHTS[field] * fields[field].score;
    weight += WEIGHTS[field];
  }
  return weight === 0 ? 0 : Math.max(0, Math.min(100, Math.round(total / weight)));
}

/** "Only an initial is given…." -> "only an initial is given…": a reason as a clause. */
const asClause = (reason: string) => reason.charAt(0).toLowerCase() + reason.slice(1).replace(/\.$/, "");

function nameReason(name: FieldComparison, holder: HolderProfile, owner: OwnerData): string {
  const quoted = `“${(owner.name ?? "").trim()}”`;
  const detail = asClause(name.reason);
  switch (name.result) {
    case "match":
      return `The account holder's name matches the owner ${quoted}${detail === "the names are the same" ? "" : ` (${detail})`}.`;
    case "partial":
      return `The account holder's name only partly matches the owner ${quoted}: ${detail}.`;
    case "no_match":
      return `The account holder's name does not match the owner ${quoted}: ${detail}.`;
    case "no_data":
      return owner.name?.trim() || !holder.name?.trim() ? "The profile has no name to compare with the owner's." : "The bank did not share the owner's name.";
  }
}

function reasonsOf(fields: Record<Field, FieldComparison>, holder: HolderProfile, owner: OwnerData): string[] {
  const reasons = [nameReason(fields.name, holder, owner)];
  for (const field of REASON_ORDER) if (field !== "name" && hasData(fields[field])) reasons.push(fields[field].reason);
  return reasons;
}

function matchOwner(holder: HolderProfile, owner: OwnerData): Omit<OwnershipMatch, "ownerIndex"> {
  const fields: Record<Field, FieldComparison> = {
    name: compareNames(holder.name ?? "", owner.name ?? ""),
    email: compareEmails(holder.email, owner.email),
    phone: comparePhones(holder.phone, owner.phone),
    address: compareAddresses(holder.address, owner.rawAddress),
  };
  const verdict = verdictOf(fields);
  return { verdict, score: scoreOf(fields), fields, reasons: reasonsOf(fields, holder, owner) };
}

const NO_OWNER: FieldComparison = { result: "no_data", score: 0, reason: "The bank shared no owner for this account." };

/**
 * Compares the holder with every owner and keeps the best: the strongest verdict, then the
 * highest score (a weaker verdict never wins on score alone), then the first owner.
 */
export function matchOwnership(holder: HolderProfile, owners: OwnerData[]): OwnershipMatch {
  const rank = (match: OwnershipMatch) => VERDICT_RANK[match.verdict] * 1000 + match.score;
  let best: OwnershipMatch | null = null;
  for (const [ownerIndex, owner] of owners.entries()) {
    const match = { ...matchOwner(holder, owner), ownerIndex };
    if (!best || rank(match) > rank(best)) best = match;
  }
  return (
    best ?? {
      verdict: "no_data",
      score: 0,
      fields: { name: NO_OWNER, email: NO_OWNER, phone: NO_OWNER, address: NO_OWNER },
      ownerIndex: null,
      reasons: [NO_OWNER.reason],
    }
  );
}
