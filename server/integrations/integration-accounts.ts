import "server-only";
import type { z } from "zod";
import { prisma } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/prisma/client";
import { DomainError } from "@/server/errors/domain-error";
import type { Account, AccountList } from "./api/schemas";

// An integration's accounts: those of the users its external ids name (ExternalUser rows in its
// namespace). Every read is scoped to the integration inside the query, so another
// integration's account is the same 404 as an unknown one.

export type ApiAccount = z.output<typeof Account>;

const select = {
  id: true,
  linkSessionId: true,
  institutionName: true,
  displayName: true,
  last4: true,
  category: true,
  subcategory: true,
  status: true,
  permissions: true,
  supportedPaymentMethodTypes: true,
  balanceCurrency: true,
  balanceCurrent: true,
  balanceAvailable: true,
  balanceCreditUsed: true,
  balanceType: true,
  balanceAsOf: true,
  balanceRefreshStatus: true,
  balanceRefreshAttemptedAt: true,
  balanceRefreshNextAt: true,
  ownershipRefreshStatus: true,
  ownershipRefreshAttemptedAt: true,
  ownershipRefreshNextAt: true,
  transactionRefreshStatus: true,
  transactionRefreshAttemptedAt: true,
  transactionRefreshNextAt: true,
  ownershipId: true,
  expectedDeactivationAt: true,
  createdAt: true,
  disconnectedAt: true,
  owners: { select: { name: true, email: true, phone: true, rawAddress: true, refreshedAt: true }, orderBy: { stripeOwnerId: "asc" } },
} satisfies Prisma.LinkedAccountSelect;

type AccountRow = Prisma.LinkedAccountGetPayload<{ select: typeof select }>;

/** Accounts of the integration's users; `externalId` narrows to one user. */
export const ownedBy = (integrationId: string, externalId?: string): Prisma.LinkedAccountWhereInput => ({
  user: { externalIds: { some: { namespace: integrationId, ...(externalId !== undefined && { externalId }) } } },
});

const iso = (date: Date | null) => date?.toISOString() ?? null;
const refresh = (status: AccountRow["balanceRefreshStatus"], attemptedAt: Date | null, nextAt: Date | null) =>
  status ? { status, last_attempted_at: iso(attemptedAt), next_refresh_available_at: iso(nextAt) } : null;
const amount = (value: bigint | null) => (value === null ? null : Number(value));

function toApiAccount(row: AccountRow, externalId: string): ApiAccount {
  const ownersRefreshedAt = row.owners.reduce<Date | null>((latest, o) => (o.refreshedAt && (!latest || o.refreshedAt > latest) ? o.refreshedAt : latest), null);
  return {
    id: row.id,
    object: "account",
    user: { external_id: externalId },
    link_session_id: row.linkSessionId,
    institution_name: row.institutionName,
    display_name: row.displayName,
    last4: row.last4,
    category: row.category,
    subcategory: row.subcategory,
    status: row.status,
    permissions: row.permissions,
    supported_payment_method_types: row.supportedPaymentMethodTypes,
    balance:
      row.balanceAsOf && row.balanceCurrency && row.balanceCurrent !== null
        ? {
            as_of: row.balanceAsOf.toISOString(),
            currency: row.balanceCurrency,
            type: row.balanceType ?? "cash",
            current: Number(row.balanceCurrent),
            available: amount(row.balanceAvailable),
            credit_used: amount(row.balanceCreditUsed),
          }
        : null,
    ownership: row.ownershipId
      ? { owners: row.owners.map((o) => ({ name: o.name, email: o.email, phone: o.phone, address: o.rawAddress })), refreshed_at: iso(ownersRefreshedAt) }
      : null,
    refreshes: {
      balance: refresh(row.balanceRefreshStatus, row.balanceRefreshAttemptedAt, row.balanceRefreshNextAt),
      ownership: refresh(row.ownershipRefreshStatus, row.ownershipRefreshAttemptedAt, row.ownershipRefreshNextAt),
      transactions: refresh(row.transactionRefreshStatus, row.transactionRefreshAttemptedAt, row.transactionRefreshNextAt),
    },
    expected_deactivation_at: iso(row.expectedDeactivationAt),
    created_at: row.createdAt.toISOString(),
    disconnected_at: iso(row.disconnectedAt),
  };
}

const withOwner = { ...select, user: { select: { externalIds: { select: { namespace: true, externalId: true } } } } } satisfies Prisma.LinkedAccountSelect;

/** One account of the integration, or a 404. */
export async function getIntegrationAccount(integrationId: string, accountId: string): Promise<ApiAccount & { userId: string }> {
  const row = await prisma.linkedAccount.findFirst({ where: { id: accountId, ...ownedBy(integrationId) }, select: { ...withOwner, userId: true } });
  const externalId = row?.user.externalIds.find((m) => m.namespace === integrationId)?.externalId;
  if (!row || externalId === undefined) throw new DomainError("not_found", `No such account: ${accountId}`, { field: "id" });
  return { ...toApiAccount(row, externalId), userId: row.userId };
}

/** The public form of an account read by getIntegrationAccount (without the internal user id). */
export function publicAccount({ userId: _userId, ...account }: ApiAccount & { userId: string }): ApiAccount {
  return account;
}

/**
 * A user's accounts, newest first, a page at a time (`starting_after` an account id of the
 * previous page). An unknown user is a 404, so an integrator can tell "no accounts" from a typo.
 */
export async function listIntegrationUserAccounts(
  integrationId: string,
  externalId: string,
  page: { limit: number; starting_after?: string },
  url: string,
): Promise<z.output<typeof AccountList>> {
  const mapping = await prisma.externalUser.findUnique({ where: { namespace_externalId: { namespace: integrationId, externalId } }, select: { userId: true } });
  if (!mapping) throw new DomainError("not_found", `No such user: ${externalId}`, { field: "external_id" });
  const where: Prisma.LinkedAccountWhereInput[] = [{ userId: mapping.userId }];
  if (page.starting_after) {
    const after = await prisma.linkedAccount.findFirst({ where: { id: page.starting_after, userId: mapping.userId }, select: { id: true, createdAt: true } });
    if (!after) throw new DomainError("invalid_input", `starting_after: no account ${page.starting_after} in this list`, { field: "starting_after" });
    where.push({ OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] });
  }
  const rows = await prisma.linkedAccount.findMany({ where: { AND: where }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: page.limit + 1, select });
  return { object: "list", data: rows.slice(0, page.limit).map((row) => toApiAccount(row, externalId)), has_more: rows.length > page.limit, url };
}
