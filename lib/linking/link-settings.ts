import "server-only";
import type Stripe from "stripe";
import { env } from "@/lib/env";

type SessionParams = Stripe.FinancialConnections.SessionCreateParams;

/** What every Financial Connections Session asks for, from configuration. */
export function linkSessionSettings(): Pick<SessionParams, "permissions" | "prefetch" | "filters" | "limits"> {
  const e = env();
  return {
    permissions: e.LINK_PERMISSIONS,
    prefetch: e.LINK_PREFETCH,
    filters: { country: e.LINK_COUNTRY },
    limits: { accounts: e.LINK_ACCOUNT_LIMIT },
  };
}
