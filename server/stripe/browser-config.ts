import "server-only";
import { env } from "@/server/env";

/** What the browser needs to load Stripe.js: the publishable key and, for the emulator, the script URL. */
export function stripeBrowserConfig(): { publishableKey: string; scriptUrl: string | null } | null {
  const { STRIPE_PUBLISHABLE_KEY, STRIPE_JS_URL } = env();
  if (!STRIPE_PUBLISHABLE_KEY) return null;
  return { publishableKey: STRIPE_PUBLISHABLE_KEY, scriptUrl: STRIPE_JS_URL ?? null };
}
