// The admin read queries against a real database filled by the seed generator, plus a
// few hand-made rows where a test needs to know exactly what is there.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/server/db/client";
import { seedDatabase } from "@/tooling/seed/seed-database";
import { parseAccountFilters, listInstitutions, resolveSearch } from "./account-filters";
import { listAuditLog } from "@/server/audit/audit-log";
import { EXPORT_COLUMNS, exportAccountsCsv } from "./export-accounts";
import { countAccounts, listAccounts } from "./list-accounts";
import { getLinkFunnel, getOverview } from "./overview";
import { listRelinkQueue } from "./relink-queue";
import { decodeCursor, encodeCursor } from "@/lib/admin/search-params";
import { getUserDetail, listUsers } from "@/server/users/users";
import { getWebhookEvent, listWebhookEvents } from "./webhook-events";

const filters = (query: Record<string, string> = {}) => parseAccountFilters(new URLSearchParams(query));

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** Every row of a listing, page by page, following the cursors. */
async function allPages(query: Record<string, string>, limit: number) {
  const seen: string[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await listAccounts(filters(query), { after, limit });
    seen.push(...page.rows.map((r) => r.id));
    if (!page.next) break;
    after = page.next;
  }
  return seen;
}

/** The seeded active account that gets a revoked and then a failed authorization (set in beforeAll). */
let failedAccountId: string;

/** A payment authorization as the payments code stores it, made by hand (no Stripe ids unless given). */
function authorize(linkedAccountId: string, state: "pending" | "active" | "failed" | "inactive" | "revoked", at: string, extra: Record<string, unknown> = {}) {
  return prisma.paymentAuthorization.create({
    data: {
      linkedAccountId,
      state,
      source: "account_page",
      acceptedAt: new Date(at),
      acceptedIp: "198.51.100.1",
      acceptedUserAgent: "Vitest",
      createdAt: new Date(at),
      ...(state === "revoked" && { revokedAt: new Date(at), stateReason: "revoked" }),
      ...extra,
    },
  });
}

beforeAll(async () => {
  await seedDatabase({ url: process.env.DATABASE_URL!, users: 40, accounts: 300, batch: 100, concurrency: 1 });
  // Two accounts with a known user, last4 and ties on createdAt, to check search and tie-breaking.
  const user = await prisma.user.create({ data: { email: "zelda.known@example.com", name: "Zelda Known" } });
  const at = new Date("2026-01-02T03:04:05.000Z");
  for (const [i, status] of (["active", "inactive"] as const).entries()) {
    await prisma.linkedAccount.create({
      data: {
        id: `known_${i}`,
        userId: user.id,
        stripeAccountId: `fca_known${i}`,
        mode: "test",
        institutionName: "Known Credit Union",
        last4: "4242",
        category: "cash",
        subcategory: "checking",
        status,
        balanceCurrent: BigInt("123456789012345678"),
        balanceCurrency: "usd",
        stripeCreatedAt: at,
        createdAt: at,
      },
    });
  }
  // Pay by bank (the seed has no authorizations): known_0 active now (an older one revoked),
  // known_1 inactive, and one seeded active account whose newest setup failed after a revoke.
  await authorize("known_0", "revoked", "2026-01-03T00:00:00.000Z", { stripeMandateId: "mandate_old", mandateStatus: "inactive", acceptedIp: "192.0.2.1" });
  await authorize("known_0", "active", "2026-01-04T05:06:07.000Z", { stripeMandateId: "mandate_known0", mandateStatus: "active", acceptedIp: "203.0.113.7" });
  await authorize("known_1", "inactive", "2026-01-05T00:00:00.000Z", { stripeMandateId: "mandate_known1", mandateStatus: "inactive", stateReason: "mandate_inactive" });
  failedAccountId = (await prisma.linkedAccount.findFirstOrThrow({ where: { status: "active", id: { startsWith: "seed_" } }, orderBy: { id: "asc" } })).id;
  await authorize(failedAccountId, "revoked", "2026-01-06T00:00:00.000Z", { stripeMandateId: "mandate_gone" });
  await authorize(failedAccountId, "failed", "2026-01-07T00:00:00.000Z", { failureCode: "setup_failed", failureMessage: "Bank said no", stateReason: "setup_failed" });
}, 120_000);

