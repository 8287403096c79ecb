import "server-only";
import type Stripe from "stripe";
import { prisma } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { openStripeSession, requireClientSecret } from "@/lib/linking/create-link-session";
import { stripeMode } from "@/lib/stripe/client";
import { RESUME_GRACE_MS } from "./config";
import { signResumeState } from "./resume-state";
import { hashSecret, looksLikeToken } from "./secrets";

export type StartedHostedLink = { linkSessionId: string; clientSecret: string; resume: string };

type Permission = Stripe.FinancialConnections.SessionCreateParams.Permission;

/** The resume value of a token: deterministic, so a retried start sends Stripe the same return_url. */
export function resumeStateFor(token: { id: string; linkSessionId: string; expiresAt: Date }): string {
  return signResumeState({ tokenId: token.id, linkSessionId: token.linkSessionId, expiresAt: new Date(token.expiresAt.getTime() + RESUME_GRACE_MS) });
}

/** Where Stripe sends the browser back after the bank's OAuth login. */
export function returnUrlFor(origin: string, resume: string): string {
  return `${origin}/link/resume/${resume}`;
}

/**
 * "Continue" on the hosted page: uses the token (once, even when two requests race), then
 * creates the Financial Connections Session for the token's user with a return_url that
 * carries the signed resume state, and the link session row under the id chosen at minting.
 * If Stripe fails before anything was created, the token is given back for a retry.
 */
export async function startHostedLink(token: string, origin: string, now = new Date()): Promise<StartedHostedLink> {
  if (!looksLikeToken(token)) throw new ApiError(404, "This link is not valid. Go back to the app and try again.");
  const row = await prisma.linkToken.findUnique({
    where: { tokenHash: hashSecret(token) },
    include: { user: { select: { id: true, email: true } }, apiKey: { select: { revokedAt: true } } },
  });
  if (!row || row.apiKey?.revokedAt) throw new ApiError(404, "This link is not valid. Go back to the app and try again.");
  if (row.usedAt) throw new ApiError(410, "This link has already been used. Go back to the app to get a new one.");
  if (row.expiresAt <= now) throw new ApiError(410, "This link has expired. Go back to the app to get a new one.");

  const claimed = await prisma.linkToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (claimed.count !== 1) throw new ApiError(410, "This link has already been used. Go back to the app to get a new one.");

  const resume = resumeStateFor(row);
  try {
    const { session, permissions } = await openStripeSession(row.user, {
      idempotencyKey: `linkwell-hosted-fcsess-${row.id}`,
      permissions: row.permissions as Permission[],
      returnUrl: returnUrlFor(origin, resume),
    });
    const clientSecret = requireClientSecret(session.client_secret);
    await prisma.linkSession.create({
      data: {
        id: row.linkSessionId,
        userId: row.userId,
        attemptId: `hosted:${row.id}`,
        stripeSessionId: session.id,
        mode: stripeMode(),
        requestedPermissions: permissions,
      },
    });
    return { linkSessionId: row.linkSessionId, clientSecret, resume };
  } catch (error) {
    await prisma.linkToken.update({ where: { id: row.id }, data: { usedAt: null } }).catch(() => undefined);
    throw error;
  }
}
