import "server-only";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import { hostedOutcome, type HostedStatus } from "./hosted-outcome";

export type IntegratorLinkSession = {
  id: string;
  object: "link_session";
  status: HostedStatus;
  /** Why it failed or expired (null otherwise): see docs/mobile-integration.md. */
  error: string | null;
  opened: boolean;
  state: string | null;
  redirect_uri: string;
  permissions: string[];
  /** What the link was minted for: "payments" also asks the person to authorize debits. */
  purpose: "data" | "payments";
  user: { external_id: string | null; email: string | null };
  created_at: string;
  expires_at: string;
  completed_at: string | null;
  accounts: {
    id: string;
    institution_name: string;
    display_name: string | null;
    last4: string | null;
    category: string;
    subcategory: string;
    status: string;
    permissions: string[];
    supported_payment_method_types: string[];
  }[];
};

/**
 * A link session as the integrator that minted it may see it: its outcome and the linked
 * accounts' non-secret fields (no Stripe ids, balances, owners or transactions). Scoped to the
 * key's integration in the query (any of its keys, so keys rotate), so another integration's
 * session is a 404 like an unknown one.
 */
export async function getLinkSessionForKey(key: { integrationId: string }, linkSessionId: string, now = new Date()): Promise<IntegratorLinkSession> {
  const token = await prisma.linkToken.findFirst({
    where: { linkSessionId, apiKey: { integrationId: key.integrationId } },
    include: { apiKey: { select: { revokedAt: true, integrationId: true } }, user: { select: { email: true, externalIds: { select: { namespace: true, externalId: true, email: true } } } } },
  });
  if (!token) throw new DomainError("not_found", "Link session not found", { field: "id" });
  const session = await prisma.linkSession.findFirst({
    where: { id: linkSessionId, userId: token.userId },
    include: { linkedAccounts: { orderBy: { createdAt: "asc" } } },
  });
  const { status, error } = hostedOutcome(token, session, Boolean(token.apiKey?.revokedAt), now);
  const namespace = key.integrationId;
  const mapping = token.user.externalIds.find((m) => m.namespace === namespace);
  return {
    id: linkSessionId,
    object: "link_session",
    status,
    error,
    opened: Boolean(token.usedAt),
    state: token.state,
    redirect_uri: token.redirectUri,
    permissions: token.permissions,
    purpose: token.purpose,
    user: { external_id: mapping?.externalId ?? null, email: mapping?.email ?? token.user.email },
    created_at: token.createdAt.toISOString(),
    expires_at: token.expiresAt.toISOString(),
    completed_at: session?.completedAt?.toISOString() ?? null,
    accounts: (session?.linkedAccounts ?? []).map((a) => ({
      id: a.id,
      institution_name: a.institutionName,
      display_name: a.displayName,
      last4: a.last4,
      category: a.category,
      subcategory: a.subcategory,
      status: a.status,
      permissions: a.permissions,
      supported_payment_method_types: a.supportedPaymentMethodTypes,
    })),
  };
}