describe("accounts table", () => {
  it("pages through every account once by keyset, newest first, with ties broken by id", async () => {
    const ids = await allPages({}, 37);
    expect(ids).toHaveLength(302);
    expect(new Set(ids).size).toBe(302);
    const rows = await prisma.linkedAccount.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    expect(ids).toEqual(rows.map((r) => r.id));
  });

  it("pages by institution in both directions and goes back with `before`", async () => {
    const asc = await allPages({ sort: "institution" }, 50);
    const desc = await allPages({ sort: "institution", dir: "desc" }, 50);
    expect(asc).toHaveLength(302);
    expect(desc).toEqual([...asc].reverse());

    const f = filters({ sort: "institution" });
    const first = await listAccounts(f, { limit: 20 });
    const second = await listAccounts(f, { after: first.next!, limit: 20 });
    expect(first.prev).toBeNull();
    expect(second.prev).not.toBeNull();
    const back = await listAccounts(f, { before: second.prev!, limit: 20 });
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(back.prev).toBeNull();
  });

  it("filters by status, category, subcategory, institution and linked dates", async () => {
    const institution = (await listInstitutions())[0]!;
    const query = { status: "active", category: "cash", subcategory: "checking", institution };
    const ids = await allPages(query, 100);
    const expected = await prisma.linkedAccount.count({
      where: { status: "active", category: "cash", subcategory: "checking", institutionName: institution },
    });
    expect(ids.length).toBe(expected);
    expect(expected).toBeGreaterThan(0);

    const byDay = await allPages({ from: "2026-01-02", to: "2026-01-02", institution: "Known Credit Union" }, 10);
    expect(byDay.sort()).toEqual(["known_0", "known_1"]);
    expect(await allPages({ from: "2026-01-03", institution: "Known Credit Union" }, 10)).toEqual([]);
  });

  it("finds accounts by last4, email prefix, Stripe ids and institution text", async () => {
    const byLast4 = await listAccounts(filters({ q: "4242" }));
    expect(byLast4.rows.map((r) => r.id)).toEqual(expect.arrayContaining(["known_0", "known_1"]));
    expect(byLast4.rows.every((r) => r.last4 === "4242")).toBe(true);

    const byEmail = await listAccounts(filters({ q: "Zelda.Known@" }));
    expect(byEmail.rows.map((r) => r.id).sort()).toEqual(["known_0", "known_1"]);
    expect(byEmail.rows[0]!.user.email).toBe("zelda.known@example.com");

    expect((await listAccounts(filters({ q: "fca_known1" }))).rows.map((r) => r.id)).toEqual(["known_1"]);
    expect((await listAccounts(filters({ q: "known credit" }))).rows).toHaveLength(2);
    expect((await listAccounts(filters({ q: "zelda" }))).rows).toHaveLength(2);

    const session = await prisma.linkSession.findFirstOrThrow({ where: { status: "succeeded" }, include: { linkedAccounts: true } });
    const bySession = await listAccounts(filters({ q: session.stripeSessionId }));
    expect(bySession.rows.map((r) => r.id).sort()).toEqual(session.linkedAccounts.map((a) => a.id).sort());

    const customer = await prisma.stripeCustomer.findFirstOrThrow({ where: { user: { linkedAccounts: { some: {} } } } });
    const byCustomer = await listAccounts(filters({ q: customer.stripeCustomerId }));
    expect(byCustomer.rows.length).toBe(await prisma.linkedAccount.count({ where: { userId: customer.userId } }));

    expect((await listAccounts(filters({ q: "nobody-at-all@nowhere" }))).rows).toEqual([]);
    expect((await resolveSearch("fcsess_missing")).where).toEqual({ linkSessionId: "none" });
  });

  it("counts matches per status, ignoring the status filter for the chips", async () => {
    const counts = await countAccounts(filters({ q: "4242", status: "inactive" }));
    const all = await prisma.linkedAccount.groupBy({ by: ["status"], where: { last4: "4242" }, _count: { _all: true } });
    const of = (s: string) => all.find((g) => g.status === s)?._count._all ?? 0;
    expect(counts).toEqual({ active: of("active"), inactive: of("inactive"), disconnected: of("disconnected"), total: of("inactive") });
  });

  it("filters by payments: an active authorization, authorized but none active, never authorized", async () => {
    expect(await allPages({ payments: "active" }, 10)).toEqual(["known_0"]);
    expect((await allPages({ payments: "inactive" }, 10)).sort()).toEqual([failedAccountId, "known_1"].sort());
    // Combined with the other filters, and paged by keyset in both sorts over the 299 others.
    expect(await allPages({ payments: "inactive", status: "inactive" }, 10)).toEqual(["known_1"]);
    const authorized = ["known_0", "known_1", failedAccountId];
    const never = (await prisma.linkedAccount.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } }))
      .map((r) => r.id)
      .filter((id) => !authorized.includes(id));
    expect(never).toHaveLength(299);
    expect(await allPages({ payments: "none" }, 37)).toEqual(never);
    expect((await allPages({ payments: "none", sort: "institution" }, 50)).sort()).toEqual([...never].sort());

    const counts = await countAccounts(filters({ payments: "inactive" }));
    expect(counts).toMatchObject({ active: 1, inactive: 1, disconnected: 0, total: 2 });
  });

  it("gives each row the state of its newest authorization", async () => {
    const page = await listAccounts(filters({ payments: "inactive" }));
    const state = (id: string) => page.rows.find((r) => r.id === id)?.paymentAuthorizations.map((a) => a.state);
    expect(state(failedAccountId)).toEqual(["failed"]);
    expect(state("known_1")).toEqual(["inactive"]);
    expect((await listAccounts(filters({ payments: "active" }))).rows[0]!.paymentAuthorizations).toEqual([{ state: "active" }]);
    expect((await listAccounts(filters({ payments: "none" }), { limit: 3 })).rows.map((r) => r.paymentAuthorizations)).toEqual([[], [], []]);
  });

  it("treats a broken cursor as the first page", async () => {
    const first = await listAccounts(filters(), { limit: 5 });
    const broken = await listAccounts(filters(), { after: "not-a-cursor", limit: 5 });
    expect(broken.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(decodeCursor(encodeCursor(["a", "b"], "id1"))).toEqual({ values: ["a", "b"], id: "id1" });
  });

  it("ignores filter values that are not allowed", () => {
    expect(filters({ status: "deleted", sort: "balance", from: "yesterday", institution: "<script>", payments: "some" })).toEqual({
      q: undefined,
      status: undefined,
      category: undefined,
      subcategory: undefined,
      institution: undefined,
      payments: undefined,
      linkedFrom: undefined,
      linkedTo: undefined,
      sort: "linked",
      dir: "desc",
    });
  });
});

