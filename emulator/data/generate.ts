// Account data generated deterministically from the account id (and the refresh number), so
// the same account always has the same balances, owners and transaction history.
import { createHash } from "node:crypto";
import type { AccountTemplate } from "./institutions.js";
import type { BalanceRec, OwnerRec, TransactionRec } from "../store/records.js";

export function rng(seed: string): () => number {
  const h = createHash("sha256").update(seed).digest();
  let a = h.readUInt32LE(0);
  // mulberry32: tiny, fast, and good enough for test data.
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function int(r: () => number, min: number, max: number): number {
  return min + Math.floor(r() * (max - min + 1));
}

function stableId(prefix: string, seed: string): string {
  const h = createHash("sha256").update(seed).digest("base64url").replace(/[-_]/g, "x");
  return `${prefix}_${h.slice(0, 24)}`;
}

export function generateBalance(accountId: string, tpl: { category: string; currency?: string }, refresh: number, asOf: number): BalanceRec {
  const r = rng(`${accountId}:balance:${refresh}`);
  const currency = tpl.currency ?? "usd";
  if (tpl.category === "credit") {
    const used = int(r, 5_000, 300_000);
    return { as_of: asOf, currency, type: "credit", current: -used, other: used };
  }
  const current = int(r, 10_000, 2_500_000);
  return { as_of: asOf, currency, type: "cash", current, other: current - int(r, 0, Math.min(current, 20_000)) };
}

const FIRST = ["Jenny", "Alex", "Sam", "Taylor", "Jordan", "Casey"];
const LAST = ["Rosen", "Smith", "Nguyen", "Garcia", "Okafor", "Kowalski"];

// Stripe's test account holder. Her owner records carry fixed contact details, so a person who
// enters them in their profile sees every field match.
const JENNY = { name: "Jenny Rosen", email: "jenny.rosen@example.com", phone: "+14155550123", raw_address: "510 Townsend St, San Francisco, CA 94103, US" };

/** Owner names per mode: one for each ownership verdict an app can reach against "Jenny Rosen". */
function ownerNames(mode: NonNullable<AccountTemplate["owners"]>, r: () => number): string[] {
  switch (mode) {
    case "match":
      return [JENNY.name];
    case "nickname":
      return ["Jennifer A. Rosen"];
    case "joint":
      return ["Sam & Jenny Rosen"];
    case "partial":
      return ["J. Rosen", `${FIRST[int(r, 1, 5)]} Rosen`];
    case "mismatch":
      return [`${FIRST[int(r, 1, 5)]} ${LAST[int(r, 1, 5)]}`];
    case "none":
      return [];
  }
}

export function generateOwners(accountId: string, tpl: Pick<AccountTemplate, "owners">, refreshedAt: number): OwnerRec[] {
  const r = rng(`${accountId}:owners`);
  return ownerNames(tpl.owners ?? "match", r).map((name, i) => ({
    id: stableId("fcaowner", `${accountId}:owner:${i}`),
    name,
    ...(name === JENNY.name
      ? { email: JENNY.email, phone: JENNY.phone, raw_address: JENNY.raw_address }
      : {
          email: `${name.toLowerCase().replace(/[^a-z]+/g, ".").replace(/^\.|\.$/g, "")}@example.com`,
          phone: `+1555${String(int(r, 1000000, 9999999))}`,
          raw_address: `${int(r, 1, 999)} Market Street, San Francisco, CA 94103, US`,
        }),
    refreshed_at: refreshedAt,
  }));
}

const DEBITS = ["Coffee Shop", "Grocery Market", "Gas Station", "Streaming Service", "Electric Utility", "Restaurant", "Pharmacy", "Online Store", "Rideshare", "Gym Membership"];

/**
 * Transactions for one successful refresh. Refresh 0 is the 90-day history; later refreshes add
 * the days since the previous one. Dates are relative to `anchor` (the refresh time).
 */
export function generateTransactions(
  account: { id: string; livemode: boolean; category: string; currency?: string },
  refresh: number,
  refreshId: string,
  anchor: number,
  sinceDays: number,
  nextSeq: () => number,
): TransactionRec[] {
  const r = rng(`${account.id}:txns:${refresh}`);
  const out: TransactionRec[] = [];
  const day = 86_400;
  for (let d = sinceDays - 1; d >= 0; d--) {
    // A later refresh always brings at least one new transaction on its own day, so a test can
    // tell a refresh that stored the new ones from one that stored nothing.
    const perDay = int(r, refresh > 0 && d === 0 ? 1 : 0, 3);
    for (let k = 0; k < perDay; k++) {
      const transactedAt = anchor - d * day - int(r, 0, day - 1);
      const isPay = account.category === "cash" && d % 14 === 0 && k === 0;
      const amount = isPay ? int(r, 150_000, 400_000) : -int(r, 150, 25_000);
      const pending = d < 2;
      out.push({
        id: stableId("fctxn", `${account.id}:${refresh}:${d}:${k}`),
        seq: nextSeq(),
        account: account.id,
        livemode: account.livemode,
        amount: account.category === "credit" ? -amount : amount,
        currency: account.currency ?? "usd",
        description: isPay ? "Payroll Deposit" : (DEBITS[int(r, 0, DEBITS.length - 1)] ?? "Purchase"),
        status: pending ? "pending" : "posted",
        posted_at: pending ? null : transactedAt + day,
        void_at: null,
        transacted_at: transactedAt,
        transaction_refresh: refreshId,
        updated: anchor,
      });
    }
  }
  return out;
}
