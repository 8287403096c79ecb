// /v1/mandates/:id, and the mandate lifecycle: made active when a SetupIntent succeeds, made
// inactive (with `mandate.updated`) when its PaymentMethod is detached, its Financial
// Connections account is disconnected, or the test helper says so.
import type { Emu, RequestInfo } from "../core.js";
import type { Route } from "../http/router.js";
import { validate, expandField } from "../http/params.js";
import { resourceMissing } from "../http/errors.js";
import { newId, nowSeconds } from "../store/ids.js";
import type { CustomerAcceptanceRec, MandateRec, PaymentMethodRec } from "../store/records.js";
import { mandateObject } from "./payment-objects.js";

export function createMandate(emu: Emu, pm: PaymentMethodRec, acceptance: CustomerAcceptanceRec): MandateRec {
  const m: MandateRec = {
    id: newId("mandate"),
    seq: emu.store.nextSeq(),
    livemode: pm.livemode,
    created: nowSeconds(),
    payment_method: pm.id,
    status: "active",
    customer_acceptance: acceptance,
  };
  emu.store.data.mandates[m.id] = m;
  emu.store.changed();
  return m;
}

/** active -> inactive with the event Stripe sends; a no-op for a mandate already inactive. */
export function deactivateMandate(emu: Emu, m: MandateRec, request: RequestInfo | null): void {
  if (m.status === "inactive") return;
  const previous = m.status;
  m.status = "inactive";
  emu.emit("mandate.updated", m.livemode, mandateObject(m) as unknown as Record<string, unknown>, request, { status: previous });
}

export function deactivateMandatesOf(emu: Emu, paymentMethodId: string, request: RequestInfo | null): void {
  for (const m of Object.values(emu.store.data.mandates)) if (m.payment_method === paymentMethodId) deactivateMandate(emu, m, request);
}

/** A disconnected account can no longer be debited: every mandate on a PaymentMethod built on it lapses. */
export function deactivateMandatesOfAccount(emu: Emu, accountId: string, request: RequestInfo | null): void {
  for (const pm of Object.values(emu.store.data.payment_methods))
    if (pm.us_bank_account.financial_connections_account === accountId) deactivateMandatesOf(emu, pm.id, request);
}

export const mandateRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/mandates/:id",
    handler: (ctx) => {
      validate(ctx.params, { expand: expandField });
      const id = ctx.args.id ?? "";
      const m = ctx.emu.store.data.mandates[id];
      if (!m || m.livemode !== ctx.livemode) throw resourceMissing("mandate", id);
      return { body: mandateObject(m) };
    },
  },
];
