// Account refreshes: `pending` now, `succeeded` or `failed` a moment later, then the
// `financial_connections.account.refreshed_*` event, as at Stripe.
import type { Emu, RequestInfo } from "../core.js";
import type { AccountRec, Feature, RefreshRec } from "../store/records.js";
import { newId, nowSeconds } from "../store/ids.js";
import { generateBalance, generateOwners, generateTransactions } from "../data/generate.js";
import { findInstitution, findTemplate } from "../data/institutions.js";
import { accountObject } from "./objects.js";

const FIELD = { balance: "balance_refresh", ownership: "ownership_refresh", transactions: "transaction_refresh" } as const;
const EVENT = {
  balance: "financial_connections.account.refreshed_balance",
  ownership: "financial_connections.account.refreshed_ownership",
  transactions: "financial_connections.account.refreshed_transactions",
} as const;

/** Starts a refresh unless one is already pending (a repeated request is a no-op, like Stripe). */
export function startRefresh(emu: Emu, a: AccountRec, feature: Feature): void {
  const field = FIELD[feature];
  if (a[field]?.status === "pending") return;
  const r: RefreshRec = { status: "pending", last_attempted_at: nowSeconds(), next_refresh_available_at: null };
  if (feature === "transactions") r.id = newId("fctxnref");
  a[field] = r;
  emu.store.changed();
  emu.later(emu.options.refreshDelayMs, () => finishRefresh(emu, a.id, feature));
}

/** After a restart, refreshes that were pending finish as if nothing happened. */
export function resumeRefreshes(emu: Emu): void {
  for (const a of Object.values(emu.store.data.accounts)) {
    for (const feature of ["balance", "ownership", "transactions"] as const) {
      if (a[FIELD[feature]]?.status === "pending") emu.later(emu.options.refreshDelayMs, () => finishRefresh(emu, a.id, feature));
    }
  }
}

function finishRefresh(emu: Emu, accountId: string, feature: Feature): void {
  const a = emu.store.data.accounts[accountId];
  const r = a?.[FIELD[feature]];
  if (!a || !r || r.status !== "pending") return;
  const now = nowSeconds();
  const failIdx = a.fail_next_refresh.indexOf(feature);
  const fail = failIdx !== -1 || a.status !== "active";
  if (failIdx !== -1) a.fail_next_refresh.splice(failIdx, 1);
  if (!fail) produceData(emu, a, feature, r, now);
  r.status = fail ? "failed" : "succeeded";
  r.next_refresh_available_at = now + emu.options.refreshCooldownSeconds;
  emu.emit(EVENT[feature], a.livemode, accountObject(a) as unknown as Record<string, unknown>, null);
}

function produceData(emu: Emu, a: AccountRec, feature: Feature, r: RefreshRec, now: number): void {
  const n = a.refresh_counts[feature]++;
  const tpl = findTemplate(findInstitution(a.institution_id) ?? { id: "", name: "", auth: "none", description: "", accounts: [] }, a.template);
  if (feature === "balance") {
    a.balance = generateBalance(a.id, a, n, now);
  } else if (feature === "ownership") {
    // Every successful ownership refresh creates a new ownership object, as at Stripe.
    const id = newId("fcaowns");
    emu.store.data.ownerships[id] = { id, created: now, account: a.id, owners: generateOwners(a.id, tpl ?? {}, now) };
    a.ownership = id;
  } else {
    const refreshId = r.id ?? newId("fctxnref");
    const existing = emu.store.data.transactions[a.id] ?? [];
    // Pending transactions from earlier refreshes post now and carry this refresh's id.
    for (const t of existing) {
      if (t.status === "pending") {
        t.status = "posted";
        t.posted_at = now;
        t.updated = now;
        t.transaction_refresh = refreshId;
      }
    }
    const lastDone = existing.reduce((m, t) => Math.max(m, t.updated), 0);
    const days = n === 0 ? 90 : Math.max(1, Math.ceil((now - lastDone) / 86_400));
    emu.store.addTransactions(a.id, generateTransactions(a, n, refreshId, now, days, () => emu.store.nextSeq()));
    a.transaction_refresh_ids.push(refreshId);
  }
}

export function featureFromPermission(p: string): Feature | null {
  return p === "balances" ? "balance" : p === "ownership" ? "ownership" : p === "transactions" ? "transactions" : null;
}

export function permissionForFeature(f: Feature): string {
  return f === "balance" ? "balances" : f;
}

export type { RequestInfo };
