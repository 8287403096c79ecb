// /v1/financial_connections/sessions: create (with Stripe's validation) and retrieve.
import type { Route, ApiContext } from "../http/router.js";
import { validate, expandField, obj, str, strArray, num, type Field } from "../http/params.js";
import { invalidParam, resourceMissing } from "../http/errors.js";
import { newId, nowSeconds } from "../store/ids.js";
import type { SessionRec } from "../store/records.js";
import { sessionObject } from "./objects.js";
import { autoCompleteOnRetrieve } from "./link.js";

const PERMISSIONS = ["balances", "ownership", "payment_method", "transactions"] as const;
const PREFETCH = ["balances", "ownership", "transactions"] as const;
const SUBCATEGORIES = ["checking", "savings", "mortgage", "line_of_credit", "credit_card"] as const;

const createFields: Record<string, Field> = {
  account_holder: {
    t: "object",
    required: true,
    fields: {
      type: { t: "enum", values: ["account", "customer"], required: true },
      customer: { t: "id" },
      account: { t: "id" },
      customer_account: { t: "id" },
    },
  },
  permissions: { t: "array", of: { t: "enum", values: PERMISSIONS }, required: true },
  prefetch: { t: "array", of: { t: "enum", values: PREFETCH } },
  filters: {
    t: "object",
    fields: {
      countries: { t: "array", of: { t: "string", max: 2 } },
      country: { t: "string", max: 2 },
      account_subcategories: { t: "array", of: { t: "enum", values: SUBCATEGORIES } },
      require_payment_method_support: { t: "enum", values: ["all", "at_least_one", "none"] },
    },
  },
  limits: { t: "object", fields: { accounts: { t: "int", min: 1, max: 100, required: true } } },
  manual_entry: { t: "object", fields: { mode: { t: "enum", values: ["automatic", "disabled"] } } },
  return_url: { t: "string", url: true, max: 5000 },
  expand: expandField,
};

export function findSession(ctx: ApiContext, id: string): SessionRec {
  const s = ctx.emu.store.data.sessions[id];
  if (!s || s.livemode !== ctx.livemode) throw resourceMissing("financial_connections.session", id);
  return s;
}

export const sessionRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/v1/financial_connections/sessions",
    handler: (ctx) => {
      const p = validate(ctx.params, createFields);
      const holder = obj(p, "account_holder") ?? {};
      const type = str(holder, "type") as "customer" | "account";
      const customer = str(holder, "customer");
      const account = str(holder, "account");
      if (type === "customer") {
        if (!customer) throw invalidParam("Missing required param: account_holder[customer].", "account_holder[customer]", "parameter_missing");
        if (account) throw invalidParam("You cannot specify account_holder[account] when account_holder[type] is customer.", "account_holder[account]");
        const c = ctx.emu.store.data.customers[customer];
        if (!c || c.deleted || c.livemode !== ctx.livemode) throw resourceMissing("customer", customer, "account_holder[customer]", 400);
      } else {
        if (!account) throw invalidParam("Missing required param: account_holder[account].", "account_holder[account]", "parameter_missing");
        if (customer) throw invalidParam("You cannot specify account_holder[customer] when account_holder[type] is account.", "account_holder[customer]");
        if (!account.startsWith("acct_")) throw resourceMissing("account", account, "account_holder[account]", 400);
      }
      const permissions = strArray(p, "permissions") ?? [];
      if (permissions.length === 0) throw invalidParam("Invalid permissions: must contain at least one permission", "permissions");
      const prefetch = strArray(p, "prefetch") ?? [];
      for (const f of prefetch) {
        if (!permissions.includes(f))
          throw invalidParam(`You cannot prefetch ${f} without requesting the ${f} permission.`, "prefetch");
      }
      const filters = obj(p, "filters") ?? {};
      const countries = strArray(filters, "countries") ?? (str(filters, "country") ? [str(filters, "country") ?? ""] : null);
      const limits = obj(p, "limits");
      const s: SessionRec = {
        id: newId("fcsess"),
        seq: ctx.emu.store.nextSeq(),
        livemode: ctx.livemode,
        created: nowSeconds(),
        client_secret: "",
        account_holder: type === "customer" ? { type, customer } : { type, account },
        permissions: [...new Set(permissions)],
        prefetch: [...new Set(prefetch)],
        filters: {
          countries,
          account_subcategories: strArray(filters, "account_subcategories") ?? null,
          require_payment_method_support: str(filters, "require_payment_method_support"),
        },
        limits: { accounts: (limits && num(limits, "accounts")) ?? 100 },
        manual_entry: { mode: str(obj(p, "manual_entry") ?? {}, "mode") ?? "automatic" },
        return_url: str(p, "return_url") ?? null,
        account_ids: [],
        bank_account_token: null,
        completed: false,
        flow: { institution: null, step: "start", oauth_attempt: null, error: null },
        ...(ctx.emu.options.autoComplete && { auto_complete: { ...ctx.emu.options.autoComplete } }),
      };
      s.client_secret = `fcsess_client_secret_${newId("x", 32).slice(2)}`;
      ctx.emu.store.addSession(s);
      ctx.emu.store.changed();
      return { body: sessionObject(s, ctx.emu.store) };
    },
  },
  {
    method: "GET",
    pattern: "/v1/financial_connections/sessions/:id",
    handler: (ctx) => {
      validate(ctx.params, { expand: expandField });
      const s = findSession(ctx, ctx.args.id ?? "");
      autoCompleteOnRetrieve(ctx.emu, s);
      return { body: sessionObject(s, ctx.emu.store) };
    },
  },
];
