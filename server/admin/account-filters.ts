import "server-only";
import { prisma } from "@/server/db/client";
import type { LinkedAccountStatus, Prisma } from "@/server/db/generated/prisma/client";
import { param, parseDay, type SearchParamsRecord } from "@/lib/admin/search-params";

export const ACCOUNT_STATUSES = ["active", "inactive", "disconnected"] as const satisfies readonly LinkedAccountStatus[];
export const ACCOUNT_SORTS = ["linked", "institution"] as const;
/** The ownership filter: a verdict, or "not_confirmed" for the accounts to look at (partial or unconfirmed). */
export const OWNERSHIP_FILTERS = ["not_confirmed", "confirmed", "partial", "unconfirmed", "no_data"] as const;
export type OwnershipFilter = (typeof OWNERSHIP_FILTERS)[number];
/**
 * The pay-by-bank filter: accounts with an active ACH authorization (mandate), accounts that were
 * authorized but have none active now, and accounts never authorized.
 */
export const PAYMENTS_FILTERS = ["active", "inactive", "none"] as const;
export type PaymentsFilter = (typeof PAYMENTS_FILTERS)[number];
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

/** The accounts table's state, as read from the URL (the page, the JSON API and the export share it). */
export type AccountFilters = {
  q?: string;
  status?: LinkedAccountStatus;
  category?: string;
  subcategory?: string;
  institution?: string;
  ownership?: OwnershipFilter;
  payments?: PaymentsFilter;
  /** Linked on or after this day (UTC). */
  linkedFrom?: Date;
  /** Linked on or before this day (UTC), inclusive. */
  linkedTo?: Date;
  sort: AccountSort;
  dir: "asc" | "desc";
};