describe("CSV export", () => {
  it("streams every filtered row once in small batches, with exact balances", async () => {
    const csv = await readAll(exportAccountsCsv(filters({ status: "active" }), 7));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(EXPORT_COLUMNS.join(","));
    const expected = await prisma.linkedAccount.count({ where: { status: "active" } });
    expect(lines).toHaveLength(expected + 1);
    expect(new Set(lines.slice(1).map((l) => l.split(",")[0])).size).toBe(expected);
    const known = lines.find((l) => l.startsWith("known_0,"))!;
    expect(known).toContain(",zelda.known@example.com,Known Credit Union,");
    expect(known).toContain(",1234567890123456.78,123456789012345678,USD,2026-01-02T03:04:05.000Z,");
  });

  it("adds the newest authorization's state and mandate, and honours the payments filter", async () => {
    const header = EXPORT_COLUMNS.join(",");
    expect(header).toContain(",payments_state,mandate_id,mandate_status,mandate_accepted_at,mandate_accepted_ip");
    const rows = async (query: Record<string, string>) => {
      const lines = (await readAll(exportAccountsCsv(filters(query), 2))).trimEnd().split("\r\n");
      expect(lines[0]).toBe(header);
      const at = EXPORT_COLUMNS.indexOf("payments_state");
      return new Map(lines.slice(1).map((line) => [line.split(",")[0]!, line.split(",").slice(at)]));
    };

    const active = await rows({ payments: "active" });
    expect([...active.keys()]).toEqual(["known_0"]);
    expect(active.get("known_0")).toEqual(["active", "mandate_known0", "active", "2026-01-04T05:06:07.000Z", "203.0.113.7"]);

    const inactive = await rows({ payments: "inactive" });
    expect([...inactive.keys()].sort()).toEqual([failedAccountId, "known_1"].sort());
    expect(inactive.get("known_1")).toEqual(["inactive", "mandate_known1", "inactive", "2026-01-05T00:00:00.000Z", "198.51.100.1"]);
    // The failed setup is the newest: no mandate of its own, the revoked one before it is not shown.
    expect(inactive.get(failedAccountId)).toEqual(["failed", "", "", "2026-01-07T00:00:00.000Z", "198.51.100.1"]);

    const never = await rows({ payments: "none", status: "active" });
    expect(never.size).toBe(await prisma.linkedAccount.count({ where: { status: "active", paymentAuthorizations: { none: {} } } }));
    expect([...never.values()].every((cells) => cells.every((cell) => cell === ""))).toBe(true);
  });

  it("writes only the header when nothing matches", async () => {
    expect(await readAll(exportAccountsCsv(filters({ q: "0000-no" })))).toBe(`${EXPORT_COLUMNS.join(",")}\r\n`);
  });
});

