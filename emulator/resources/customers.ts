// /v1/customers: create, retrieve, update, delete, list (with the `email` filter).
import type { Route, ApiContext } from "../http/router.js";
import { validate, listFields, expandField, str, type Field, type Params } from "../http/params.js";
import { resourceMissing } from "../http/errors.js";
import { paginate, newestFirst } from "../http/pagination.js";
import { newId, nowSeconds } from "../store/ids.js";
import type { CustomerRec } from "../store/records.js";
import { customerObject } from "./objects.js";
import { inRange } from "./ranges.js";

const addressField: Field = {
  t: "object",
  emptyable: true,
  fields: { line1: { t: "string" }, line2: { t: "string" }, city: { t: "string" }, state: { t: "string" }, postal_code: { t: "string" }, country: { t: "string" } },
};

const writable: Record<string, Field> = {
  email: { t: "string", max: 512, emptyable: true },
  name: { t: "string", max: 256, emptyable: true },
  description: { t: "string", max: 350, emptyable: true },
  phone: { t: "string", max: 20, emptyable: true },
  metadata: { t: "metadata" },
  address: addressField,
  expand: expandField,
};

export function findCustomer(ctx: ApiContext, id: string, param = "id", status = 404): CustomerRec {
  const c = ctx.emu.store.data.customers[id];
  if (!c || c.livemode !== ctx.livemode) throw resourceMissing("customer", id, param, status);
  return c;
}

function orNull(v: string | undefined, fallback: string | null): string | null {
  if (v === undefined) return fallback;
  return v === "" ? null : v;
}

function applyWritable(c: CustomerRec, p: Params): void {
  c.email = orNull(str(p, "email"), c.email);
  c.name = orNull(str(p, "name"), c.name);
  c.description = orNull(str(p, "description"), c.description);
  c.phone = orNull(str(p, "phone"), c.phone);
  if (p.address === "") c.address = null;
  else if (p.address && typeof p.address === "object") {
    const a = p.address as Record<string, string>;
    c.address = { line1: null, line2: null, city: null, state: null, postal_code: null, country: null, ...(c.address ?? {}), ...a };
  }
  // Metadata merges key by key; an empty value unsets a key; an empty hash clears all.
  if (p.metadata === "") c.metadata = {};
  else if (p.metadata && typeof p.metadata === "object") {
    for (const [k, v] of Object.entries(p.metadata as Record<string, string>)) {
      if (v === "") delete c.metadata[k];
      else c.metadata[k] = v;
    }
  }
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const prev: Record<string, unknown> = {};
  for (const k of Object.keys(after)) if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) prev[k] = before[k] ?? null;
  return prev;
}

export const customerRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/v1/customers",
    handler: (ctx) => {
      const p = validate(ctx.params, writable);
      const { store } = ctx.emu;
      const c: CustomerRec = {
        id: newId("cus", 14),
        seq: store.nextSeq(),
        livemode: ctx.livemode,
        created: nowSeconds(),
        email: null,
        name: null,
        description: null,
        phone: null,
        metadata: {},
        address: null,
        deleted: false,
      };
      applyWritable(c, p);
      store.data.customers[c.id] = c;
      const obj = customerObject(c);
      ctx.emu.emit("customer.created", c.livemode, obj as unknown as Record<string, unknown>, ctx.request);
      return { body: customerObject(c) };
    },
  },
  {
    method: "GET",
    pattern: "/v1/customers/:id",
    handler: (ctx) => {
      validate(ctx.params, { expand: expandField });
      return { body: customerObject(findCustomer(ctx, ctx.args.id ?? "")) };
    },
  },
  {
    method: "POST",
    pattern: "/v1/customers/:id",
    handler: (ctx) => {
      const p = validate(ctx.params, writable);
      const c = findCustomer(ctx, ctx.args.id ?? "");
      if (c.deleted) throw resourceMissing("customer", c.id);
      const before = customerObject(c) as unknown as Record<string, unknown>;
      applyWritable(c, p);
      const after = customerObject(c) as unknown as Record<string, unknown>;
      const prev = diff(before, after);
      if (Object.keys(prev).length) ctx.emu.emit("customer.updated", c.livemode, after, ctx.request, prev);
      ctx.emu.store.changed();
      return { body: customerObject(c) };
    },
  },
  {
    method: "DELETE",
    pattern: "/v1/customers/:id",
    handler: (ctx) => {
      validate(ctx.params, {});
      const c = findCustomer(ctx, ctx.args.id ?? "");
      if (c.deleted) throw resourceMissing("customer", c.id);
      const last = customerObject(c) as unknown as Record<string, unknown>;
      c.deleted = true;
      ctx.emu.emit("customer.deleted", c.livemode, last, ctx.request);
      return { body: customerObject(c) };
    },
  },
  {
    method: "GET",
    pattern: "/v1/customers",
    handler: (ctx) => {
      const p = validate(ctx.params, { ...listFields, email: { t: "string", max: 512 }, created: { t: "range" } });
      const email = str(p, "email");
      const items = newestFirst(Object.values(ctx.emu.store.data.customers)).filter(
        (c) => !c.deleted && c.livemode === ctx.livemode && (email === undefined || c.email === email) && inRange(c.created, p.created),
      );
      return { body: paginate(items, p, "/v1/customers", customerObject) };
    },
  },
];
