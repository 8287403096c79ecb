// /v1/payment_methods (list, retrieve, detach) and /v1/customers/:id/payment_methods, plus the
// one way the emulator makes a PaymentMethod: a us_bank_account built from a Financial Connections
// account, through a SetupIntent's `payment_method_data`, with the checks Stripe makes on it.
import type { Emu, RequestInfo } from "../core.js";
import type { ApiContext, Route } from "../http/router.js";
import { validate, listFields, expandField, obj, str, type Field, type Params } from "../http/params.js";
import { invalidParam, invalidState, resourceMissing } from "../http/errors.js";
import { newestFirst, paginate } from "../http/pagination.js";
import { newId, nowSeconds } from "../store/ids.js";
import type { AccountRec, BillingDetailsRec, PaymentMethodRec } from "../store/records.js";
import { findCustomer } from "./customers.js";
import { bankAccountFingerprint } from "./link.js";
import { deactivateMandatesOf } from "./mandates.js";
import { paymentMethodObject } from "./payment-objects.js";
import { PAYMENT_METHOD_TYPES } from "./payment-method-types.js";

/** Stripe's test routing number (STRIPE TEST BANK): FC test accounts carry it too. */
const TEST_ROUTING_NUMBER = "110000000";

const addressField: Field = {
  t: "object",
  emptyable: true,
  fields: { line1: { t: "string" }, line2: { t: "string" }, city: { t: "string" }, state: { t: "string" }, postal_code: { t: "string" }, country: { t: "string" } },
};

export const paymentMethodDataField: Field = {
  t: "object",
  fields: {
    // Cards and the rest need real card data or redirects: the emulator only links bank accounts.
    type: { t: "enum", values: ["us_bank_account"], required: true },
    us_bank_account: {
      t: "object",
      fields: {
        financial_connections_account: { t: "id" },
        account_holder_type: { t: "enum", values: ["company", "individual"] },
        account_type: { t: "enum", values: ["checking", "savings"] },
        account_number: { t: "string" },
        routing_number: { t: "string" },
      },
    },
    billing_details: {
      t: "object",
      fields: {
        name: { t: "string", max: 5000, emptyable: true },
        email: { t: "string", max: 800, emptyable: true },
        phone: { t: "string", max: 5000, emptyable: true },
        address: addressField,
      },
    },
    allow_redisplay: { t: "enum", values: ["always", "limited", "unspecified"] },
    metadata: { t: "metadata" },
  },
};

export function findPaymentMethod(ctx: ApiContext, id: string, param = "id", status = 404): PaymentMethodRec {
  const pm = ctx.emu.store.data.payment_methods[id];
  if (!pm || pm.livemode !== ctx.livemode) throw resourceMissing("PaymentMethod", id, param, status);
  return pm;
}

const orNull = (v: string | undefined): string | null => (v === undefined || v === "" ? null : v);

/**
 * Checks an FC account can back a us_bank_account PaymentMethod for `customer` (the SetupIntent's,
 * may be null), the way Stripe does when the PaymentMethod is created. Nothing changes on failure.
 */
function usableAccount(ctx: ApiContext, id: string, customer: string | null, param: string): AccountRec {
  const a = ctx.emu.store.data.accounts[id];
  if (!a || a.livemode !== ctx.livemode) throw resourceMissing("financial_connections.account", id, param, 400);
  // No documented code for an account linked by someone else: payment_method_invalid_parameter is Stripe's code for a bad payment_method_data value.
  if (customer && (a.account_holder.type !== "customer" || a.account_holder.customer !== customer))
    throw invalidState(`The Financial Connections Account ${a.id} does not belong to Customer ${customer}. Use an account whose account_holder is this Customer.`, param, "payment_method_invalid_parameter");
  if (a.status !== "active")
    throw invalidState(`The Financial Connections Account ${a.id} is ${a.status} and cannot be used to create a PaymentMethod. Ask your user to link it again.`, param, "financial_connections_account_inactive");
  // Stripe documents no code for a missing permission; payment_method_invalid_parameter again, as the account itself is the bad value.
  if (!a.permissions.includes("payment_method"))
    throw invalidState(`The Financial Connections Account ${a.id} was not linked with the \`payment_method\` permission, so it cannot be used to create a PaymentMethod.`, param, "payment_method_invalid_parameter");
  // Credit accounts and accounts without ACH support have no account numbers to debit (Stripe's code since 2025-09-30).
  if (a.category !== "cash" || !a.supported_payment_method_types.includes("us_bank_account"))
    throw invalidState(`The Financial Connections Account ${a.id} (${a.category}, ${a.subcategory}) does not support the us_bank_account payment method. Ask your user to link a checking or savings account.`, param, "financial_connections_account_unavailable_account_numbers");
  return a;
}

/**
 * A new (unsaved) PaymentMethod from validated `payment_method_data`, or a 400 naming the bad
 * parameter under `prefix`. Saved with savePaymentMethod once the whole request has been checked.
 */
