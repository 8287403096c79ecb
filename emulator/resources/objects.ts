// Builds the wire objects from records. The return types are the installed stripe package's types
// (checked by types-conformance.test.ts), so a shape drift is a compile error, not a surprise.
import Stripe from "stripe";
import type { AccountRec, CustomerRec, EventRec, OwnerRec, OwnershipRec, RefreshRec, SessionRec, TransactionRec } from "../store/records.js";
import type { Store } from "../store/store.js";

export const API_VERSION: string = Stripe.API_VERSION;

export function list<T>(data: T[], url: string, hasMore = false): { object: "list"; data: T[]; has_more: boolean; url: string } {
  return { object: "list", data, has_more: hasMore, url };
}

export function customerObject(c: CustomerRec): Stripe.Customer | Stripe.DeletedCustomer {
  if (c.deleted) return { id: c.id, object: "customer", deleted: true };
  return {
    id: c.id,
    object: "customer",
    address: c.address as Stripe.Address | null,
    balance: 0,
    created: c.created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: c.description,
    discount: null,
    email: c.email,
    invoice_prefix: c.id.slice(4, 12).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: c.livemode,
    metadata: { ...c.metadata },
    name: c.name,
    next_invoice_sequence: 1,
    phone: c.phone,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
}

function holder(h: SessionRec["account_holder"]): Stripe.FinancialConnections.Session.AccountHolder {
  return h.type === "customer" ? { type: "customer", customer: h.customer ?? "" } : { type: "account", account: h.account ?? "" };
}

function refresh(r: RefreshRec | null): { last_attempted_at: number; next_refresh_available_at: number | null; status: "pending" | "succeeded" | "failed" } | null {
  if (!r) return null;
  return { last_attempted_at: r.last_attempted_at, next_refresh_available_at: r.next_refresh_available_at, status: r.status };
}

export function accountObject(a: AccountRec): Stripe.FinancialConnections.Account {
  const b = a.balance;
  const currency = b?.currency ?? "usd";
  const balance: Stripe.FinancialConnections.Account.Balance | null = !b
    ? null
    : b.type === "cash"
      ? { as_of: b.as_of, cash: { available: { [currency]: b.other } }, current: { [currency]: b.current }, type: "cash" }
      : { as_of: b.as_of, credit: { used: { [currency]: b.other } }, current: { [currency]: b.current }, type: "credit" };
  const tr = a.transaction_refresh;
  const obj: Stripe.FinancialConnections.Account = {
    id: a.id,
    object: "financial_connections.account",
    account_holder: holder(a.account_holder),
    account_numbers: a.supported_payment_method_types.includes("us_bank_account")
      ? [{ expected_expiry_date: null, identifier_type: "account_number", status: a.status === "active" ? "transactable" : "deactivated", supported_networks: ["ach"] }]
      : null,
    balance,
    balance_refresh: refresh(a.balance_refresh),
    category: a.category,
    created: a.created,
    display_name: a.display_name,
    institution_name: a.institution_name,
    last4: a.last4,
    livemode: a.livemode,
    ownership: a.ownership,
    ownership_refresh: refresh(a.ownership_refresh),
    permissions: [...a.permissions],
    status: a.status,
    subcategory: a.subcategory,
    subscriptions: [...a.subscriptions] as "transactions"[],
    supported_payment_method_types: [...a.supported_payment_method_types],
    transaction_refresh: tr ? { id: tr.id ?? "", last_attempted_at: tr.last_attempted_at, next_refresh_available_at: tr.next_refresh_available_at, status: tr.status } : null,
  };
  if (a.upcoming_deactivation && a.status === "active") obj.status_details = { active: { ...a.upcoming_deactivation } };
  return obj;
}

export function sessionObject(s: SessionRec, store: Store): Stripe.FinancialConnections.Session {
  const accounts = s.account_ids.flatMap((id) => {
    const a = store.data.accounts[id];
    return a ? [accountObject(a)] : [];
  });
  const obj: Stripe.FinancialConnections.Session = {
    id: s.id,
    object: "financial_connections.session",
    account_holder: holder(s.account_holder),
    accounts: list(accounts, "/v1/financial_connections/accounts"),
    client_secret: s.client_secret,
    filters: {
      account_subcategories: s.filters.account_subcategories ? [...s.filters.account_subcategories] : null,
      country: s.filters.countries?.[0] ?? null,
      ...(s.filters.require_payment_method_support ? { require_payment_method_support: s.filters.require_payment_method_support as "all" } : {}),
    },
    limits: { accounts: s.limits.accounts },
    livemode: s.livemode,
    manual_entry: { mode: s.manual_entry.mode },
    permissions: [...s.permissions],
    prefetch: s.prefetch.length ? [...s.prefetch] : null,
  };
  if (s.return_url) obj.return_url = s.return_url;
  if (s.bank_account_token) obj.bank_account_token = s.bank_account_token as unknown as Stripe.Token;
  return obj;
}

export function transactionObject(t: TransactionRec): Stripe.FinancialConnections.Transaction {
  return {
    id: t.id,
    object: "financial_connections.transaction",
    account: t.account,
    amount: t.amount,
    currency: t.currency,
    description: t.description,
    livemode: t.livemode,
    status: t.status,
    status_transitions: { posted_at: t.posted_at, void_at: t.void_at },
    transacted_at: t.transacted_at,
    transaction_refresh: t.transaction_refresh,
    updated: t.updated,
  };
}

export function ownerObject(o: OwnerRec, ownership: string): Stripe.FinancialConnections.AccountOwner {
  return {
    id: o.id,
    object: "financial_connections.account_owner",
    email: o.email,
    name: o.name,
    ownership,
    phone: o.phone,
    raw_address: o.raw_address,
    refreshed_at: o.refreshed_at,
  };
}

export function ownershipObject(o: OwnershipRec): Stripe.FinancialConnections.AccountOwnership {
  return {
    id: o.id,
    object: "financial_connections.account_ownership",
    created: o.created,
    owners: list(o.owners.map((w) => ownerObject(w, o.id)), `/v1/financial_connections/accounts/${o.account}/owners?ownership=${o.id}`),
  };
}

export function eventObject(e: EventRec, pendingWebhooks: number): Stripe.Event {
  // Every field but `type` is checked against EventBase; `type` is a string here because the
  // emulator emits from a fixed list (see the emit calls), which the union cannot see.
  const base: Omit<Stripe.EventBase, "type"> & { type: string } = {
    id: e.id,
    object: "event",
    api_version: e.api_version,
    created: e.created,
    data: e.data,
    livemode: e.livemode,
    pending_webhooks: pendingWebhooks,
    request: e.request,
    type: e.type,
  };
  return base as unknown as Stripe.Event;
}
