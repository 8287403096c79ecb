// Ordering an event's account and our copy by their refreshes, without clocks.
import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { compareByRefreshes, type StoredRefreshes } from "./event-order";

const T = 1_800_000_000;
const at = (seconds: number) => new Date(seconds * 1000);

function account(overrides: Partial<Record<"balance_refresh" | "ownership_refresh" | "transaction_refresh", unknown>> & { status?: string; as_of?: number; ownership?: string } = {}) {
  return {
    id: "fca_1",
    object: "financial_connections.account",
    institution_name: "Bank",
    category: "cash",
    subcategory: "checking",
    status: overrides.status ?? "active",
    permissions: ["balances", "ownership", "transactions"],
    created: T - 100,
    balance: { as_of: overrides.as_of ?? T, current: { usd: 100 }, type: "cash", cash: { available: { usd: 100 } } },
    balance_refresh: overrides.balance_refresh ?? { status: "succeeded", last_attempted_at: T, next_refresh_available_at: null },
    ownership: overrides.ownership ?? "fcaowns_1",
    ownership_refresh: overrides.ownership_refresh ?? { status: "succeeded", last_attempted_at: T },
    transaction_refresh: overrides.transaction_refresh ?? { id: "fctxnref_1", status: "succeeded", last_attempted_at: T, next_refresh_available_at: null },
  } as unknown as Stripe.FinancialConnections.Account;
}

const stored: StoredRefreshes = {
  status: "active",
  balanceRefreshStatus: "succeeded",
  balanceRefreshAttemptedAt: at(T),
  balanceAsOf: at(T),
  balanceCurrent: 100n,
  balanceAvailable: 100n,
  ownershipRefreshStatus: "succeeded",
  ownershipRefreshAttemptedAt: at(T),
  ownershipId: "fcaowns_1",
  transactionRefreshStatus: "succeeded",
  transactionRefreshAttemptedAt: at(T),
  syncedTransactionRefreshId: "fctxnref_1",
  syncedAt: at(T),
  permissions: ["balances", "ownership", "transactions"],
  ownersStored: true,
};

describe("compareByRefreshes", () => {
  it("is the same when every refresh and what it carries match", () => {
    expect(compareByRefreshes(account(), stored)).toBe("same");
  });

  it("is newer for a later start or a finish of the refresh we hold as pending, older the other way", () => {
    expect(compareByRefreshes(account({ balance_refresh: { status: "pending", last_attempted_at: T + 5 } }), stored)).toBe("newer");
    expect(compareByRefreshes(account(), { ...stored, balanceRefreshStatus: "pending" })).toBe("newer");
    expect(compareByRefreshes(account({ balance_refresh: { status: "pending", last_attempted_at: T } }), stored)).toBe("older");
    expect(compareByRefreshes(account({ ownership_refresh: { status: "failed", last_attempted_at: T - 5 } }), stored)).toBe("older");
    expect(compareByRefreshes(account(), { ...stored, transactionRefreshAttemptedAt: null, transactionRefreshStatus: null, syncedTransactionRefreshId: null })).toBe("newer");
  });

  it("cannot tell when two refreshes started in one second carry different data, or one refresh is newer and another older", () => {
    expect(compareByRefreshes(account({ as_of: T + 1 }), stored)).toBe("unknown");
    expect(compareByRefreshes(account(), { ...stored, balanceCurrent: 99n })).toBe("unknown");
    // Owners never fetched for the snapshot we hold: the event's cannot be "the same".
    expect(compareByRefreshes(account(), { ...stored, ownersStored: false })).toBe("unknown");
    expect(compareByRefreshes(account({ ownership: "fcaowns_2" }), stored)).toBe("unknown");
    expect(compareByRefreshes(account({ transaction_refresh: { id: "fctxnref_2", status: "succeeded", last_attempted_at: T } }), stored)).toBe("unknown");
    expect(compareByRefreshes(account(), { ...stored, balanceRefreshStatus: "failed" })).toBe("unknown");
    expect(
      compareByRefreshes(account({ balance_refresh: { status: "pending", last_attempted_at: T + 5 }, ownership_refresh: { status: "succeeded", last_attempted_at: T - 5 } }), stored),
    ).toBe("unknown");
  });

  it("cannot tell when the account's status differs (no refresh orders that)", () => {
    expect(compareByRefreshes(account({ status: "inactive" }), stored)).toBe("unknown");
  });
});
