// /v1/financial_connections/transactions: list (by account, date range, refresh) and retrieve.
import type { Route } from "../http/router.js";
import { validate, listFields, expandField, obj, str } from "../http/params.js";
import { invalidParam, resourceMissing } from "../http/errors.js";
import { paginate } from "../http/pagination.js";
import { transactionObject } from "./objects.js";
import { inRange } from "./ranges.js";
import { findAccount } from "./accounts.js";

export const transactionRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/financial_connections/transactions",
    handler: (ctx) => {
      const p = validate(ctx.params, {
        ...listFields,
        account: { t: "id", required: true },
        transacted_at: { t: "range" },
        transaction_refresh: { t: "object", fields: { after: { t: "id", required: true } } },
      });
      const a = findAccount(ctx, str(p, "account") ?? "", "account", 404);
      let minRefresh = -1;
      const after = str(obj(p, "transaction_refresh") ?? {}, "after");
      if (after) {
        minRefresh = a.transaction_refresh_ids.indexOf(after);
        if (minRefresh === -1) throw invalidParam(`No such transaction refresh: '${after}'`, "transaction_refresh[after]", "resource_missing");
      }
      const all = ctx.emu.store.data.transactions[a.id] ?? [];
      const items = all
        .filter((t) => inRange(t.transacted_at, p.transacted_at) && (minRefresh === -1 || a.transaction_refresh_ids.indexOf(t.transaction_refresh) > minRefresh))
        // Newest transaction first, as Stripe lists them.
        .sort((x, y) => y.transacted_at - x.transacted_at || y.seq - x.seq);
      return { body: paginate(items, p, "/v1/financial_connections/transactions", transactionObject) };
    },
  },
  {
    method: "GET",
    pattern: "/v1/financial_connections/transactions/:id",
    handler: (ctx) => {
      validate(ctx.params, { expand: expandField });
      const id = ctx.args.id ?? "";
      const t = ctx.emu.store.transaction(id);
      if (!t || t.livemode !== ctx.livemode) throw resourceMissing("financial_connections.transaction", id);
      return { body: transactionObject(t) };
    },
  },
];
