// /v1/financial_connections/accounts: list, retrieve, disconnect, refresh, subscribe,
// unsubscribe, and list owners.
import type { Route, ApiContext } from "../http/router.js";
import { validate, listFields, expandField, obj, str, strArray, type Field } from "../http/params.js";
import { invalidParam, invalidState, resourceMissing } from "../http/errors.js";
import { paginate, newestFirst } from "../http/pagination.js";
import type { AccountRec, Feature } from "../store/records.js";
import { nowSeconds } from "../store/ids.js";
import { accountObject, ownerObject } from "./objects.js";
import { permissionForFeature, startRefresh } from "./refresh.js";
import { deactivateMandatesOfAccount } from "./mandates.js";

const FEATURES = ["balance", "ownership", "transactions"] as const;

export function findAccount(ctx: ApiContext, id: string, param = "id", status = 404): AccountRec {
  const a = ctx.emu.store.data.accounts[id];
  if (!a || a.livemode !== ctx.livemode) throw resourceMissing("financial_connections.account", id, param, status);
  return a;
}

function account(ctx: ApiContext): AccountRec {
  return findAccount(ctx, ctx.args.id ?? "");
}

const featuresOnly = (values: readonly string[]): Record<string, Field> => ({
  features: { t: "array", of: { t: "enum", values }, required: true },
  expand: expandField,
});

function requireActive(a: AccountRec, action: string): void {
  if (a.status !== "active")
    throw invalidState(`You cannot ${action} account ${a.id} because its status is ${a.status}.`, undefined, "account_not_active");
}

export const accountRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/financial_connections/accounts",
    handler: (ctx) => {
      const p = validate(ctx.params, {
        ...listFields,
        account_holder: { t: "object", fields: { customer: { t: "id" }, account: { t: "id" }, customer_account: { t: "id" } } },
        session: { t: "id" },
      });
      const holder = obj(p, "account_holder");
      const customer = holder && str(holder, "customer");
      const acct = holder && str(holder, "account");
      if (customer && acct) throw invalidParam("You may only specify one of account_holder[customer] and account_holder[account].", "account_holder");
      const session = str(p, "session");
      const items = newestFirst(Object.values(ctx.emu.store.data.accounts)).filter(
        (a) =>
          a.livemode === ctx.livemode &&
          (!customer || a.account_holder.customer === customer) &&
          (!acct || a.account_holder.account === acct) &&
          (!session || a.session === session),
      );
      return { body: paginate(items, p, "/v1/financial_connections/accounts", accountObject) };
    },
  },
  {
    method: "GET",
    pattern: "/v1/financial_connections/accounts/:id",
    handler: (ctx) => {
      validate(ctx.params, { expand: expandField });
      return { body: accountObject(account(ctx)) };
    },
  },
  {
    method: "POST",
    pattern: "/v1/financial_connections/accounts/:id/disconnect",
    handler: (ctx) => {
      validate(ctx.params, { expand: expandField });
      const a = account(ctx);
      if (a.status !== "disconnected") {
        a.status = "disconnected";
        a.subscriptions = [];
        a.upcoming_deactivation = null;
        ctx.emu.emit("financial_connections.account.disconnected", a.livemode, accountObject(a) as unknown as Record<string, unknown>, ctx.request);
        // The bank account can no longer be debited through this link: its mandates lapse (mandate.updated).
        deactivateMandatesOfAccount(ctx.emu, a.id, ctx.request);
      }
      return { body: accountObject(a) };
    },
  },
  {
    method: "POST",
    pattern: "/v1/financial_connections/accounts/:id/refresh",
    handler: (ctx) => {
      const p = validate(ctx.params, featuresOnly(FEATURES));
      const a = account(ctx);
      const features = [...new Set(strArray(p, "features") ?? [])] as Feature[];
      if (features.length === 0) throw invalidParam("Invalid features: must contain at least one feature", "features");
      for (const f of features) {
        const perm = permissionForFeature(f);
        if (!a.permissions.includes(perm))
          throw invalidState(`The account ${a.id} does not have the \`${perm}\` permission, which is required to refresh ${f}.`, "features");
      }
      requireActive(a, "refresh");
      const now = nowSeconds();
      for (const f of features) {
        const r = f === "balance" ? a.balance_refresh : f === "ownership" ? a.ownership_refresh : a.transaction_refresh;
        if (r && r.status !== "pending" && r.next_refresh_available_at !== null && r.next_refresh_available_at > now)
          throw invalidState(`The ${f} of account ${a.id} cannot be refreshed until ${r.next_refresh_available_at}.`, "features", "refresh_not_available");
      }
      for (const f of features) startRefresh(ctx.emu, a, f);
      return { body: accountObject(a) };
    },
  },
  {
    method: "POST",
    pattern: "/v1/financial_connections/accounts/:id/subscribe",
    handler: (ctx) => {
      validate(ctx.params, featuresOnly(["transactions"]));
      const a = account(ctx);
      if (!a.permissions.includes("transactions"))
        throw invalidState(`The account ${a.id} does not have the \`transactions\` permission, which is required to subscribe to transactions.`, "features");
      requireActive(a, "subscribe to");
      if (!a.subscriptions.includes("transactions")) {
        a.subscriptions = ["transactions"];
        // Subscribing starts a transaction refresh, and later ones happen automatically at Stripe.
        if (a.transaction_refresh?.status !== "pending") startRefresh(ctx.emu, a, "transactions");
      }
      ctx.emu.store.changed();
      return { body: accountObject(a) };
    },
  },
  {
    method: "POST",
    pattern: "/v1/financial_connections/accounts/:id/unsubscribe",
    handler: (ctx) => {
      validate(ctx.params, featuresOnly(["transactions"]));
      const a = account(ctx);
      a.subscriptions = [];
      ctx.emu.store.changed();
      return { body: accountObject(a) };
    },
  },
  {
    method: "GET",
    pattern: "/v1/financial_connections/accounts/:id/owners",
    handler: (ctx) => {
      const p = validate(ctx.params, { ...listFields, ownership: { t: "id", required: true } });
      const a = account(ctx);
      const ownershipId = str(p, "ownership") ?? "";
      const o = ctx.emu.store.data.ownerships[ownershipId];
      if (!o || o.account !== a.id) throw resourceMissing("financial_connections.account_ownership", ownershipId, "ownership", 404);
      return {
        body: paginate(o.owners, p, `/v1/financial_connections/accounts/${a.id}/owners`, (w) => ownerObject(w, o.id)),
      };
    },
  },
];
