import "server-only";
import type Stripe from "stripe";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import { openStripeSession, requireClientSecret } from "@/server/linking/create-link-session";
import { stripe, stripeMode } from "@/server/stripe/client";
import { attemptEndsAt } from "./config";
import { hostedOutcome } from "./hosted-outcome";
import { signResumeState } from "./resume-state";
import { hashSecret, looksLikeToken } from "./secrets";

export type StartedHostedLink = { linkSessionId: string; clientSecret: string; resume: string };

type Permission = Stripe.FinancialConnections.SessionCreateParams.Permission;

/** The resume value of a token: deterministic, so a retried start sends Stripe the same return_url. */
export function resumeStateFor(token: { id: string; linkSessionId: string; expiresAt: Date }): string {
  return signResumeState({ tokenId: token.id, linkSessionId: token.linkSessionId, expiresAt: attemptEndsAt(token) });
}

/** Where Stripe sends the browser back after the bank's OAuth login. */
export function returnUrlFor(origin: string, resume: string): string {
  return `${origin}/link/resume/${resume}`;
}

/**
 * "Continue" on the hosted page: uses the token (once, even when two requests race), then
 * creates the Financial Connections Session for the token's user with a return_url that
 * carries the signed resume state, and the link session row under the id chosen at minting.
 * Continue on a link whose attempt is under way (a second tab, a reload) gets that same
 * attempt back. If Stripe fails before anything was created, the token is given back for a retry.
 */
export async function startHostedLink(token: string, origin: string, now = new Date()): Promise<StartedHostedLink> {
  if (!looksLikeToken(token)) throw new DomainError("not_found", "This link is not valid. Go back to the app and try again.");
  const row = await prisma.linkToken.findUnique({
    where: { tokenHash: hashSecret(token) },
    include: {
      user: { select: { id: true, email: true, externalIds: { select: { email: true }, orderBy: { createdAt: "desc" }, take: 1 } } },
      apiKey: { select: { revokedAt: true } },
    },
  });
  if (!row) throw new DomainError("not_found", "This link is not valid. Go back to the app and try again.");
  if (row.apiKey?.revokedAt) throw new DomainError("gone", "This link was cancelled by the app that sent it. Go back to the app.");
  if (row.usedAt) return resumeStarted(row, now);
  if (row.expiresAt <= now) throw new DomainError("gone", "This link has expired. Go back to the app to get a new one.");

  const claimed = await prisma.linkToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (claimed.count !== 1) return resumeStarted({ ...row, usedAt: now }, now);

  const resume = resumeStateFor(row);
  try {
    const { session, permissions } = await openStripeSession({ id: row.user.id, email: row.user.email ?? row.user.externalIds[0]?.email ?? null }, {
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

/** The attempt a used token started, while it has not ended; otherwise why it cannot continue. */
async function resumeStarted(row: { id: string; userId: string; linkSessionId: string; expiresAt: Date; usedAt: Date | null }, now: Date): Promise<StartedHostedLink> {
  const session = await prisma.linkSession.findFirst({ where: { id: row.linkSessionId, userId: row.userId } });
  if (!session) throw new DomainError("conflict", "This link is being opened. Try again in a moment.");
  if (hostedOutcome(row, session, false, now).status !== "pending") {
    throw new DomainError("gone", "This link has already been used. Go back to the app to get a new one.");
  }
  const stripeSession = await stripe().financialConnections.sessions.retrieve(session.stripeSessionId);
  return { linkSessionId: session.id, clientSecret: requireClientSecret(stripeSession.client_secret), resume: resumeStateFor(row) };
}
