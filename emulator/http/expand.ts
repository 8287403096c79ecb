// `expand[]`: replaces an id at a dotted path with the object it names.
import { invalidParam } from "./errors.js";
import type { Store } from "../store/store.js";
import { accountObject, customerObject, ownershipObject, sessionObject } from "../resources/objects.js";
import { mandateObject, paymentMethodObject, setupAttemptObject, setupIntentObject } from "../resources/payment-objects.js";

function resolve(id: string, store: Store): unknown {
  const d = store.data;
  if (id.startsWith("cus_")) return d.customers[id] ? customerObject(d.customers[id]) : undefined;
  if (id.startsWith("fcaowns_")) return d.ownerships[id] ? ownershipObject(d.ownerships[id]) : undefined;
  if (id.startsWith("fca_")) return d.accounts[id] ? accountObject(d.accounts[id]) : undefined;
  if (id.startsWith("fcsess_")) return d.sessions[id] ? sessionObject(d.sessions[id], store) : undefined;
  if (id.startsWith("seti_")) return d.setup_intents[id] ? setupIntentObject(d.setup_intents[id]) : undefined;
  if (id.startsWith("setatt_")) return d.setup_attempts[id] ? setupAttemptObject(d.setup_attempts[id]) : undefined;
  if (id.startsWith("pm_")) return d.payment_methods[id] ? paymentMethodObject(d.payment_methods[id]) : undefined;
  if (id.startsWith("mandate_")) return d.mandates[id] ? mandateObject(d.mandates[id]) : undefined;
  return undefined;
}

// Fields Stripe lets you expand on the objects the emulator serves; anything else is a 400.
const EXPANDABLE = new Set([
  ...["customer", "account", "ownership", "accounts", "bank_account_token", "default_source", "test_clock", "data"],
  // SetupIntent, SetupAttempt, PaymentMethod and Mandate fields (null ones expand to null, as at Stripe).
  ...["payment_method", "mandate", "latest_attempt", "setup_intent", "single_use_mandate", "on_behalf_of", "application"],
]);

function walk(target: unknown, segs: string[], full: string, store: Store): void {
  if (Array.isArray(target)) {
    for (const item of target) walk(item, segs, full, store);
    return;
  }
  if (!target || typeof target !== "object") return;
  const rec = target as Record<string, unknown>;
  const [head, ...rest] = segs;
  if (head === undefined) return;
  if (!Object.prototype.hasOwnProperty.call(rec, head) || (rest.length === 0 && !EXPANDABLE.has(head))) throw invalidParam(`This property cannot be expanded (${full}).`, "expand");
  let value = rec[head];
  if (typeof value === "string") {
    const expanded = resolve(value, store);
    if (expanded === undefined) throw invalidParam(`This property cannot be expanded (${full}).`, "expand");
    rec[head] = expanded;
    value = expanded;
  } else if (rest.length === 0 && value !== null && typeof value !== "object") {
    throw invalidParam(`This property cannot be expanded (${full}).`, "expand");
  }
  if (rest.length) walk(value, rest, full, store);
}

export function applyExpand(body: unknown, expand: unknown, store: Store): void {
  if (!Array.isArray(expand)) return;
  for (const path of expand) {
    if (typeof path !== "string" || path === "") continue;
    const segs = path.split(".");
    if (segs.length > 4) throw invalidParam(`You cannot expand more than 4 levels of a property. Property: ${path}`, "expand");
    walk(body, segs, path, store);
  }
}
