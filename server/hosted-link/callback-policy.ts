import "server-only";
import { env, isDevelopment } from "@/server/env";
import type { CallbackPolicy } from "./callback-target";

/**
 * The callback rule of this process: public https addresses only, plus receivers on this
 * machine when development opts in with CALLBACKS_ALLOW_LOOPBACK (ignored in production).
 */
export function callbackPolicy(): CallbackPolicy {
  return { allowLoopback: isDevelopment() && env().CALLBACKS_ALLOW_LOOPBACK };
}
