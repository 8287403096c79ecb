import "server-only";
import { prisma } from "@/server/db/client";
import { stripe } from "@/server/stripe/client";
import { hostedOutcome, type EndedStatus } from "./hosted-outcome";
import { hostedPaymentStep, type HostedPaymentStep } from "./hosted-payment-step";
import { verifyResumeState } from "./resume-state";
import { isPermission, type Permission } from "./permissions";
import { outcomeRedirectUrl } from "./redirect-uri";
import { hashSecret, looksLikeToken } from "./secrets";
import { resumeStateFor } from "./start-hosted-link";

export type HostedLinkView =
  | { kind: "unknown" }
  | { kind: "expired"; appName: string; returnUrl: string }
  | { kind: "used"; appName: string; returnUrl: string; status: EndedStatus; payments?: HostedPaymentStep }
  | { kind: "revoked"; appName: string; returnUrl: string }
  | { kind: "resume"; appName: string; clientSecret: string; resume: string }
  | { kind: "ready"; appName: string; permissions: Permission[]; expiresAt: Date; integrator: boolean };

/** The app's name as the person should see it: the API key's name, or Linkwell for its own users. */
/** Who the linking page says is asking: the integration (whatever its keys are called), else this app. */
export function appNameOf(apiKey: { integration: { name: string } } | null): string {
  return apiKey?.integration.name ?? "Linkwell";
}

/**
 * What `/link/<token>` shows. Unknown tokens get no way back (their redirect URI is not
 * known, so nothing could be allow-listed); ended ones offer the token's own, allow-listed
 * redirect URI with the same outcome the API gives. A started attempt that has not ended is
 * resumed (a Custom Tab recreated, a webview reloaded on rotation): the same Stripe session
 * until it ends; a payments link reloaded after linking shows its authorization step again.
 * Opening the page does not use the token: link previews and prefetches fetch pages too.
 * Starting the Stripe session does.
 */
export async function loadHostedLink(token: string, now = new Date()): Promise<HostedLinkView> {
  if (!looksLikeToken(token)) return { kind: "unknown" };
  const row = await prisma.linkToken.findUnique({
    where: { tokenHash: hashSecret(token) },
    include: { apiKey: { select: { integration: { select: { name: true } }, revokedAt: true } } },
  });
  if (!row) return { kind: "unknown" };
  const appName = appNameOf(row.apiKey);
  const session = row.usedAt
    ? await prisma.linkSession.findFirst({ where: { id: row.linkSessionId, userId: row.userId }, select: { status: true, errorCode: true, stripeSessionId: true } })
    : null;
  const revoked = Boolean(row.apiKey?.revokedAt);
  const outcome = hostedOutcome(row, session, revoked, now);
  if (outcome.status !== "pending") {
    const returnUrl = outcomeRedirectUrl(row.redirectUri, { status: outcome.status, linkSessionId: row.linkSessionId, state: row.state, error: outcome.error });
    if (outcome.error === "link_revoked") return { kind: "revoked", appName, returnUrl };
    if (!session) return { kind: "expired", appName, returnUrl };
    // A reload during the authorization step of a payments link: the step again, while its resume value works.
    const resume = resumeStateFor(row);
    const payments = !revoked && verifyResumeState(resume, now) ? await hostedPaymentStep({ ...row, appName }, resume) : null;
    return { kind: "used", appName, returnUrl, status: outcome.status, ...(payments && { payments }) };
  }
  if (session) {
    const stripeSession = await stripe().financialConnections.sessions.retrieve(session.stripeSessionId);
    if (stripeSession.client_secret) return { kind: "resume", appName, clientSecret: stripeSession.client_secret, resume: resumeStateFor(row) };
  }
  // Not started, or a start still in flight (Continue answers 409 until it settles).
  return { kind: "ready", appName, permissions: row.permissions.filter(isPermission), expiresAt: row.expiresAt, integrator: row.apiKeyId !== null };
}
