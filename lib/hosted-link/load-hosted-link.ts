import "server-only";
import { prisma } from "@/lib/db/client";
import { isPermission, type Permission } from "./permissions";
import { outcomeRedirectUrl, type LinkOutcome } from "./redirect-uri";
import { hashSecret, looksLikeToken } from "./secrets";

export type HostedLinkView =
  | { kind: "unknown" }
  | { kind: "expired"; appName: string; returnUrl: string }
  | { kind: "used"; appName: string; returnUrl: string }
  | { kind: "ready"; appName: string; permissions: Permission[]; expiresAt: Date };

/** The app's name as the person should see it: the API key's name, or Linkwell for its own users. */
export function appNameOf(apiKey: { name: string } | null): string {
  return apiKey?.name ?? "Linkwell";
}

/**
 * What `/link/<token>` shows. Unknown tokens get no way back (their redirect URI is not
 * known, so nothing could be allow-listed); used and expired ones may offer the token's own,
 * allow-listed redirect URI with the outcome. Opening the page does not use the token: link
 * previews and prefetches fetch pages too. Starting the Stripe session does.
 */
export async function loadHostedLink(token: string, now = new Date()): Promise<HostedLinkView> {
  if (!looksLikeToken(token)) return { kind: "unknown" };
  const row = await prisma.linkToken.findUnique({
    where: { tokenHash: hashSecret(token) },
    include: { apiKey: { select: { name: true, revokedAt: true } } },
  });
  if (!row || row.apiKey?.revokedAt) return { kind: "unknown" };
  const appName = appNameOf(row.apiKey);
  if (row.usedAt) {
    const session = await prisma.linkSession.findFirst({ where: { id: row.linkSessionId, userId: row.userId }, select: { status: true } });
    const status: LinkOutcome = session && session.status !== "pending" ? session.status : "failed";
    return {
      kind: "used",
      appName,
      returnUrl: outcomeRedirectUrl(row.redirectUri, {
        status,
        linkSessionId: row.linkSessionId,
        state: row.state,
        ...(status === "failed" && { error: "link_already_used" }),
      }),
    };
  }
  if (row.expiresAt <= now) {
    return {
      kind: "expired",
      appName,
      returnUrl: outcomeRedirectUrl(row.redirectUri, { status: "failed", linkSessionId: row.linkSessionId, state: row.state, error: "link_expired" }),
    };
  }
  return { kind: "ready", appName, permissions: row.permissions.filter(isPermission), expiresAt: row.expiresAt };
}
