import "server-only";
import { z } from "zod";
import { getBalanceHistory } from "@/server/balance-history/get-balance-history";
import { prisma } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/prisma/client";
import { DomainError } from "@/server/errors/domain-error";
import { OWNERSHIP_FIELD_RESULTS, type Account, type AccountList, type BalanceHistory } from "./api/schemas";

// An integration's accounts: those linked through links its keys minted, for the users its
// external ids name. Not every account of such a user: a mapping made before integrations kept
// their users apart may name a person who also links accounts themself, or through another
// integration. Every read is scoped inside the query, so any other account is the same 404 as an
// unknown one.

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
  ownershipVerdict: true,
  ownershipScore: true,
  ownershipMatch: true,
  ownershipMatchedAt: true,
  expectedDeactivationAt: true,
  createdAt: true,
  disconnectedAt: true,
  owners: { select: { name: true, email: true, phone: true, rawAddress: true, refreshedAt: true }, orderBy: { stripeOwnerId: "asc" } },
  // The newest debit authorization (pay by bank): the one that stands, or the last that ended.
  paymentAuthorizations: {
    select: { state: true, stripePaymentMethodId: true, stripeMandateId: true, mandateStatus: true, acceptedAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 1,
  },
} satisfies Prisma.LinkedAccountSelect;

type AccountRow = Prisma.LinkedAccountGetPayload<{ select: typeof select }>;

const iso = (date: Date | null) => date?.toISOString() ?? null;
const refresh = (status: AccountRow["balanceRefreshStatus"], attemptedAt: Date | null, nextAt: Date | null) =>
  status ? { status, last_attempted_at: iso(attemptedAt), next_refresh_available_at: iso(nextAt) } : null;
const amount = (value: bigint | null) => (value === null ? null : Number(value));
/** Unix seconds, as Stripe's mandate gives customer_acceptance.accepted_at. */
export const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

function paymentMethod(row: AccountRow): ApiAccount["payment_method"] {
  const [latest] = row.paymentAuthorizations;
  if (!latest) return null;
  return {
    status: latest.state,
    payment_method: latest.stripePaymentMethodId,
    mandate: latest.stripeMandateId,
    mandate_status: latest.mandateStatus,
    accepted_at: unixSeconds(latest.acceptedAt),
  };
}

// The stored match (server/ownership writes it) read defensively: a field, or the whole, that is
// not in the shape expected reads as "no data" rather than failing the account.
const NO_FIELD_DATA = { result: "no_data" as const, reason: "Not compared" };
const storedField = z.object({ result: z.enum(OWNERSHIP_FIELD_RESULTS), reason: z.string() }).catch(NO_FIELD_DATA);
const storedMatch = z
  .object({
    fields: z.object({ name: storedField, email: storedField, phone: storedField, address: storedField }),
    reasons: z.array(z.string()).catch([]),
  })
  .catch({ fields: { name: NO_FIELD_DATA, email: NO_FIELD_DATA, phone: NO_FIELD_DATA, address: NO_FIELD_DATA }, reasons: [] });

function ownershipMatch(row: AccountRow): ApiAccount["ownership_match"] {
  if (!row.ownershipVerdict || row.ownershipScore === null || !row.ownershipMatchedAt) return null;
  // z.object drops what the API does not publish (each field's score, the owner's index).
  const { fields, reasons } = storedMatch.parse(row.ownershipMatch);
  return {
    verdict: row.ownershipVerdict,
    score: Math.min(100, Math.max(0, Math.round(row.ownershipScore))),
    fields,
    reasons,
    computed_at: row.ownershipMatchedAt.toISOString(),
  };
}

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
    ownership_match: ownershipMatch(row),
    refreshes: {
      balance: refresh(row.balanceRefreshStatus, row.balanceRefreshAttemptedAt, row.balanceRefreshNextAt),
      ownership: refresh(row.ownershipRefreshStatus, row.ownershipRefreshAttemptedAt, row.ownershipRefreshNextAt),
      transactions: refresh(row.transactionRefreshStatus, row.transactionRefreshAttemptedAt, row.transactionRefreshNextAt),
    },
    payment_method: paymentMethod(row),
    expected_deactivation_at: iso(row.expectedDeactivationAt),
    created_at: row.createdAt.toISOString(),
    disconnected_at: iso(row.disconnectedAt),
  };
}

