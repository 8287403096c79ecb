// The overview's counters against a scan of the rows they count, after every kind of write:
// bulk inserts (the seed), single creates, status changes, relinks, moves between sessions,
// deletes with cascades, a rolled-back transaction, concurrent links of one session, and
// compaction in between.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/server/db/client";
import { seedDatabase } from "@/tooling/seed/seed-database";
import { compactCounters } from "./counters";
import { funnelStart, getOverview } from "./overview";
import { countRelinkQueue } from "./relink-queue";

/** The same figures as getOverview, by scanning the tables (what the overview used to run). */
async function scanned(now = new Date()) {
  const since = funnelStart(now);
  const [counts] = await prisma.$queryRaw<Record<string, bigint>[]>`
    SELECT (SELECT count(*) FROM "User") AS users,
           (SELECT count(*) FROM "User" WHERE role = 'admin') AS admins,
           (SELECT count(*) FROM "LinkedAccount" WHERE status = 'active') AS active,
           (SELECT count(*) FROM "LinkedAccount" WHERE status = 'inactive') AS inactive,
           (SELECT count(*) FROM "LinkedAccount" WHERE status = 'disconnected') AS disconnected,
           (SELECT count(*) FROM "LinkedAccount" WHERE status = 'inactive' AND "replacedById" IS NULL) AS relink_inactive,
           (SELECT count(*) FROM "LinkedAccount" WHERE status = 'active' AND "replacedById" IS NULL AND "expectedDeactivationAt" IS NOT NULL) AS relink_upcoming,
           (SELECT count(*) FROM "WebhookEvent" WHERE state = 'failed') AS failed_webhooks`;
  const sessions = await prisma.$queryRaw<{ day: string; status: string; n: bigint }[]>`
    SELECT "createdAt"::date::text AS day, status::text AS status, count(*) AS n
    FROM "LinkSession" WHERE "createdAt" >= ${since} GROUP BY 1, 2 ORDER BY 1, 2`;
  const institutions = await prisma.$queryRaw<{ institution: string; sessions: bigint; accounts: bigint; active: bigint; inactive: bigint; disconnected: bigint }[]>`
    SELECT "institutionName" AS institution, count(DISTINCT "linkSessionId") AS sessions, count(*) AS accounts,
           count(*) FILTER (WHERE status = 'active') AS active,
           count(*) FILTER (WHERE status = 'inactive') AS inactive,
           count(*) FILTER (WHERE status = 'disconnected') AS disconnected
    FROM "LinkedAccount" WHERE "createdAt" >= ${since} GROUP BY 1`;
  const n = (value: bigint) => Number(value);
  return {
    users: n(counts!.users!),
    admins: n(counts!.admins!),
    accounts: { active: n(counts!.active!), inactive: n(counts!.inactive!), disconnected: n(counts!.disconnected!) },
    attention: { inactive: n(counts!.relink_inactive!), upcoming: n(counts!.relink_upcoming!), failedWebhooks: n(counts!.failed_webhooks!) },
    sessions: sessions.map((r) => `${r.day} ${r.status} ${n(r.n)}`),
    institutions: institutions
      .map((r) => ({ institution: r.institution, sessions: n(r.sessions), accounts: n(r.accounts), active: n(r.active), inactive: n(r.inactive), disconnected: n(r.disconnected) }))
      .sort((a, b) => a.institution.localeCompare(b.institution)),
  };
}

/** getOverview in the shape of `scanned`. */
async function counted(now = new Date()) {
  const overview = await getOverview(now);
  return {
    users: overview.users,
    admins: overview.admins,
    accounts: overview.accounts,
    attention: overview.attention,
    sessions: overview.funnel.flatMap((d) =>
      (["cancelled", "expired", "failed", "pending", "succeeded"] as const).filter((s) => d[s] > 0).map((s) => `${d.day} ${s} ${d[s]}`),
    ),
    institutions: [...overview.institutions].sort((a, b) => a.institution.localeCompare(b.institution)),
  };
}

async function expectCountsMatchScan() {
  const [fromCounters, fromScan] = [await counted(), await scanned()];
  expect(fromCounters).toEqual(fromScan);
}

let userId: string;
const today = () => new Date();

function account(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    userId,
    stripeAccountId: `fca_cnt_${id}`,
    mode: "test" as const,
    institutionName: "Counter Bank",
    category: "cash",
    subcategory: "checking",
    status: "active" as const,
    stripeCreatedAt: today(),
    ...extra,
  };
}

