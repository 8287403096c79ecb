// /_emulator/test_helpers/...: drive an account's lifecycle the way Stripe's backend would, and
// complete a session without a browser. Separate from /v1 on purpose: real Stripe has no such API.
import type { Emu } from "../core.js";
import { invalidParam, resourceMissing } from "../http/errors.js";
import { nowSeconds } from "../store/ids.js";
import type { AccountRec, Feature } from "../store/records.js";
import { accountObject, sessionObject } from "../resources/objects.js";
import { findInstitution } from "../data/institutions.js";
import { linkAccounts } from "../resources/link.js";
import { int } from "./body.js";

function acct(emu: Emu, id: string): AccountRec {
  const a = emu.store.data.accounts[id];
  if (!a) throw resourceMissing("financial_connections.account", id);
  return a;
}

function emitAccount(emu: Emu, type: string, a: AccountRec, previous?: Record<string, unknown>): void {
  emu.emit(`financial_connections.account.${type}`, a.livemode, accountObject(a) as unknown as Record<string, unknown>, null, previous);
}

const asArray = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? v.split(",") : []);

export function handleTestHelper(emu: Emu, method: string, path: string, body: Record<string, unknown>): unknown | undefined {
  if (method !== "POST") return undefined;
  let m = /^\/_emulator\/test_helpers\/accounts\/([^/]+)\/(deactivate|reactivate|upcoming_deactivation|fail_next_refresh)$/.exec(path);
  if (m) {
    const a = acct(emu, m[1] ?? "");
    switch (m[2]) {
      case "deactivate":
        if (a.status === "active") {
          a.status = "inactive";
          a.upcoming_deactivation = null;
          emitAccount(emu, "deactivated", a, { status: "active" });
        }
        break;
      case "reactivate":
        if (a.status === "inactive") {
          a.status = "active";
          emitAccount(emu, "reactivated", a, { status: "inactive" });
        }
        break;
      case "upcoming_deactivation": {
        const days = int(body.days, "days", 7, 0, 365);
        a.upcoming_deactivation = { action: "relink_required", cause: "access_expired", expected_deactivation_date: nowSeconds() + days * 86_400 };
        emitAccount(emu, "upcoming_deactivation", a);
        break;
      }
      case "fail_next_refresh": {
        const features = asArray(body.features ?? "balance,ownership,transactions");
        for (const f of features) {
          if (!["balance", "ownership", "transactions"].includes(f)) throw invalidParam(`Invalid feature: ${f}`, "features");
          if (!a.fail_next_refresh.includes(f as Feature)) a.fail_next_refresh.push(f as Feature);
        }
        break;
      }
    }
    emu.store.changed();
    return accountObject(a);
  }
  m = /^\/_emulator\/test_helpers\/sessions\/([^/]+)\/complete$/.exec(path);
  if (m) {
    // Links accounts as if the user went through the modal: for app tests that need no browser.
    const s = emu.store.data.sessions[m[1] ?? ""];
    if (!s) throw resourceMissing("financial_connections.session", m[1] ?? "");
    if (s.completed) throw invalidParam("This session has already been completed.", "session");
    const inst = findInstitution(String(body.institution ?? "test_institution"));
    if (!inst || inst.down || inst.accounts.length === 0) throw invalidParam(`Institution cannot be linked: ${String(body.institution)}`, "institution");
    const wanted = asArray(body.accounts);
    const chosen = wanted.length ? inst.accounts.filter((t) => wanted.includes(t.key)) : inst.accounts.slice(0, 1);
    // `count` links that many accounts, cycling through the chosen ones; repeats get their own
    // last4 so they stay distinct bank accounts (benchmarks need sessions with many accounts).
    const count = body.count === undefined ? chosen.length : Number(body.count);
    if (!Number.isInteger(count) || count < 1 || count > 100) throw invalidParam("count must be an integer from 1 to 100", "count");
    const templates = Array.from({ length: chosen.length ? count : 0 }, (_, i) => {
      const tpl = chosen[i % chosen.length]!;
      const round = Math.floor(i / chosen.length);
      return round === 0 ? tpl : { ...tpl, last4: String((Number(tpl.last4) + round * 7) % 10000).padStart(4, "0") };
    }).slice(0, s.limits.accounts);
    if (templates.length === 0) throw invalidParam("No matching accounts", "accounts");
    linkAccounts(emu, s, inst, templates);
    return sessionObject(s, emu.store);
  }
  return undefined;
}
