import "server-only";
import { z } from "zod";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import { parseInput } from "@/server/errors/parse-input";
import { completeLinkSession } from "@/server/linking/complete-link-session";
import { hostedPaymentStep, type HostedPaymentStep } from "./hosted-payment-step";
import { BANK_ERROR_CODES, hostedOutcome, type EndedStatus } from "./hosted-outcome";
import { notifyIntegrator } from "./notify-integrator";
import { outcomeRedirectUrl } from "./redirect-uri";
import { tokenForResume } from "./resume-hosted-link";

export type HostedCompletion = {
  status: EndedStatus;
  linked: number;
  redirect_url: string;
  /** A link for payments: the authorization step the page shows before going back (absent when there is nothing to ask). */
  payments?: HostedPaymentStep;
};

/** What the page adds to the resume value: the last bank error Stripe.js reported, if any. */
export const completionReport = z.strictObject({
  error_code: z.enum(BANK_ERROR_CODES, { error: `must be one of ${BANK_ERROR_CODES.join(", ")}` }).optional(),
});

/**
 * The modal closed on the hosted page: authorized by the signed resume value (there is no
 * cookie), the accounts are read from Stripe and stored exactly as in the browser flow, and the
 * way back is built here from the stored, allow-listed redirect URI. Calling it again answers the same.
 *
 * Stripe's session object does not say why nothing was linked; Stripe.js does, in its `error`
 * event, so the page reports the last bank error it saw. That report can only turn "nothing
 * linked" into "failed" for the person's own attempt: accounts Stripe has always win.
 *
 * A link minted for payments answers, besides, the authorization step the page shows before it
 * goes back: the accounts linked, each eligible or not (and why), under the same resume value.
 */
export async function completeHostedLink(resume: string, report: unknown = {}, now = new Date()): Promise<HostedCompletion> {
  const { error_code: bankError } = parseInput(completionReport, report);
  const token = await tokenForResume(resume, now);
  if (!token) throw new DomainError("forbidden", "This linking session cannot be completed. Go back to the app and start again.");
  const stored = await prisma.linkSession.findFirst({ where: { id: token.linkSessionId, userId: token.userId }, select: { status: true, errorCode: true, accountCount: true } });
  const settled = stored && hostedOutcome(token, stored, token.revoked, now);
  // Ended already (failed, expired, revoked): the stored outcome stands, whatever closed the modal.
  if (stored && settled && settled.status !== "pending" && stored.status !== "succeeded" && stored.status !== "cancelled") {
    return finish(token, { status: settled.status, error: settled.error }, stored.accountCount);
  }

  let outcome: { status: EndedStatus; error: string | null };
  let linked = 0;
  try {
    const result = await completeLinkSession(token.userId, token.linkSessionId);
    linked = result.linked;
    outcome = { status: result.status, error: null };
  } catch (error) {
    // The session is not this user's or is gone: a failure the app must hear about.
    if (!(error instanceof DomainError) || (error.kind !== "forbidden" && error.kind !== "not_found")) throw error;
    outcome = { status: "failed", error: "session_invalid" };
    await prisma.linkSession.updateMany({ where: { id: token.linkSessionId, status: "failed", errorCode: null }, data: { errorCode: "session_invalid" } });
  }
  if (outcome.status === "cancelled" && bankError) {
    outcome = { status: "failed", error: bankError };
    await prisma.linkSession.updateMany({ where: { id: token.linkSessionId, status: "cancelled" }, data: { status: "failed", errorCode: bankError } });
  }
  await notifyIntegrator(token, outcome);
  const payments = outcome.status === "succeeded" && !token.revoked ? await hostedPaymentStep(token, resume) : null;
  return { ...finish(token, outcome, linked), ...(payments && { payments }) };
}

function finish(token: { redirectUri: string; linkSessionId: string; state: string | null }, outcome: { status: EndedStatus; error: string | null }, linked: number): HostedCompletion {
  return {
    status: outcome.status,
    linked,
    redirect_url: outcomeRedirectUrl(token.redirectUri, { status: outcome.status, linkSessionId: token.linkSessionId, state: token.state, error: outcome.error }),
  };
}