describe("overview", () => {
  it("counts users, accounts by status and the 30-day funnel", async () => {
    const overview = await getOverview();
    expect(overview.users).toBe(await prisma.user.count());
    expect(overview.admins).toBe(3);
    expect(overview.accounts.active + overview.accounts.inactive + overview.accounts.disconnected).toBe(302);
    expect(overview.funnel).toHaveLength(30);
    const since = new Date(overview.funnel[0]!.day);
    expect(overview.funnelTotals.created).toBe(await prisma.linkSession.count({ where: { createdAt: { gte: since } } }));
    expect(overview.funnelTotals.succeeded).toBe(await prisma.linkSession.count({ where: { createdAt: { gte: since }, status: "succeeded" } }));
    const linked = overview.institutions.reduce((sum, row) => sum + row.accounts, 0);
    expect(linked).toBe(await prisma.linkedAccount.count({ where: { createdAt: { gte: since } } }));
  });

  it("computes conversion from finished sessions per day", async () => {
    const user = await prisma.user.create({ data: { email: "funnel@example.com" } });
    const now = new Date("2030-06-15T12:00:00.000Z");
    const statuses = ["succeeded", "succeeded", "cancelled", "failed", "expired", "pending"] as const;
    for (const [i, status] of statuses.entries()) {
      await prisma.linkSession.create({
        data: { userId: user.id, attemptId: `f${i}`, stripeSessionId: `fcsess_funnel${i}`, mode: "test", status, createdAt: new Date("2030-06-14T08:00:00.000Z") },
      });
    }
    const funnel = await getLinkFunnel(now);
    const day = funnel.find((d) => d.day === "2030-06-14")!;
    // An abandoned hosted attempt (expired) is a finished session that did not convert.
    expect(day).toMatchObject({ created: 6, succeeded: 2, cancelled: 1, failed: 1, expired: 1, pending: 1, conversion: 0.4 });
    expect(funnel.at(-1)!.day).toBe("2030-06-15");
  });
});

