import "server-only";
import type { LinkSessionStatus } from "@/server/db/generated/prisma/client";
import { attemptEndsAt } from "./config";

/** A hosted link's status as the integrator sees it, in the API, the redirect and the callback alike. */
export type HostedStatus = "pending" | "succeeded" | "cancelled" | "failed" | "expired";
export type EndedStatus = Exclude<HostedStatus, "pending">;
export type HostedOutcome = { status: HostedStatus; error: string | null };

/**
 * Why a link ended, when it did not simply succeed or get cancelled. The bank codes are the
 * `error_code`s Stripe.js reports in its `error` event; the rest are this app's.
 */
export const BANK_ERROR_CODES = [
  "account_numbers_unavailable",
  "accounts_unavailable",
  "no_debitable_account",
  "authorization_failed",
  "institution_unavailable",
  "unexpected_error",
] as const;
export type BankErrorCode = (typeof BANK_ERROR_CODES)[number];

/**
 * The one place that decides a link's outcome from what is stored, so the page a reload shows,
 * the way back, the API and the callback never disagree. `session` is the link session row
 * (absent until the person pressed Continue).
 */
export function hostedOutcome(
  token: { usedAt: Date | null; expiresAt: Date },
  session: { status: LinkSessionStatus; errorCode: string | null } | null,
  keyRevoked: boolean,
  now = new Date(),
): HostedOutcome {
  if (session && session.status !== "pending") return { status: session.status, error: session.errorCode };
  if (keyRevoked) return { status: "failed", error: "link_revoked" };
  if (!session && token.expiresAt <= now) return { status: "expired", error: "link_expired" };
  // Opened and left: the sweeper stores this within a few seconds; until then it is computed.
  if (session && attemptEndsAt(token) <= now) return { status: "expired", error: "session_expired" };
  return { status: "pending", error: null };
}
