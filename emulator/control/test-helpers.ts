// /_emulator/test_helpers/...: drive an account's lifecycle the way Stripe's backend would, lapse
// a mandate, fail the next bank account setup, and complete a session without a browser.
// Separate from /v1 on purpose: real Stripe has no such API.
import type { Emu } from "../core.js";
import { invalidParam, resourceMissing } from "../http/errors.js";
import { nowSeconds } from "../store/ids.js";
import type { AccountRec, Feature } from "../store/records.js";
import { accountObject, sessionObject } from "../resources/objects.js";
import { asArray, linkAccounts, parseLinkChoice } from "../resources/link.js";
import { mandateObject } from "../resources/payment-objects.js";
import { deactivateMandate } from "../resources/mandates.js";
import { int } from "./body.js";

function acct(emu: Emu, id: string): AccountRec {
  const a = emu.store.data.accounts[id];
  if (!a) throw resourceMissing("financial_connections.account", id);
  return a;
}

function emitAccount(emu: Emu, type: string, a: AccountRec, previous?: Record<string, unknown>): void {
  emu.emit(`financial_connections.account.${type}`, a.livemode, accountObject(a) as unknown as Record<string, unknown>, null, previous);
}

export function handleTestHelper(emu: Emu, method: string, path: string, body: Record<string, unknown>): unknown | undefined {
  if (method !== "POST") return undefined;
  let m = /^\/_emulator\/test_helpers\/accounts\/([^/]+)\/(deactivate|reactivate|upcoming_deactivation|fail_next_refresh|fail_next_setup)$/.exec(path);
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
      case "fail_next_setup": {
        // The next SetupIntent confirmed with a PaymentMethod on this account fails with `code`,
        // as a bank refusing the account would (setup_intent.setup_failed, last_setup_error).
        const code = String(body.code ?? "bank_account_unusable");
        if (!/^[a-z][a-z0-9_]{0,79}$/.test(code)) throw invalidParam(`Invalid code: ${code}`, "code");
        a.fail_next_setup = code;
        break;
      }
    }
    emu.store.changed();
    return accountObject(a);
  }
  m = /^\/_emulator\/test_helpers\/mandates\/([^/]+)\/deactivate$/.exec(path);
  if (m) {
    // As when the customer revokes the mandate at their bank: inactive, with mandate.updated.
    const mandate = emu.store.data.mandates[m[1] ?? ""];
    if (!mandate) throw resourceMissing("mandate", m[1] ?? "");
    deactivateMandate(emu, mandate, null);
    return mandateObject(mandate);
  }
  m = /^\/_emulator\/test_helpers\/sessions\/([^/]+)\/complete$/.exec(path);
  if (m) {
    // Links accounts as if the user went through the modal: for app tests that need no browser.
    const s = emu.store.data.sessions[m[1] ?? ""];
    if (!s) throw resourceMissing("financial_connections.session", m[1] ?? "");
    if (s.completed) throw invalidParam("This session has already been completed.", "session");
    // `count` links that many accounts, cycling through the chosen ones.
    const { institution, templates } = parseLinkChoice(body);
    linkAccounts(emu, s, institution, templates.slice(0, s.limits.accounts));
    return sessionObject(s, emu.store);
  }
  return undefined;
}