describe("relink queue", () => {
  it("lists inactive accounts (oldest sync first) and upcoming deactivations (soonest first), without relinked ones", async () => {
    const queue = await listRelinkQueue();
    expect(queue.counts.inactive).toBe(await prisma.linkedAccount.count({ where: { status: "inactive", replacedById: null } }));
    // The seed holds both kinds: the order checks below run on real rows, never on none.
    expect(queue.inactive.rows.length).toBeGreaterThan(1);
    expect(queue.upcoming.rows.length).toBeGreaterThan(1);
    const synced = queue.inactive.rows.map((r) => r.syncedAt.getTime());
    expect(synced).toEqual([...synced].sort((a, b) => a - b));
    const dates = queue.upcoming.rows.map((r) => r.expectedDeactivationAt!.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(queue.upcoming.rows.every((r) => r.status === "active")).toBe(true);

    await prisma.linkedAccount.update({ where: { id: "known_1" }, data: { replacedById: "known_0" } });
    const after = await listRelinkQueue();
    expect(after.counts.inactive).toBe(queue.counts.inactive - 1);
    await prisma.linkedAccount.update({ where: { id: "known_1" }, data: { replacedById: null } });
  });
});

describe("users", () => {
  it("searches by email prefix and pages by keyset with account counts", async () => {
    const found = await listUsers({ q: "zelda" });
    expect(found.rows).toHaveLength(1);
    expect(found.rows[0]).toMatchObject({ email: "zelda.known@example.com", accountCount: 2 });

    const admins = await listUsers({ role: "admin" });
    expect(admins.rows).toHaveLength(3);

    const all: string[] = [];
    let after: string | undefined;
    do {
      const page = await listUsers({}, { after });
      all.push(...page.rows.map((u) => u.id));
      after = page.next ?? undefined;
    } while (after);
    expect(new Set(all).size).toBe(await prisma.user.count());
  });

  it("shows a user's accounts, link sessions and audit entries", async () => {
    const detail = await getUserDetail("seed_usr_000000001");
    expect(detail?.user.role).toBe("admin");
    expect(detail?.linkSessions.length).toBe(Math.min(50, await prisma.linkSession.count({ where: { userId: "seed_usr_000000001" } })));
    expect(await getUserDetail("missing")).toBeNull();
  });
});

describe("webhook events and audit log", () => {
  it("lists events newest first with type prefix, state and object filters", async () => {
    const failed = await listWebhookEvents({ state: "failed" });
    expect(failed.rows.length).toBeGreaterThan(0);
    expect(failed.rows.every((e) => e.state === "failed")).toBe(true);
    const prefix = await listWebhookEvents({ type: "financial_connections.account.refreshed*" });
    expect(prefix.rows.length).toBeGreaterThan(1);
    expect(prefix.rows.every((e) => e.type.startsWith("financial_connections.account.refreshed"))).toBe(true);
    const received = prefix.rows.map((e) => e.receivedAt.getTime());
    expect(received).toEqual([...received].sort((a, b) => b - a));
    const one = prefix.rows[0]!;
    expect((await listWebhookEvents({ object: one.stripeObjectId! })).rows.map((e) => e.id)).toContain(one.id);
    const detail = await getWebhookEvent(one.id);
    expect(detail?.event.payload).toMatchObject({ type: one.type });
    expect(detail?.account?.id).toBeDefined();
  });

  it("lists audit entries with actor and subject", async () => {
    const page = await listAuditLog({ action: "account.disconnect" });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.length).toBe(Math.min(50, await prisma.auditLog.count({ where: { action: "account.disconnect" } })));
    for (const entry of page.rows) expect(entry.actor?.email).toBeTruthy();
  });
});
