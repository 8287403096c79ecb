import "server-only";
import { prisma } from "@/server/db/client";
import { stripe } from "@/server/stripe/client";
import { hostedOutcome, type EndedStatus } from "./hosted-outcome";
import { hostedPaymentStep, type HostedPaymentStep } from "./hosted-payment-step";
import { appNameOf } from "./load-hosted-link";
import { outcomeRedirectUrl } from "./redirect-uri";
import { verifyResumeState } from "./resume-state";

export type ResumableToken = {
  id: string;
  userId: string;
  linkSessionId: string;
  redirectUri: string;
  state: string | null;
  appName: string;
  webhookUrl: string | null;
  apiKeyId: string | null;
  /** payments: after linking, the page asks the person to authorize debits. */
  purpose: "data" | "payments";
  usedAt: Date | null;
  expiresAt: Date;
  /** The key was revoked: the attempt can only end, as failed with link_revoked. */
  revoked: boolean;
};

/**
 * The token a resume value belongs to, only if the signature holds, it has not expired, the
 * token was started, and it still names the same link session: the proof that stands in for
 * a cookie on the OAuth return and at completion.
 */
export async function tokenForResume(resume: string, now = new Date()): Promise<ResumableToken | null> {
  const state = verifyResumeState(resume, now);
  if (!state) return null;
  const row = await prisma.linkToken.findUnique({
    where: { id: state.tokenId },
    include: { apiKey: { select: { integration: { select: { name: true } }, revokedAt: true, webhookUrl: true } } },
  });
  if (!row || !row.usedAt || row.linkSessionId !== state.linkSessionId) return null;
  return {
    id: row.id,
    userId: row.userId,
    linkSessionId: row.linkSessionId,
    redirectUri: row.redirectUri,
    state: row.state,
    appName: appNameOf(row.apiKey),
    webhookUrl: row.apiKey?.webhookUrl ?? null,
    apiKeyId: row.apiKeyId,
    purpose: row.purpose,
    usedAt: row.usedAt,
    expiresAt: row.expiresAt,
    revoked: Boolean(row.apiKey?.revokedAt),
  };
}

export type ResumeView =
  | { kind: "invalid" }
  | { kind: "pending"; appName: string; clientSecret: string }
  | { kind: "finished"; appName: string; returnUrl: string; status: EndedStatus; payments?: HostedPaymentStep };

/** What `/link/resume/<state>` shows after the bank's OAuth page sent the browser back. */
export async function loadResume(resume: string, now = new Date()): Promise<ResumeView> {
  const token = await tokenForResume(resume, now);
  if (!token) return { kind: "invalid" };
  const session = await prisma.linkSession.findFirst({ where: { id: token.linkSessionId, userId: token.userId } });
  if (!session) return { kind: "invalid" };
  const outcome = hostedOutcome(token, session, token.revoked, now);
  if (outcome.status !== "pending") {
    const payments = outcome.status === "succeeded" && !token.revoked ? await hostedPaymentStep(token, resume) : null;
    return {
      kind: "finished",
      appName: token.appName,
      status: outcome.status,
      returnUrl: outcomeRedirectUrl(token.redirectUri, { status: outcome.status, linkSessionId: session.id, state: token.state, error: outcome.error }),
      ...(payments && { payments }),
    };
  }
  const stripeSession = await stripe().financialConnections.sessions.retrieve(session.stripeSessionId);
  if (!stripeSession.client_secret) return { kind: "invalid" };
  return { kind: "pending", appName: token.appName, clientSecret: stripeSession.client_secret };
}
