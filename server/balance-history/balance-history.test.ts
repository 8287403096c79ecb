// Balance history against a real database: snapshots kept one per account and UTC day (a later
// refresh replaces, an older one never does), and each day's balance read from them or derived
// from transactions, for one account or many at once.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db/client";
import { getBalanceHistory } from "./get-balance-history";
import { getBalanceTrends } from "./get-balance-trends";
import { recordBalanceSnapshot } from "./record-balance-snapshot";

const b = (n: number) => BigInt(n);
const NOW = new Date("2026-06-15T18:00:00Z");

async function newAccount(balance?: { current: number | null; available?: number | null; asOf: string }) {
  const user = await prisma.user.create({ data: { email: `history-${randomUUID()}@example.com` } });
  return prisma.linkedAccount.create({
    data: {
      userId: user.id,
      stripeAccountId: `fca_${randomUUID()}`,
      mode: "test",
      institutionName: "Test Bank",
      category: "cash",
      subcategory: "checking",
      status: "active",
      stripeCreatedAt: new Date("2026-01-01T00:00:00Z"),
      ...(balance && {
        balanceCurrency: "usd",
        balanceCurrent: balance.current === null ? null : b(balance.current),
        balanceAvailable: balance.available === undefined || balance.available === null ? null : b(balance.available),
        balanceAsOf: new Date(balance.asOf),
      }),
    },
  });
}

async function addTransactions(accountId: string, list: [amount: number, transactedAt: string, status?: "pending" | "posted" | "void"][]) {
  await prisma.accountTransaction.createMany({
    data: list.map(([amount, transactedAt, status = "posted"]) => ({
      linkedAccountId: accountId,
      stripeTransactionId: `fctxn_${randomUUID()}`,
      amount: b(amount),
      currency: "usd",
      description: "Purchase",
      status,
      transactedAt: new Date(transactedAt),
      stripeUpdatedAt: new Date(transactedAt),
    })),
  });
}

const snapshot = (accountId: string, asOf: string, current: number | null, available: number | null = null, currency = "usd") =>
  prisma.$transaction((tx) => recordBalanceSnapshot(tx, accountId, { asOf: new Date(asOf), currency, current: current === null ? null : b(current), available: available === null ? null : b(available) }));

/** The points of the days asked, as [day, current, available, source] (amounts as numbers). */
async function pointsOf(accountId: string, options: { days?: number; now?: Date } = {}) {
  const history = await getBalanceHistory(accountId, { now: NOW, ...options });
  return history.points.map((p) => [p.day, p.current === null ? null : Number(p.current), p.available === null ? null : Number(p.available), p.source] as const);
}

describe("recordBalanceSnapshot", () => {
  it("keeps one row per account and UTC day: a later refresh that day replaces it, an older one never does", async () => {
    const account = await newAccount();
    expect(await snapshot(account.id, "2026-06-10T09:00:00Z", 100_00, 90_00)).toBe(true);
    expect(await snapshot(account.id, "2026-06-10T15:30:00Z", 120_00, null)).toBe(true);
    // Applied late (a webhook that waited): older than the stored one, so nothing changes.
    expect(await snapshot(account.id, "2026-06-10T12:00:00Z", 999_00, 999_00)).toBe(false);
    // The same refresh again is no change either way.
    expect(await snapshot(account.id, "2026-06-10T15:30:00Z", 120_00, null)).toBe(true);
    // 23:59 UTC is still the 10th; 00:00 UTC the 11th.
    await snapshot(account.id, "2026-06-10T23:59:59.999Z", 125_00, 125_00);
    await snapshot(account.id, "2026-06-11T00:00:00Z", 130_00, 129_00);

    const rows = await prisma.balanceSnapshot.findMany({ where: { linkedAccountId: account.id }, orderBy: { day: "asc" } });
    expect(rows.map((r) => ({ day: r.day.toISOString().slice(0, 10), asOf: r.asOf.toISOString(), current: r.current, available: r.available }))).toEqual([
      { day: "2026-06-10", asOf: "2026-06-10T23:59:59.999Z", current: b(125_00), available: b(125_00) },
      { day: "2026-06-11", asOf: "2026-06-11T00:00:00.000Z", current: b(130_00), available: b(129_00) },
    ]);
  });

  it("keeps the amounts exact and null when the bank gives none", async () => {
    const account = await newAccount();
    await snapshot(account.id, "2026-06-12T10:00:00Z", null, 9_007_199_254_740_993, "eur");
    const row = await prisma.balanceSnapshot.findFirstOrThrow({ where: { linkedAccountId: account.id } });
    expect(row).toMatchObject({ currency: "eur", current: null, available: b(9_007_199_254_740_993) });
  });
});