export function paymentMethodFromData(ctx: ApiContext, data: Params, customer: string | null, prefix = "payment_method_data"): PaymentMethodRec {
  const bank = obj(data, "us_bank_account") ?? {};
  const param = `${prefix}[us_bank_account][financial_connections_account]`;
  if (str(bank, "account_number") !== undefined || str(bank, "routing_number") !== undefined)
    throw invalidParam(`The emulator makes us_bank_account PaymentMethods from Financial Connections accounts only: pass ${param} instead of account and routing numbers.`, `${prefix}[us_bank_account][account_number]`);
  const fca = str(bank, "financial_connections_account");
  if (!fca) throw invalidParam(`Missing required param: ${param}.`, param, "parameter_missing");
  const billing = obj(data, "billing_details") ?? {};
  // Stripe requires the account holder's name on every us_bank_account PaymentMethod.
  const name = orNull(str(billing, "name"));
  if (!name) throw invalidParam(`Missing required param: ${prefix}[billing_details][name].`, `${prefix}[billing_details][name]`, "parameter_missing");
  const a = usableAccount(ctx, fca, customer, param);
  const address = obj(billing, "address");
  const billing_details: BillingDetailsRec = {
    name,
    email: orNull(str(billing, "email")),
    phone: orNull(str(billing, "phone")),
    address: address ? { city: null, country: null, line1: null, line2: null, postal_code: null, state: null, ...(address as Record<string, string>) } : null,
  };
  return {
    id: newId("pm"),
    seq: 0,
    livemode: ctx.livemode,
    created: nowSeconds(),
    customer: null,
    detached: false,
    billing_details,
    metadata: { ...((obj(data, "metadata") as Record<string, string> | undefined) ?? {}) },
    allow_redisplay: (str(data, "allow_redisplay") as PaymentMethodRec["allow_redisplay"] | undefined) ?? "unspecified",
    us_bank_account: {
      account_holder_type: (str(bank, "account_holder_type") as "company" | "individual" | undefined) ?? "individual",
      account_type: (str(bank, "account_type") as "checking" | "savings" | undefined) ?? (a.subcategory === "savings" ? "savings" : "checking"),
      // Upper case, as Stripe's routing-number lookup spells bank names (and as the bank account token does).
      bank_name: a.institution_name.toUpperCase(),
      financial_connections_account: a.id,
      fingerprint: bankAccountFingerprint(a),
      last4: a.last4,
      routing_number: TEST_ROUTING_NUMBER,
    },
  };
}

export function savePaymentMethod(emu: Emu, pm: PaymentMethodRec): PaymentMethodRec {
  pm.seq = emu.store.nextSeq();
  emu.store.data.payment_methods[pm.id] = pm;
  emu.store.changed();
  return pm;
}

export function attachPaymentMethod(emu: Emu, pm: PaymentMethodRec, customer: string, request: RequestInfo | null): void {
  if (pm.customer === customer) return;
  pm.customer = customer;
  emu.emit("payment_method.attached", pm.livemode, paymentMethodObject(pm) as unknown as Record<string, unknown>, request);
}

const listFilters: Record<string, Field> = { ...listFields, type: { t: "enum", values: PAYMENT_METHOD_TYPES } };

function listFor(ctx: ApiContext, p: Params, customer: string | undefined, url: string) {
  const type = str(p, "type");
  const redisplay = str(p, "allow_redisplay");
  const items = newestFirst(Object.values(ctx.emu.store.data.payment_methods)).filter(
    (pm) =>
      pm.livemode === ctx.livemode &&
      (customer === undefined || pm.customer === customer) &&
      (type === undefined || type === "us_bank_account") &&
      (redisplay === undefined || pm.allow_redisplay === redisplay),
  );
  return paginate(items, p, url, paymentMethodObject);
}

export const paymentMethodRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/payment_methods",
    handler: (ctx) => {
      const p = validate(ctx.params, { ...listFilters, customer: { t: "id" } });
      const customer = str(p, "customer");
      if (customer) findCustomer(ctx, customer, "customer", 400);
      // Without `customer` Stripe lists Treasury PaymentMethods; the emulator has none, so it lists them all.
      return { body: listFor(ctx, p, customer, "/v1/payment_methods") };
    },
  },
  {
    method: "GET",
    pattern: "/v1/payment_methods/:id",
    handler: (ctx) => {
      validate(ctx.params, { expand: expandField });
      return { body: paymentMethodObject(findPaymentMethod(ctx, ctx.args.id ?? "")) };
    },
  },
  {
    method: "POST",
    pattern: "/v1/payment_methods/:id/detach",
    handler: (ctx) => {
      validate(ctx.params, { expand: expandField });
      const pm = findPaymentMethod(ctx, ctx.args.id ?? "");
      const customer = pm.customer;
      // Stripe's wording; it documents no code for this, payment_method_unexpected_state fits its meaning.
      if (!customer) throw invalidState("The payment method you provided is not attached to a customer so detachment is impossible.", undefined, "payment_method_unexpected_state");
      pm.customer = null;
      pm.detached = true;
      // A detached PaymentMethod cannot be debited again, so its mandates lapse first (mandate.updated).
      deactivateMandatesOf(ctx.emu, pm.id, ctx.request);
      ctx.emu.emit("payment_method.detached", pm.livemode, paymentMethodObject(pm) as unknown as Record<string, unknown>, ctx.request, { customer });
      return { body: paymentMethodObject(pm) };
    },
  },
  {
    method: "GET",
    pattern: "/v1/customers/:id/payment_methods",
    handler: (ctx) => {
      const p = validate(ctx.params, { ...listFilters, allow_redisplay: { t: "enum", values: ["always", "limited", "unspecified"] } });
      const c = findCustomer(ctx, ctx.args.id ?? "", "customer");
      return { body: listFor(ctx, p, c.id, `/v1/customers/${c.id}/payment_methods`) };
    },
  },
  {
    method: "GET",
    pattern: "/v1/customers/:customer/payment_methods/:id",
    handler: (ctx) => {
      validate(ctx.params, { expand: expandField });
      const c = findCustomer(ctx, ctx.args.customer ?? "", "customer");
      const pm = findPaymentMethod(ctx, ctx.args.id ?? "", "payment_method");
      if (pm.customer !== c.id) throw resourceMissing("PaymentMethod", pm.id, "payment_method");
      return { body: paymentMethodObject(pm) };
    },
  },
];