const noSuchAccount = (accountId: string) => new DomainError("not_found", `No such account: ${accountId}`, { field: "id" });

/** The external id of the person an account of the integration belongs to; undefined when it is not the integration's. */
async function integrationAccountHolder(integrationId: string, accountId: string): Promise<string | undefined> {
  const [owned] = await prisma.$queryRaw<{ externalId: string }[]>`
    SELECT eu."externalId"
      FROM "LinkedAccount" a
      JOIN "LinkToken" lt ON lt."linkSessionId" = a."linkSessionId"
      JOIN "ApiKey" k ON k.id = lt."apiKeyId" AND k."integrationId" = ${integrationId}
      JOIN "ExternalUser" eu ON eu."userId" = a."userId" AND eu.namespace = ${integrationId}
     WHERE a.id = ${accountId}`;
  return owned?.externalId;
}

/** Nothing when the account is the integration's; otherwise the same 404 as an unknown id. */
export async function requireIntegrationAccount(integrationId: string, accountId: string): Promise<void> {
  if ((await integrationAccountHolder(integrationId, accountId)) === undefined) throw noSuchAccount(accountId);
}

/** One account of the integration, or a 404. */
export async function getIntegrationAccount(integrationId: string, accountId: string): Promise<ApiAccount & { userId: string }> {
  const externalId = await integrationAccountHolder(integrationId, accountId);
  const row = externalId !== undefined && (await prisma.linkedAccount.findUnique({ where: { id: accountId }, select: { ...select, userId: true } }));
  if (externalId === undefined || !row) throw noSuchAccount(accountId);
  return { ...toApiAccount(row, externalId), userId: row.userId };
}

/**
 * The balance per UTC day of one account of the integration (a 404 for any other), in minor
 * units as the account's balance is: see getBalanceHistory for snapshot and derived days.
 */
export async function getIntegrationBalanceHistory(integrationId: string, accountId: string, query: { days: number }): Promise<z.output<typeof BalanceHistory>> {
  await requireIntegrationAccount(integrationId, accountId);
  const history = await getBalanceHistory(accountId, { days: query.days });
  return {
    object: "balance_history",
    account_id: accountId,
    currency: history.currency,
    data: history.points.map((p) => ({ date: p.day, current: amount(p.current), available: amount(p.available), source: p.source })),
  };
}

/** The link sessions the integration's keys minted for one user: where its accounts of that user came from. */
export async function integrationLinkSessionIds(integrationId: string, userId: string, db: Prisma.TransactionClient = prisma): Promise<string[]> {
  const tokens = await db.linkToken.findMany({ where: { userId, apiKey: { integrationId } }, select: { linkSessionId: true } });
  return tokens.map((t) => t.linkSessionId);
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
  const where: Prisma.LinkedAccountWhereInput[] = [{ userId: mapping.userId, linkSessionId: { in: await integrationLinkSessionIds(integrationId, mapping.userId) } }];
  if (page.starting_after) {
    const after = await prisma.linkedAccount.findFirst({ where: { id: page.starting_after, ...where[0] }, select: { id: true, createdAt: true } });
    if (!after) throw new DomainError("invalid_input", `starting_after: no account ${page.starting_after} in this list`, { field: "starting_after" });
    where.push({ OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] });
  }
  const rows = await prisma.linkedAccount.findMany({ where: { AND: where }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: page.limit + 1, select });
  return { object: "list", data: rows.slice(0, page.limit).map((row) => toApiAccount(row, externalId)), has_more: rows.length > page.limit, url };
}
