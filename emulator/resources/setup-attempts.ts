// SetupAttempts: one per confirmation of a SetupIntent (its `latest_attempt`), listed by
// GET /v1/setup_attempts?setup_intent=seti_… as at Stripe.
import type { Emu } from "../core.js";
import type { Route } from "../http/router.js";
import { validate, listFields, str } from "../http/params.js";
import { resourceMissing } from "../http/errors.js";
import { newestFirst, paginate } from "../http/pagination.js";
import { newId, nowSeconds } from "../store/ids.js";
import type { PaymentMethodRec, SetupAttemptRec, SetupIntentRec } from "../store/records.js";
import { inRange } from "./ranges.js";
import { setupAttemptObject } from "./payment-objects.js";

export function recordAttempt(emu: Emu, si: SetupIntentRec, pm: PaymentMethodRec, setupError: Record<string, unknown> | null): SetupAttemptRec {
  const a: SetupAttemptRec = {
    id: newId("setatt"),
    seq: emu.store.nextSeq(),
    livemode: si.livemode,
    created: nowSeconds(),
    setup_intent: si.id,
    payment_method: pm.id,
    customer: si.customer,
    usage: si.usage,
    flow_directions: si.flow_directions,
    status: setupError ? "failed" : "succeeded",
    setup_error: setupError,
  };
  emu.store.data.setup_attempts[a.id] = a;
  emu.store.changed();
  return a;
}

export const setupAttemptRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/setup_attempts",
    handler: (ctx) => {
      const p = validate(ctx.params, { ...listFields, setup_intent: { t: "id", required: true }, created: { t: "range" } });
      const si = str(p, "setup_intent") ?? "";
      const intent = ctx.emu.store.data.setup_intents[si];
      if (!intent || intent.livemode !== ctx.livemode) throw resourceMissing("setupintent", si, "setup_intent", 400);
      const items = newestFirst(Object.values(ctx.emu.store.data.setup_attempts)).filter((a) => a.setup_intent === si && inRange(a.created, p.created));
      return { body: paginate(items, p, "/v1/setup_attempts", setupAttemptObject) };
    },
  },
];
