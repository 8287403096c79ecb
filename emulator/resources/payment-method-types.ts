// Which payment method types a SetupIntent can set up. Stripe has changed this across versions:
// `payment_method_types` (explicit list) until API version 2026-09-30.endive, which made it
// read-only (400 payment_method_types_no_longer_supported); automatic payment methods by default
// since 2023-08-16; `allowed_payment_method_types` (silently narrowed to what the account has on)
// and `excluded_payment_method_types` since 2026-07-29. The request's Stripe-Version decides.
import type { ApiContext } from "../http/router.js";
import { invalidParam } from "../http/errors.js";
import { obj, str, strArray, type Field, type Params } from "../http/params.js";
import type { SetupIntentRec } from "../store/records.js";

/** The PaymentMethod types Stripe's API named in spec 2023-08-16; the emulator makes only us_bank_account. */
export const PAYMENT_METHOD_TYPES = [
  "acss_debit", "affirm", "afterpay_clearpay", "alipay", "au_becs_debit", "bacs_debit", "bancontact", "blik", "boleto", "card",
  "card_present", "cashapp", "customer_balance", "eps", "fpx", "giropay", "grabpay", "ideal", "interac_present", "klarna",
  "konbini", "link", "oxxo", "p24", "paynow", "paypal", "pix", "promptpay", "sepa_debit", "sofort", "us_bank_account",
  "wechat_pay", "zip",
] as const;

/** What the emulated account has turned on in its (absent) Dashboard. */
export const ENABLED_TYPES = ["card", "us_bank_account"];

/** First API version on which payment_method_types is read-only (changelog, endive 2026-09-30). */
const PAYMENT_METHOD_TYPES_REMOVED = "2026-09-30";

export const typeList: Field = { t: "array", of: { t: "string", max: 5000 } };

export const paymentMethodTypesFields: Record<string, Field> = {
  payment_method_types: typeList,
  allowed_payment_method_types: typeList,
  excluded_payment_method_types: typeList,
  automatic_payment_methods: { t: "object", fields: { enabled: { t: "bool", required: true }, allow_redirects: { t: "enum", values: ["always", "never"] } } },
};

type TypeChoice = Pick<SetupIntentRec, "payment_method_types" | "allowed_payment_method_types" | "excluded_payment_method_types" | "automatic_payment_methods">;

function exclusive(p: Params, a: string, others: string[]): void {
  for (const b of others)
    if (p[a] !== undefined && p[b] !== undefined) throw invalidParam(`You may only specify one of these parameters: ${a}, ${b}.`, b, "parameters_exclusive");
}

function typeNames(p: Params, key: string): string[] | undefined {
  const list = strArray(p, key);
  if (!list) return undefined;
  if (list.length === 0) throw invalidParam(`Invalid array: ${key} must not be empty.`, key, "parameter_invalid_empty");
  list.forEach((t, i) => {
    if (!/^[a-z][a-z0-9_]*$/.test(t)) throw invalidParam(`Invalid ${key}[${i}]: ${t}`, `${key}[${i}]`);
  });
  return [...new Set(list)];
}

export function choosePaymentMethodTypes(ctx: ApiContext, p: Params): TypeChoice {
  if (p.payment_method_types !== undefined && ctx.apiVersion.slice(0, 10) >= PAYMENT_METHOD_TYPES_REMOVED)
    throw invalidParam(
      `payment_method_types can no longer be set on API version ${ctx.apiVersion}. Use allowed_payment_method_types, excluded_payment_method_types or automatic_payment_methods instead.`,
      "payment_method_types",
      "payment_method_types_no_longer_supported",
    );
  exclusive(p, "allowed_payment_method_types", ["payment_method_types", "excluded_payment_method_types", "automatic_payment_methods"]);
  exclusive(p, "payment_method_types", ["automatic_payment_methods", "excluded_payment_method_types"]);

  const explicit = typeNames(p, "payment_method_types");
  if (explicit) {
    explicit.forEach((t, i) => {
      // Stripe's message for a type it does not know or the account has not turned on.
      if (!(PAYMENT_METHOD_TYPES as readonly string[]).includes(t))
        throw invalidParam(`The payment method type "${t}" is invalid. Please ensure the provided type is activated in your dashboard.`, `payment_method_types[${i}]`, "payment_method_unactivated");
    });
    return { payment_method_types: explicit, allowed_payment_method_types: null, excluded_payment_method_types: null, automatic_payment_methods: null };
  }
  const allowed = typeNames(p, "allowed_payment_method_types");
  if (allowed) {
    // Unlike payment_method_types, types the account cannot use are dropped, not refused.
    const usable = allowed.filter((t) => ENABLED_TYPES.includes(t));
    if (usable.length === 0)
      throw invalidParam(`None of allowed_payment_method_types (${allowed.join(", ")}) is turned on for this account (the emulator's has ${ENABLED_TYPES.join(", ")}).`, "allowed_payment_method_types", "payment_method_unactivated");
    return { payment_method_types: usable, allowed_payment_method_types: allowed, excluded_payment_method_types: null, automatic_payment_methods: null };
  }
  const auto = obj(p, "automatic_payment_methods");
  if (auto && auto.enabled === false)
    throw invalidParam("automatic_payment_methods[enabled] can only be false with allowed_payment_method_types.", "automatic_payment_methods[enabled]");
  const excluded = typeNames(p, "excluded_payment_method_types");
  const usable = ENABLED_TYPES.filter((t) => !excluded?.includes(t));
  if (usable.length === 0) throw invalidParam("excluded_payment_method_types leaves no payment method type turned on.", "excluded_payment_method_types");
  const allow_redirects = (str(auto ?? {}, "allow_redirects") as "always" | "never" | undefined) ?? "always";
  return { payment_method_types: usable, allowed_payment_method_types: null, excluded_payment_method_types: excluded ?? null, automatic_payment_methods: { enabled: true, allow_redirects } };
}
