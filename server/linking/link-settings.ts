import "server-only";
import type Stripe from "stripe";
import { env } from "@/server/env";

type SessionParams = Stripe.FinancialConnections.SessionCreateParams;

type Permission = Stripe.FinancialConnections.SessionCreateParams.Permission;

/**
 * What every Financial Connections Session asks for, from configuration. `permissions` narrows
 * it (a hosted link minted for less); prefetching then keeps only what those permissions allow.
 */
export function linkSessionSettings(permissions?: Permission[]): Pick<SessionParams, "permissions" | "prefetch" | "filters" | "limits"> & {
  permissions: Permission[];
} {
  const e = env();
  const granted = permissions ?? e.LINK_PERMISSIONS;
  return {
    permissions: granted,
    prefetch: e.LINK_PREFETCH.filter((p) => granted.includes(p as Permission)),
    filters: { country: e.LINK_COUNTRY },
    limits: { accounts: e.LINK_ACCOUNT_LIMIT },
  };
}
