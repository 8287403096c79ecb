// Turns the accounts a user picked in the modal into Financial Connections accounts.
import type { Emu } from "../core.js";
import type { AccountRec, SessionRec } from "../store/records.js";
import type { AccountTemplate, Institution } from "../data/institutions.js";
import { createHash } from "node:crypto";
import { newId, nowSeconds } from "../store/ids.js";
import { accountObject } from "./objects.js";
import { featureFromPermission, startRefresh } from "./refresh.js";

export function linkAccounts(emu: Emu, s: SessionRec, inst: Institution, templates: AccountTemplate[]): AccountRec[] {
  const now = nowSeconds();
  const created: AccountRec[] = templates.map((tpl) => ({
    id: newId("fca"),
    seq: emu.store.nextSeq(),
    livemode: s.livemode,
    created: now,
    session: s.id,
    account_holder: { ...s.account_holder },
    institution_id: inst.id,
    institution_name: inst.name,
    template: tpl.key,
    display_name: tpl.display_name,
    last4: tpl.last4,
    category: tpl.category,
    subcategory: tpl.subcategory,
    supported_payment_method_types: [...tpl.supported_payment_method_types],
    permissions: [...s.permissions],
    status: "active",
    upcoming_deactivation: null,
    subscriptions: [],
    balance: null,
    balance_refresh: null,
    ownership_refresh: null,
    transaction_refresh: null,
    ownership: null,
    refresh_counts: { balance: 0, ownership: 0, transactions: 0 },
    fail_next_refresh: [],
    transaction_refresh_ids: [],
  }));
  for (const a of created) {
    emu.store.data.accounts[a.id] = a;
    s.account_ids.push(a.id);
    for (const p of s.prefetch) {
      const f = featureFromPermission(p);
      if (f) startRefresh(emu, a, f);
    }
    emu.emit("financial_connections.account.created", a.livemode, accountObject(a) as unknown as Record<string, unknown>, null);
  }
  s.completed = true;
  emu.store.changed();
  return created;
}

/** The bank account token `collectBankAccountToken` returns, for the first payment-capable account. */
export function bankAccountToken(s: SessionRec, a: AccountRec, customerName: string | null): Record<string, unknown> {
  return {
    id: newId("btok"),
    object: "token",
    bank_account: {
      id: newId("ba"),
      object: "bank_account",
      account_holder_name: customerName,
      account_holder_type: "individual",
      account_type: a.subcategory === "savings" ? "savings" : "checking",
      bank_name: a.institution_name.toUpperCase(),
      country: "US",
      currency: "usd",
      // Same bank account, same fingerprint: that is how integrators spot a duplicate link.
      fingerprint: createHash("sha256").update(`${a.institution_id}:${a.template}`).digest("base64url").slice(0, 16),
      last4: a.last4,
      routing_number: "110000000",
      status: "new",
    },
    client_ip: null,
    created: nowSeconds(),
    livemode: s.livemode,
    type: "bank_account",
    used: false,
  };
}
