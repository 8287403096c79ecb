// /v1/setup_intents: create (optionally confirm=true), retrieve, list, confirm, cancel.
// Status flow for an instantly verified FC account: requires_payment_method -> (payment method
// given) requires_confirmation -> (confirm) succeeded; canceled from the three statuses Stripe allows.
import type { ApiContext, Route } from "../http/router.js";
import { validate, listFields, expandField, obj, str, strArray, type Field } from "../http/params.js";
import { invalidParam, invalidState, resourceMissing } from "../http/errors.js";
import { newestFirst, paginate } from "../http/pagination.js";
import { newId, nowSeconds, randomBase62 } from "../store/ids.js";
import type { SetupIntentRec } from "../store/records.js";
import { findCustomer } from "./customers.js";
import { savePaymentMethod } from "./payment-methods.js";
import { choosePaymentMethodTypes, paymentMethodTypesFields, typeList } from "./payment-method-types.js";
import { setupIntentObject } from "./payment-objects.js";
import { inRange } from "./ranges.js";
import { confirm, confirmFields, planAcceptance, planOptions, planPaymentMethod, requireConfirmable } from "./setup-confirm.js";

/** The statuses Stripe lets a SetupIntent be confirmed or canceled from. */
const OPEN = ["requires_payment_method", "requires_confirmation", "requires_action"];

export const setupIntentCreateFields: Record<string, Field> = {
  ...confirmFields,
  ...paymentMethodTypesFields,
  confirm: { t: "bool" },
  customer: { t: "id" },
  description: { t: "string", max: 1000 },
  flow_directions: { t: "array", of: { t: "enum", values: ["inbound", "outbound"] } },
  metadata: { t: "metadata" },
  usage: { t: "enum", values: ["off_session", "on_session"] },
  expand: expandField,
};

export const setupIntentConfirmFields: Record<string, Field> = {
  ...confirmFields,
  allowed_payment_method_types: typeList,
  expand: expandField,
  // Only for publishable keys at Stripe; accepted and ignored with a secret key.
  client_secret: { t: "string" },
};

export function findSetupIntent(ctx: ApiContext, id: string): SetupIntentRec {
  const si = ctx.emu.store.data.setup_intents[id];
  if (!si || si.livemode !== ctx.livemode) throw resourceMissing("setupintent", id);
  return si;
}

