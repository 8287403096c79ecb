// /v1/events: list (with `type`, `types[]`, `created`, `delivery_success`) and retrieve.
import type { Route } from "../http/router.js";
import { validate, listFields, expandField, str, strArray } from "../http/params.js";
import { resourceMissing } from "../http/errors.js";
import { paginate } from "../http/pagination.js";
import { eventObject } from "./objects.js";
import { inRange } from "./ranges.js";

export const eventRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/events",
    handler: (ctx) => {
      const p = validate(ctx.params, {
        ...listFields,
        type: { t: "string" },
        types: { t: "array", of: { t: "string" }, max: 20 },
        created: { t: "range" },
        delivery_success: { t: "bool" },
      });
      const type = str(p, "type");
      const types = strArray(p, "types");
      // `type` accepts a `*` wildcard, e.g. `financial_connections.account.*`.
      const typeRe = type ? new RegExp(`^${type.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`) : null;
      const events = ctx.emu.store.data.events;
      // Stripe: false lists events still pending or failed at some endpoint; true, the rest.
      const deliverySuccess = p.delivery_success as boolean | undefined;
      const undelivered = deliverySuccess === undefined ? null : ctx.emu.webhooks.undeliveredEvents();
      const items = [];
      for (let i = events.length - 1; i >= 0; i--) {
        const e = events[i];
        if (!e || e.livemode !== ctx.livemode) continue;
        if (typeRe && !typeRe.test(e.type)) continue;
        if (types && !types.includes(e.type)) continue;
        if (!inRange(e.created, p.created)) continue;
        if (undelivered && undelivered.has(e.id) === deliverySuccess) continue;
        items.push(e);
      }
      const wh = ctx.emu.webhooks;
      // Events are stored oldest first: the index is their order, for cursors a filter left out.
      const rank = new Map(events.map((e, i) => [e.id, i]));
      return { body: paginate(items, p, "/v1/events", (e) => eventObject(e, wh.pendingFor(e.id)), (id) => rank.get(id)) };
    },
  },
  {
    method: "GET",
    pattern: "/v1/events/:id",
    handler: (ctx) => {
      validate(ctx.params, { expand: expandField });
      const id = ctx.args.id ?? "";
      const e = ctx.emu.store.data.events.find((x) => x.id === id);
      if (!e || e.livemode !== ctx.livemode) throw resourceMissing("event", id);
      return { body: eventObject(e, ctx.emu.webhooks.pendingFor(e.id)) };
    },
  },
];