beforeAll(async () => {
  await seedDatabase({ url: process.env.DATABASE_URL!, users: 30, accounts: 200, batch: 70, concurrency: 1 });
  userId = (await prisma.user.create({ data: { email: "counter@example.com" } })).id;
}, 120_000);

describe("admin counters", () => {
  it("match a scan after the seed's bulk inserts, and after compaction", async () => {
    await expectCountsMatchScan();
    expect(await compactCounters()).toBeGreaterThan(0);
    expect(await prisma.adminCounterDelta.count()).toBe(0);
    await expectCountsMatchScan();
    // A bulk load's worth of deltas: folded, then the emptied table is vacuumed (outside any transaction).
    await prisma.$executeRaw`INSERT INTO "AdminCounterDelta" (metric, day, key1, key2, n) SELECT 'users', DATE '1970-01-01', '', '', 0 FROM generate_series(1, 10001)`;
    expect(await compactCounters()).toBe(10_001);
    await expectCountsMatchScan();
  });

  it("follow creates, status changes, relinks, session moves and deletes", async () => {
    const session = await prisma.linkSession.create({ data: { userId, attemptId: "c1", stripeSessionId: "fcsess_cnt1", mode: "test" } });
    await prisma.linkedAccount.createMany({
      data: [account("a1", { linkSessionId: session.id }), account("a2", { linkSessionId: session.id, status: "inactive" })],
    });
    await prisma.linkSession.update({ where: { id: session.id }, data: { status: "succeeded", accountCount: 2 } });
    await expectCountsMatchScan();

    await prisma.linkedAccount.update({ where: { id: "a1" }, data: { expectedDeactivationAt: new Date(Date.now() + 86_400_000) } });
    await prisma.linkedAccount.update({ where: { id: "a2" }, data: { replacedById: "a1" } });
    await prisma.user.update({ where: { id: userId }, data: { role: "admin" } });
    await prisma.webhookEvent.create({ data: { stripeEventId: "evt_cnt1", type: "x", payload: {}, stripeCreated: today(), state: "failed" } });
    await expectCountsMatchScan();

    // The session's second institution, then its only account there moves to another session.
    const other = await prisma.linkSession.create({ data: { userId, attemptId: "c2", stripeSessionId: "fcsess_cnt2", mode: "test" } });
    await prisma.linkedAccount.create({ data: account("a3", { linkSessionId: session.id, institutionName: "Second Bank" }) });
    await expectCountsMatchScan();
    await prisma.linkedAccount.update({ where: { id: "a3" }, data: { linkSessionId: other.id } });
    await prisma.linkedAccount.update({ where: { id: "a1" }, data: { status: "disconnected" } });
    await prisma.webhookEvent.update({ where: { stripeEventId: "evt_cnt1" }, data: { state: "processed" } });
    await expectCountsMatchScan();

    // A session deleted sets its accounts' session to null; a user deleted takes everything along.
    await prisma.linkSession.delete({ where: { id: other.id } });
    await expectCountsMatchScan();
    await compactCounters();
    await prisma.user.delete({ where: { id: userId } });
    await expectCountsMatchScan();
    userId = (await prisma.user.create({ data: { email: "counter2@example.com" } })).id;
  });

  it("are untouched by a transaction that rolls back", async () => {
    const before = await counted();
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.linkedAccount.create({ data: account("rolled") });
        await tx.user.create({ data: { email: "rolled@example.com", role: "admin" } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await counted()).toEqual(before);
  });

  it("count a session once per institution when its accounts arrive in separate transactions at once", async () => {
    const session = await prisma.linkSession.create({ data: { userId, attemptId: "c3", stripeSessionId: "fcsess_cnt3", mode: "test" } });
    await Promise.all(
      ["p1", "p2", "p3"].map((id) => prisma.$transaction(async (tx) => tx.linkedAccount.create({ data: account(id, { linkSessionId: session.id, institutionName: "Parallel Bank" }) }))),
    );
    const row = (await getOverview()).institutions.find((r) => r.institution === "Parallel Bank");
    expect(row).toMatchObject({ sessions: 1, accounts: 3, active: 3 });
    await expectCountsMatchScan();
  });

  it("serve the relink queue's counts", async () => {
    const fromScan = await scanned();
    expect(await countRelinkQueue()).toEqual({ inactive: fromScan.attention.inactive, upcoming: fromScan.attention.upcoming });
  });
});
