// Confirming a SetupIntent, shared by `POST /v1/setup_intents` with confirm=true and
// `POST /v1/setup_intents/:id/confirm`. Everything a request names is checked first (plan*), so a
// refused request changes nothing; then confirm() either succeeds (PaymentMethod attached, mandate
// active, setup_intent.succeeded) or fails the way a bank does (setup_intent.setup_failed, 400).
import { isIP } from "node:net";
import type { ApiContext } from "../http/router.js";
import type { Field, Params } from "../http/params.js";
import { num, obj, str } from "../http/params.js";
import { StripeApiError, invalidParam, invalidState } from "../http/errors.js";
import { nowSeconds } from "../store/ids.js";
import type { AccountRec, CustomerAcceptanceRec, PaymentMethodRec, SetupIntentRec } from "../store/records.js";
import { attachPaymentMethod, findPaymentMethod, paymentMethodDataField, paymentMethodFromData, savePaymentMethod } from "./payment-methods.js";
import { createMandate } from "./mandates.js";
import { recordAttempt } from "./setup-attempts.js";
import { paymentMethodObject, setupIntentObject } from "./payment-objects.js";

const FC_PERMISSIONS = ["balances", "ownership", "payment_method", "transactions"] as const;

export const mandateDataField: Field = {
  t: "object",
  emptyable: true,
  fields: {
    customer_acceptance: {
      t: "object",
      required: true,
      fields: {
        type: { t: "enum", values: ["offline", "online"], required: true },
        accepted_at: { t: "int", min: 0 },
        online: { t: "object", fields: { ip_address: { t: "string", required: true }, user_agent: { t: "string", max: 5000, required: true } } },
        offline: { t: "object", emptyable: true, fields: {} },
      },
    },
  },
};

export const paymentMethodOptionsField: Field = {
  t: "object",
  fields: {
    us_bank_account: {
      t: "object",
      fields: {
        financial_connections: {
          t: "object",
          fields: {
            permissions: { t: "array", of: { t: "enum", values: FC_PERMISSIONS } },
            prefetch: { t: "array", of: { t: "enum", values: ["balances", "ownership", "transactions"] } },
            return_url: { t: "string", url: true, max: 5000 },
            filters: { t: "object", fields: { account_subcategories: { t: "array", of: { t: "enum", values: ["checking", "savings"] } } } },
          },
        },
        verification_method: { t: "enum", values: ["automatic", "instant", "microdeposits"] },
        mandate_options: { t: "object", emptyable: true, fields: { collection_method: { t: "enum", values: ["paper"] } } },
        networks: { t: "object", fields: { requested: { t: "array", of: { t: "enum", values: ["ach", "us_domestic_wire"] } } } },
      },
    },
  },
};

/** Parameters create (with confirm=true) and confirm share. */
export const confirmFields: Record<string, Field> = {
  payment_method: { t: "id" },
  payment_method_data: paymentMethodDataField,
  payment_method_options: paymentMethodOptionsField,
  mandate_data: mandateDataField,
  return_url: { t: "string", url: true, max: 5000 },
  use_stripe_sdk: { t: "bool" },
};

export interface PaymentMethodChoice {
  pm: PaymentMethodRec;
  /** Made from payment_method_data by this request: saved only once everything has been checked. */
  isNew: boolean;
}

function allowType(types: string[], type: string, param: string): void {
  // Stripe's message; the code is our pick (its docs name none for this case).
  if (!types.includes(type))
    throw invalidState(
      `The PaymentMethod provided (${type}) is not allowed for this SetupIntent. Please attach a PaymentMethod of one of the following types: ${types.join(", ")}. Alternatively, update the allowed payment_method_types for this SetupIntent to include "${type}".`,
      param,
      "payment_method_unsupported_type",
    );
}

/** The PaymentMethod a request names (payment_method_data, payment_method), else the SetupIntent's own. */
export function planPaymentMethod(ctx: ApiContext, p: Params, si: Pick<SetupIntentRec, "customer" | "payment_method_types" | "payment_method">): PaymentMethodChoice | null {
  const data = obj(p, "payment_method_data");
  const id = str(p, "payment_method");
  if (data && id) throw invalidParam("You may only specify one of these parameters: payment_method, payment_method_data.", "payment_method_data");
  if (data) {
    allowType(si.payment_method_types, "us_bank_account", "payment_method_data[type]");
    return { pm: paymentMethodFromData(ctx, data, si.customer), isNew: true };
  }
  const existing = id ?? si.payment_method;
  if (!existing) return null;
  const pm = findPaymentMethod(ctx, existing, "payment_method", 400);
  if (pm.detached)
    throw invalidState(`The PaymentMethod ${pm.id} was detached from a Customer and may not be used again.`, "payment_method", "payment_method_unexpected_state");
  if (pm.customer && pm.customer !== si.customer)
    throw invalidState(`The PaymentMethod ${pm.id} belongs to Customer ${pm.customer}, not to this SetupIntent's Customer.`, "payment_method", "payment_method_invalid_parameter");
  allowType(si.payment_method_types, "us_bank_account", "payment_method");
  return { pm, isNew: false };
}