export const setupIntentRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/v1/setup_intents",
    handler: (ctx) => {
      const p = validate(ctx.params, setupIntentCreateFields);
      const { emu } = ctx;
      const customerId = str(p, "customer");
      if (customerId) {
        const c = findCustomer(ctx, customerId, "customer", 400);
        if (c.deleted) throw resourceMissing("customer", customerId, "customer", 400);
      }
      const confirming = p.confirm === true;
      if (!confirming && obj(p, "mandate_data")) throw invalidParam("mandate_data can only be used with confirm=true.", "mandate_data");
      const methods = choosePaymentMethodTypes(ctx, p);
      const now = nowSeconds();
      const id = newId("seti");
      const si: SetupIntentRec = {
        id,
        seq: 0,
        livemode: ctx.livemode,
        created: now,
        client_secret: `${id}_secret_${randomBase62(32)}`,
        customer: customerId ?? null,
        description: str(p, "description") ?? null,
        metadata: { ...((p.metadata as Record<string, string> | "" | undefined) || {}) },
        usage: (str(p, "usage") as SetupIntentRec["usage"] | undefined) ?? "off_session",
        flow_directions: (strArray(p, "flow_directions") as SetupIntentRec["flow_directions"] | undefined) ?? null,
        ...methods,
        us_bank_account_options: null,
        payment_method: null,
        mandate: null,
        latest_attempt: null,
        status: "requires_payment_method",
        cancellation_reason: null,
        last_setup_error: null,
      };
      // Everything is checked before the SetupIntent exists: a refused create leaves nothing behind.
      si.us_bank_account_options = planOptions(p, null);
      const choice = planPaymentMethod(ctx, p, si);
      const confirmation = confirming ? requireConfirmable(choice, planAcceptance(p)) : null;

      si.seq = emu.store.nextSeq();
      emu.store.data.setup_intents[si.id] = si;
      if (choice) {
        si.payment_method = (choice.isNew ? savePaymentMethod(emu, choice.pm) : choice.pm).id;
        si.status = "requires_confirmation";
      }
      emu.emit("setup_intent.created", si.livemode, setupIntentObject(si) as unknown as Record<string, unknown>, ctx.request);
      if (confirmation) confirm(ctx, si, { pm: confirmation.choice.pm, isNew: false }, confirmation.acceptance);
      emu.store.changed();
      return { body: setupIntentObject(si) };
    },
  },
  {
    method: "GET",
    pattern: "/v1/setup_intents",
    handler: (ctx) => {
      const p = validate(ctx.params, { ...listFields, customer: { t: "id" }, payment_method: { t: "id" }, created: { t: "range" } });
      const customer = str(p, "customer");
      const pm = str(p, "payment_method");
      const items = newestFirst(Object.values(ctx.emu.store.data.setup_intents)).filter(
        (si) => si.livemode === ctx.livemode && (!customer || si.customer === customer) && (!pm || si.payment_method === pm) && inRange(si.created, p.created),
      );
      return { body: paginate(items, p, "/v1/setup_intents", setupIntentObject) };
    },
  },
  {
    method: "GET",
    pattern: "/v1/setup_intents/:id",
    handler: (ctx) => {
      validate(ctx.params, { expand: expandField, client_secret: { t: "string" } });
      return { body: setupIntentObject(findSetupIntent(ctx, ctx.args.id ?? "")) };
    },
  },
  {
    method: "POST",
    pattern: "/v1/setup_intents/:id/confirm",
    handler: (ctx) => {
      const p = validate(ctx.params, setupIntentConfirmFields);
      const si = findSetupIntent(ctx, ctx.args.id ?? "");
      if (!OPEN.includes(si.status)) {
        const why = si.status === "succeeded" ? "it has already succeeded" : `it has a status of ${si.status}`;
        throw invalidState(`You cannot confirm this SetupIntent because ${why}.`, undefined, "setup_intent_unexpected_state");
      }
      const options = planOptions(p, si.us_bank_account_options);
      // Confirm may narrow the types again (stripe-node 23 sends allowed_payment_method_types here too).
      const types = p.allowed_payment_method_types ? choosePaymentMethodTypes(ctx, { allowed_payment_method_types: p.allowed_payment_method_types }) : null;
      const choice = planPaymentMethod(ctx, p, types ? { ...si, ...types } : si);
      const confirmation = requireConfirmable(choice, planAcceptance(p));
      si.us_bank_account_options = options;
      if (types) Object.assign(si, types);
      confirm(ctx, si, confirmation.choice, confirmation.acceptance);
      return { body: setupIntentObject(si) };
    },
  },
  {
    method: "POST",
    pattern: "/v1/setup_intents/:id/cancel",
    handler: (ctx) => {
      const p = validate(ctx.params, { cancellation_reason: { t: "enum", values: ["abandoned", "duplicate", "requested_by_customer"] }, expand: expandField });
      const si = findSetupIntent(ctx, ctx.args.id ?? "");
      if (!OPEN.includes(si.status))
        throw invalidState(
          `You cannot cancel this SetupIntent because it has a status of ${si.status}. Only a SetupIntent with one of the following statuses may be canceled: ${OPEN.join(", ")}.`,
          undefined,
          "setup_intent_unexpected_state",
        );
      si.status = "canceled";
      si.cancellation_reason = (str(p, "cancellation_reason") as SetupIntentRec["cancellation_reason"] | undefined) ?? null;
      ctx.emu.emit("setup_intent.canceled", si.livemode, setupIntentObject(si) as unknown as Record<string, unknown>, ctx.request);
      return { body: setupIntentObject(si) };
    },
  },
];