describe("getBalanceHistory", () => {
  it("reads snapshot days, derives the others from the next later balance, ignores void transactions, and leaves days after the newest balance empty", async () => {
    const account = await newAccount({ current: 500_00, available: 480_00, asOf: "2026-06-14T12:00:00Z" });
    await snapshot(account.id, "2026-06-11T08:00:00Z", 300_00, 290_00);
    await snapshot(account.id, "2026-06-14T12:00:00Z", 500_00, 480_00);
    await addTransactions(account.id, [
      [-1_00, "2026-06-15T09:00:00Z"], // after the newest balance: counted nowhere
      [7_00, "2026-06-14T12:00:01Z"], // after the 14th's balance: not in it
      [20_00, "2026-06-14T11:59:59Z"], // before it: the 14th started at 480
      [-30_00, "2026-06-13T22:00:00Z", "pending"], // pending counts
      [1000_00, "2026-06-13T10:00:00Z", "void"], // void never does
      [50_00, "2026-06-13T00:00:00Z"], // midnight belongs to the 13th, not the 12th
      [-4_00, "2026-06-11T07:00:00Z"], // before the 11th's snapshot
      [60_00, "2026-06-11T20:00:00Z"], // after the 11th's snapshot: derivation from the 14th never crosses it
      [10_00, "2026-06-10T12:00:00Z"],
    ]);
    expect(await pointsOf(account.id, { days: 7 })).toEqual([
      ["2026-06-09", 294_00, null, "derived"], // 304 − 10
      ["2026-06-10", 304_00, null, "derived"], // the 11th started at 300 − (−4)
      ["2026-06-11", 300_00, 290_00, "snapshot"],
      ["2026-06-12", 460_00, null, "derived"], // the 13th started at 480 − (−30) − 50
      ["2026-06-13", 480_00, null, "derived"], // the 14th started at 500 − 20
      ["2026-06-14", 500_00, 480_00, "snapshot"],
      ["2026-06-15", null, null, "derived"],
    ]);
    expect((await getBalanceHistory(account.id, { now: NOW, days: 7 })).currency).toBe("usd");
  });

  it("derives from the account's own balance when no snapshot is later, the balance's day being a point of its own", async () => {
    // Linked before snapshots were kept: the account's balance is all there is.
    const account = await newAccount({ current: 200_00, available: 150_00, asOf: "2026-06-13T16:00:00Z" });
    await addTransactions(account.id, [
      [5_00, "2026-06-13T17:00:00Z"],
      [-25_00, "2026-06-13T01:00:00Z"],
      [12_00, "2026-06-12T23:59:59.999Z"],
    ]);
    expect(await pointsOf(account.id, { days: 4 })).toEqual([
      ["2026-06-12", 225_00, null, "derived"],
      ["2026-06-13", 200_00, 150_00, "snapshot"],
      ["2026-06-14", null, null, "derived"],
      ["2026-06-15", null, null, "derived"],
    ]);
  });

  it("covers exactly the window: `days` days ending today (UTC), 90 by default, and a window in the past derives from a later snapshot", async () => {
    const account = await newAccount({ current: 1_000_00, asOf: "2026-06-15T06:00:00Z" });
    await snapshot(account.id, "2026-06-15T06:00:00Z", 1_000_00);
    await snapshot(account.id, "2026-03-17T06:00:00Z", 10_00); // 90 days back from June 15 is March 18: outside
    await addTransactions(account.id, [
      [100_00, "2026-03-18T12:00:00Z"], // on the window's first day: before its end, so not subtracted
      [200_00, "2026-03-19T12:00:00Z"],
      [300_00, "2026-06-01T12:00:00Z"],
    ]);
    const points = await pointsOf(account.id);
    expect(points).toHaveLength(90);
    expect(points[0]).toEqual(["2026-03-18", 500_00, null, "derived"]); // 1000 − 300 − 200
    expect(points.at(-1)).toEqual(["2026-06-15", 1_000_00, null, "snapshot"]);
    expect(points.find(([day]) => day === "2026-05-31")).toEqual(["2026-05-31", 700_00, null, "derived"]);

    // Ending on May 31: the June snapshot, after the window, is still the later balance.
    const past = await pointsOf(account.id, { days: 3, now: new Date("2026-05-31T12:00:00Z") });
    expect(past).toEqual([
      ["2026-05-29", 700_00, null, "derived"],
      ["2026-05-30", 700_00, null, "derived"],
      ["2026-05-31", 700_00, null, "derived"],
    ]);
    expect(await pointsOf(account.id, { days: 1 })).toEqual([["2026-06-15", 1_000_00, null, "snapshot"]]);
  });

  it("is all nulls for an account without any balance, and for an unknown id", async () => {
    const account = await newAccount();
    await addTransactions(account.id, [[-5_00, "2026-06-14T10:00:00Z"]]);
    const history = await getBalanceHistory(account.id, { now: NOW, days: 5 });
    expect(history.currency).toBeNull();
    expect(history.points).toHaveLength(5);
    expect(history.points.every((p) => p.current === null && p.available === null)).toBe(true);
    expect((await getBalanceHistory("no-such-account", { now: NOW, days: 2 })).points.map((p) => p.current)).toEqual([null, null]);
  });
});