/** `mandate_data[customer_acceptance]` as a record, or null when absent (or sent empty). */
export function planAcceptance(p: Params): CustomerAcceptanceRec | null {
  const ca = obj(obj(p, "mandate_data") ?? {}, "customer_acceptance");
  if (!ca) return null;
  const accepted_at = num(ca, "accepted_at") ?? nowSeconds();
  if (str(ca, "type") === "offline") return { type: "offline", accepted_at, online: null };
  const online = obj(ca, "online");
  const base = "mandate_data[customer_acceptance][online]";
  if (!online) throw invalidParam(`Missing required param: ${base}.`, base, "parameter_missing");
  const ip = str(online, "ip_address") ?? "";
  if (isIP(ip) === 0) throw invalidParam(`Invalid IP address: ${ip}`, `${base}[ip_address]`);
  return { type: "online", accepted_at, online: { ip_address: ip, user_agent: str(online, "user_agent") ?? "" } };
}

/** `payment_method_options[us_bank_account]` merged over `prev` (the SetupIntent's), for the caller to store. */
export function planOptions(p: Params, prev: SetupIntentRec["us_bank_account_options"]): SetupIntentRec["us_bank_account_options"] {
  const o = obj(obj(p, "payment_method_options") ?? {}, "us_bank_account");
  if (!o) return prev;
  const fc = obj(o, "financial_connections");
  const permissions = fc?.permissions as string[] | undefined;
  const param = "payment_method_options[us_bank_account][financial_connections][permissions]";
  if (permissions && !permissions.includes("payment_method")) throw invalidParam("The `payment_method` permission must be included.", param);
  return {
    verification_method: str(o, "verification_method") ?? prev?.verification_method ?? "automatic",
    permissions: permissions ?? prev?.permissions ?? ["payment_method"],
    prefetch: (fc?.prefetch as string[] | undefined) ?? prev?.prefetch ?? [],
  };
}

/** The checks a confirmation needs beyond the PaymentMethod: one must exist, and a mandate. */
export function requireConfirmable(
  choice: PaymentMethodChoice | null,
  acceptance: CustomerAcceptanceRec | null,
): { choice: PaymentMethodChoice; acceptance: CustomerAcceptanceRec } {
  if (!choice)
    throw invalidState(
      "You cannot confirm this SetupIntent because it's missing a payment method. You can either update the SetupIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
      undefined,
      "setup_intent_unexpected_state",
    );
  if (!acceptance)
    throw invalidParam(
      "Missing required param: mandate_data. Setting up a us_bank_account PaymentMethod needs the customer's acceptance of the debit mandate (mandate_data[customer_acceptance]).",
      "mandate_data",
      "parameter_missing",
    );
  return { choice, acceptance };
}

const FAILURE_MESSAGES: Record<string, string> = {
  bank_account_unusable: "The bank account provided cannot be used. Please try a different bank account.",
  account_closed: "The bank account has been closed.",
  no_account: "The bank account could not be located.",
  debit_not_authorized: "The customer's bank does not allow debits from this account.",
  financial_connections_account_inactive: "The Financial Connections Account behind this PaymentMethod is no longer active. Ask your user to link it again.",
};

/** Why this confirmation fails, if it does: the test helper's flag (used up here), or an account gone inactive since. */
function setupFailure(a: AccountRec | undefined): string | null {
  if (a?.fail_next_setup) {
    const code = a.fail_next_setup;
    a.fail_next_setup = null;
    return code;
  }
  return !a || a.status !== "active" ? "financial_connections_account_inactive" : null;
}

export function confirm(ctx: ApiContext, si: SetupIntentRec, choice: PaymentMethodChoice, acceptance: CustomerAcceptanceRec): void {
  const { emu } = ctx;
  const pm = choice.isNew ? savePaymentMethod(emu, choice.pm) : choice.pm;
  si.payment_method = pm.id;
  const code = setupFailure(emu.store.data.accounts[pm.us_bank_account.financial_connections_account]);
  if (code) {
    const message = FAILURE_MESSAGES[code] ?? `Setting up this bank account failed (${code}).`;
    const doc_url = `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}`;
    const error = { type: "invalid_request_error", code, doc_url, message, payment_method: paymentMethodObject(pm) };
    si.latest_attempt = recordAttempt(emu, si, pm, error).id;
    // As at Stripe: back to requires_payment_method without the failed PaymentMethod, the error kept.
    si.status = "requires_payment_method";
    si.payment_method = null;
    si.last_setup_error = error;
    const obj = setupIntentObject(si) as unknown as Record<string, unknown>;
    emu.emit("setup_intent.setup_failed", si.livemode, obj, ctx.request);
    throw new StripeApiError(400, "invalid_request_error", message, { code, doc_url, payment_method: error.payment_method as unknown as Record<string, unknown>, setup_intent: obj });
  }
  si.latest_attempt = recordAttempt(emu, si, pm, null).id;
  if (si.customer) attachPaymentMethod(emu, pm, si.customer, ctx.request);
  si.mandate = createMandate(emu, pm, acceptance).id;
  si.status = "succeeded";
  si.last_setup_error = null;
  emu.emit("setup_intent.succeeded", si.livemode, setupIntentObject(si) as unknown as Record<string, unknown>, ctx.request);
}
