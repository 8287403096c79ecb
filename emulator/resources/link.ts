// Turns the accounts a user picked in the modal into Financial Connections accounts.
import type { Emu } from "../core.js";
import type { AccountRec, LinkChoice, SessionRec } from "../store/records.js";
import { INSTITUTIONS, findInstitution, type AccountTemplate, type Institution } from "../data/institutions.js";
import { createHash } from "node:crypto";
import { invalidParam } from "../http/errors.js";
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
    currency: tpl.currency ?? "usd",
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

export const asArray = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? v.split(",") : []);

/**
 * Reads a choice from a control body (`institution`, `accounts`, `count`) and checks it against
 * the institutions, so a bad one is refused when it is made, not when a session uses it.
 */
export function parseLinkChoice(body: Record<string, unknown>): { choice: LinkChoice; institution: Institution; templates: AccountTemplate[] } {
  const institution = String(body.institution ?? "test_institution");
  const inst = findInstitution(institution);
  if (!inst || inst.down || inst.accounts.length === 0) throw invalidParam(`Institution cannot be linked: ${institution}`, "institution");
  const accounts = asArray(body.accounts);
  const chosen = accounts.length ? inst.accounts.filter((t) => accounts.includes(t.key)) : inst.accounts.slice(0, 1);
  if (chosen.length === 0) throw invalidParam("No matching accounts", "accounts");
  const count = body.count === undefined || body.count === null ? chosen.length : Number(body.count);
  if (!Number.isInteger(count) || count < 1 || count > 100) throw invalidParam("count must be an integer from 1 to 100", "count");
  // Repeats get their own last4 so they stay distinct bank accounts (benchmarks need sessions with many accounts).
  const templates = Array.from({ length: count }, (_, i) => {
    const tpl = chosen[i % chosen.length]!;
    const round = Math.floor(i / chosen.length);
    return round === 0 ? tpl : { ...tpl, last4: String((Number(tpl.last4) + round * 7) % 10000).padStart(4, "0") };
  });
  const choice: LinkChoice = { institution, accounts, ...(body.count !== undefined && body.count !== null && { count }), ...(body.distinct === true && { distinct: true }) };
  return { choice, institution: inst, templates };
}

/** Links `choice` to the session as if the user had picked it in the modal (at most `limits[accounts]`). */
export function linkChoice(emu: Emu, s: SessionRec, choice: LinkChoice): AccountRec[] {
  const { institution, templates } = choice.distinct ? distinctChoice(emu, s, choice) : parseLinkChoice({ ...choice });
  return linkAccounts(emu, s, institution, templates.slice(0, s.limits.accounts));
}

/** How many `distinct` sessions each emulator has linked (in memory: a restart starts again at 0). */
const distinctTurns = new WeakMap<Emu, number>();

/**
 * A choice's `distinct` form: the next institution in turn among those that can be linked with
 * the session's permissions (accounts that carry a payment method when it asks for one), and
 * last4s numbered by turn, so no two sessions link the same bank account.
 */
function distinctChoice(emu: Emu, s: SessionRec, choice: LinkChoice): { institution: Institution; templates: AccountTemplate[] } {
  const usable = (tpl: AccountTemplate) => !s.permissions.includes("payment_method") || tpl.supported_payment_method_types.includes("us_bank_account");
  const candidates = INSTITUTIONS.filter((i) => !i.down && i.accounts.some(usable));
  const n = distinctTurns.get(emu) ?? 0;
  distinctTurns.set(emu, n + 1);
  const institution = candidates[n % candidates.length]!;
  const eligible = institution.accounts.filter(usable);
  const count = Math.max(1, choice.count ?? choice.accounts.length);
  const templates = Array.from({ length: count }, (_, i) => ({ ...eligible[i % eligible.length]!, last4: String((n * 8 + i) % 10000).padStart(4, "0") }));
  return { institution, templates };
}

/**
 * Auto-complete (`autoComplete` option, `/_emulator/auto_complete`): a session created while it
 * is on completes with the chosen accounts when the API first returns it, as if its user had
 * finished the modal at once. Lets load tests link without a browser on the emulator's host.
 */
export function autoCompleteOnRetrieve(emu: Emu, s: SessionRec): void {
  if (s.auto_complete && !s.completed) linkChoice(emu, s, s.auto_complete);
}

/**
 * Same bank account, same fingerprint: that is how integrators spot a duplicate link (Stripe
 * gives FC accounts none; bank account tokens and us_bank_account PaymentMethods carry it).
 * last4 is part of it because repeats of one template get their own last4 (see parseLinkChoice).
 */
export function bankAccountFingerprint(a: AccountRec): string {
  return createHash("sha256").update(`${a.institution_id}:${a.template}:${a.last4}`).digest("base64url").slice(0, 16);
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
      fingerprint: bankAccountFingerprint(a),
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