describe("getBalanceTrends", () => {
  it("gives every account asked its current balance per day, the same as its history, as numbers", async () => {
    const a = await newAccount({ current: 100_00, asOf: "2026-06-15T10:00:00Z" });
    const c = await newAccount({ current: 40_00, asOf: "2026-06-14T10:00:00Z" });
    const none = await newAccount();
    await snapshot(a.id, "2026-06-13T10:00:00Z", 70_00);
    await addTransactions(a.id, [[10_00, "2026-06-15T08:00:00Z"], [5_00, "2026-06-14T08:00:00Z"]]);
    await addTransactions(c.id, [[-3_00, "2026-06-14T08:00:00Z"], [1_00, "2026-06-14T11:00:00Z"]]);

    const trends = await getBalanceTrends([a.id, c.id, none.id, a.id], { days: 3, now: NOW });
    expect([...trends.keys()].sort()).toEqual([a.id, c.id, none.id].sort());
    expect(trends.get(a.id)).toEqual({
      currency: "usd",
      points: [
        { day: "2026-06-13", current: 70_00 },
        { day: "2026-06-14", current: 90_00 },
        { day: "2026-06-15", current: 100_00 },
      ],
    });
    expect(trends.get(c.id)?.points.map((p) => p.current)).toEqual([43_00, 40_00, null]);
    expect(trends.get(none.id)).toEqual({ currency: null, points: [{ day: "2026-06-13", current: null }, { day: "2026-06-14", current: null }, { day: "2026-06-15", current: null }] });
    for (const id of [a.id, c.id]) {
      const history = await getBalanceHistory(id, { days: 3, now: NOW });
      expect(trends.get(id)?.points.map((p) => p.current)).toEqual(history.points.map((p) => (p.current === null ? null : Number(p.current))));
    }
    expect(await getBalanceTrends([])).toEqual(new Map());
  });
});