const SAFE_TEXT = /^[\p{L}\p{N}\s@._+\-'&(),/]{1,200}$/u;
const oneOf = <T extends string>(values: readonly T[], raw: string | undefined) =>
  values.find((value) => value === raw);
const text = (raw: string | undefined) => (raw && SAFE_TEXT.test(raw) ? raw : undefined);

export function parseAccountFilters(params: SearchParamsRecord | URLSearchParams): AccountFilters {
  const sort = oneOf(ACCOUNT_SORTS, param(params, "sort")) ?? "linked";
  return {
    q: param(params, "q")?.slice(0, 200),
    status: oneOf(ACCOUNT_STATUSES, param(params, "status")),
    category: text(param(params, "category")),
    subcategory: text(param(params, "subcategory")),
    institution: text(param(params, "institution")),
    ownership: oneOf(OWNERSHIP_FILTERS, param(params, "ownership")),
    payments: oneOf(PAYMENTS_FILTERS, param(params, "payments")),
    linkedFrom: parseDay(param(params, "from")),
    linkedTo: parseDay(param(params, "to")),
    sort,
    dir: oneOf(["asc", "desc"] as const, param(params, "dir")) ?? (sort === "linked" ? "desc" : "asc"),
  };
}

/** The filters as URL values, for links that keep them (pagination, export, sort headers). */
export function accountFilterValues(filters: AccountFilters): Record<string, string | undefined> {
  const day = (date: Date | undefined) => date?.toISOString().slice(0, 10);
  return {
    q: filters.q,
    status: filters.status,
    category: filters.category,
    subcategory: filters.subcategory,
    institution: filters.institution,
    ownership: filters.ownership,
    payments: filters.payments,
    from: day(filters.linkedFrom),
    to: day(filters.linkedTo),
    sort: filters.sort === "linked" ? undefined : filters.sort,
    dir: filters.dir === (filters.sort === "linked" ? "desc" : "asc") ? undefined : filters.dir,
  };
}

/** Email searches match a prefix; more users than this make the search ask for more letters. */
export const EMAIL_MATCH_LIMIT = 1000;

export type SearchKind = "last4" | "stripe_account" | "stripe_session" | "stripe_customer" | "email" | "text";

export function searchKind(q: string): SearchKind {
  if (/^\d{4}$/.test(q)) return "last4";
  if (q.startsWith("fca_")) return "stripe_account";
  if (q.startsWith("fcsess_")) return "stripe_session";
  if (q.startsWith("cus_")) return "stripe_customer";
  if (q.includes("@")) return "email";
  return "text";
}

/** User ids whose email starts with `prefix`: a range on the unique email index, then the exact prefix test. */
export async function userIdsByEmailPrefix(prefix: string): Promise<{ ids: string[]; capped: boolean }> {
  const lower = prefix.toLowerCase();
  const users = await prisma.user.findMany({
    where: { email: { gte: lower, lt: `${lower}\u{10FFFF}`, startsWith: lower } },
    select: { id: true },
    take: EMAIL_MATCH_LIMIT + 1,
  });
  return { ids: users.slice(0, EMAIL_MATCH_LIMIT).map((u) => u.id), capped: users.length > EMAIL_MATCH_LIMIT };
}

export type ResolvedSearch = { where: Prisma.LinkedAccountWhereInput; capped: boolean };

/**
 * Turns the search box into an indexed condition. The kind is guessed from the text:
 * 4 digits = last4, fca_/fcsess_/cus_ = Stripe ids, text with @ = email prefix, other text =
 * email prefix or institution name. Ids are resolved first with their own small indexed
 * queries, so the accounts query stays a plain keyset scan.
 */
export async function resolveSearch(q: string): Promise<ResolvedSearch> {
  switch (searchKind(q)) {
    case "last4":
      return { where: { last4: q }, capped: false };
    case "stripe_account":
      return { where: { stripeAccountId: q }, capped: false };
    case "stripe_session": {
      const session = await prisma.linkSession.findUnique({ where: { stripeSessionId: q }, select: { id: true } });
      return { where: { linkSessionId: session?.id ?? "none" }, capped: false };
    }
    case "stripe_customer": {
      const customer = await prisma.stripeCustomer.findUnique({ where: { stripeCustomerId: q }, select: { userId: true } });
      return { where: { userId: customer?.userId ?? "none" }, capped: false };
    }
    case "email": {
      const { ids, capped } = await userIdsByEmailPrefix(q);
      return { where: { userId: { in: ids } }, capped };
    }
    case "text": {
      const [{ ids, capped }, institutions] = await Promise.all([userIdsByEmailPrefix(q), listInstitutions()]);
      const needle = q.toLowerCase();
      const matched = institutions.filter((name) => name.toLowerCase().includes(needle));
      const or: Prisma.LinkedAccountWhereInput[] = [];
      if (ids.length) or.push({ userId: { in: ids } });
      if (matched.length) or.push({ institutionName: { in: matched } });
      return { where: or.length ? { OR: or } : { id: "none" }, capped };
    }
  }
}

/** Every filter except `status`, so the status counts show what each status chip would give. */
export async function accountWhere(
  filters: AccountFilters,
  options: { withStatus: boolean } = { withStatus: true },
): Promise<ResolvedSearch> {
  const search = filters.q ? await resolveSearch(filters.q) : { where: {}, capped: false };
  const linkedTo = filters.linkedTo ? new Date(filters.linkedTo.getTime() + 86_400_000) : undefined;
  const where: Prisma.LinkedAccountWhereInput = {
    AND: [
      search.where,
      options.withStatus && filters.status ? { status: filters.status } : {},
      filters.category ? { category: filters.category } : {},
      filters.subcategory ? { subcategory: filters.subcategory } : {},
      filters.institution ? { institutionName: filters.institution } : {},
      ownershipWhere(filters.ownership),
      paymentsWhere(filters.payments),
      filters.linkedFrom || linkedTo ? { createdAt: { gte: filters.linkedFrom, lt: linkedTo } } : {},
    ],
  };
  return { where, capped: search.capped };
}

function ownershipWhere(filter: OwnershipFilter | undefined): Prisma.LinkedAccountWhereInput {
  if (!filter) return {};
  return { ownershipVerdict: filter === "not_confirmed" ? { in: ["partial", "unconfirmed"] } : filter };
}

/**
 * Prisma writes these as EXISTS / NOT EXISTS on the authorizations, probed through their
 * (linkedAccountId, createdAt) and (state, acceptedAt) indexes, so the accounts query stays a
 * keyset scan. "active" is any authorization in that state (an account has at most one live one).
 */
function paymentsWhere(filter: PaymentsFilter | undefined): Prisma.LinkedAccountWhereInput {
  switch (filter) {
    case undefined:
      return {};
    case "active":
      return { paymentAuthorizations: { some: { state: "active" } } };
    case "inactive":
      return { paymentAuthorizations: { some: {}, none: { state: "active" } } };
    case "none":
      return { paymentAuthorizations: { none: {} } };
  }
}

/**
 * The distinct institution names, for the filter menu. A loose index scan (one index probe
 * per name) over the institution index instead of DISTINCT over a million rows.
 */
export async function listInstitutions(): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ name: string }[]>`
    WITH RECURSIVE names AS (
      (SELECT "institutionName" AS name FROM "LinkedAccount" ORDER BY "institutionName" LIMIT 1)
      UNION ALL
      SELECT (SELECT "institutionName" FROM "LinkedAccount" WHERE "institutionName" > names.name ORDER BY "institutionName" LIMIT 1)
      FROM names WHERE names.name IS NOT NULL
    )
    SELECT name FROM names WHERE name IS NOT NULL`;
  return rows.map((row) => row.name);
}

/** The categories and subcategories Stripe uses, for the filter menus. */
export const ACCOUNT_CATEGORIES = ["cash", "credit", "investment", "other"] as const;
export const ACCOUNT_SUBCATEGORIES = [
  "checking",
  "savings",
  "mortgage",
  "line_of_credit",
  "credit_card",
  "other",
] as const;
