// Stripe: keys present and of one mode, accepted by Stripe, and a webhook signing secret.
import Stripe from "stripe";
import { keyMode, stripeConnection } from "@/server/stripe/client";
import { EMULATOR_KEYS } from "@/server/stripe/emulator-keys";
import { check, severity, withTimeout, type DeploymentCheck, type DoctorContext } from "./check";

const STRIPE_API = "https://api.stripe.com";
const DASHBOARD_KEYS = "Set STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY from Stripe's dashboard (Developers > API keys).";

/** STRIPE_API_BASE pointing anywhere but Stripe: the emulator, in development. */
function apiBaseOf(ctx: DoctorContext): string | null {
  const base = ctx.env.STRIPE_API_BASE;
  return base && new URL(base).origin !== STRIPE_API ? new URL(base).origin : null;
}

export function checkStripeKeys(ctx: DoctorContext): DeploymentCheck {
  const { STRIPE_SECRET_KEY: secret, STRIPE_PUBLISHABLE_KEY: publishable } = ctx.env;
  const missing = [!secret && "STRIPE_SECRET_KEY", !publishable && "STRIPE_PUBLISHABLE_KEY"].filter(Boolean);
  if (missing.length) return check("stripe.keys", "Stripe keys", "fail", `${missing.join(" and ")} not set: bank linking cannot start.`, DASHBOARD_KEYS);
  const emulator = apiBaseOf(ctx);
  if (emulator) {
    return ctx.production
      ? check("stripe.keys", "Stripe keys", "fail", `STRIPE_API_BASE sends Stripe calls to ${emulator}, not to Stripe.`, "Unset STRIPE_API_BASE and STRIPE_JS_URL in production.")
      : check("stripe.keys", "Stripe keys", "pass", `Set, for the Stripe emulator at ${emulator} (development).`);
  }
  return check("stripe.keys", "Stripe keys", "pass", "Secret and publishable keys are set.");
}

export function checkStripeMode(ctx: DoctorContext): DeploymentCheck {
  const { STRIPE_SECRET_KEY: secret, STRIPE_PUBLISHABLE_KEY: publishable } = ctx.env;
  if (!secret || !publishable) return check("stripe.mode", "Stripe mode", "fail", "Unknown: a key is missing.", DASHBOARD_KEYS);
  const [secretMode, publishableMode] = [keyMode(secret), keyMode(publishable)];
  if (secretMode !== publishableMode) {
    return check(
      "stripe.mode",
      "Stripe mode",
      "fail",
      `The secret key is a ${secretMode}-mode key but the publishable key is ${publishableMode}-mode: the modal cannot open the sessions the server creates.`,
      "Take both keys from the same mode (the Test mode toggle in Stripe's dashboard).",
    );
  }
  if (ctx.production && secretMode === "test") {
    return check("stripe.mode", "Stripe mode", "warn", "Both keys are test-mode: only Stripe's test institutions can be linked.", "Use live-mode keys to link real bank accounts.");
  }
  return check("stripe.mode", "Stripe mode", "pass", `Both keys are ${secretMode}-mode.`);
}

/** A cheap authenticated call (list one customer): is the secret key accepted? */
export async function checkStripeAccepted(ctx: DoctorContext): Promise<DeploymentCheck> {
  const secret = ctx.env.STRIPE_SECRET_KEY;
  if (!secret) return check("stripe.api", "Stripe accepts the key", "fail", "Not tried: STRIPE_SECRET_KEY is not set.", DASHBOARD_KEYS);
  const client = new Stripe(secret, { maxNetworkRetries: 0, timeout: 5_000, ...stripeConnection(ctx.env.STRIPE_API_BASE) });
  try {
    await withTimeout(client.customers.list({ limit: 1 }), 6_000, "Stripe");
    return check("stripe.api", "Stripe accepts the key", "pass", `Stripe${apiBaseOf(ctx) ? " (emulator)" : ""} answered an authenticated call in ${keyMode(secret)} mode.`);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError) {
      return check("stripe.api", "Stripe accepts the key", "fail", "Stripe refused the secret key (revoked, rolled, or lacking permission).", "Copy the current secret key from Stripe's dashboard into STRIPE_SECRET_KEY.");
    }
    return check(
      "stripe.api",
      "Stripe accepts the key",
      "fail",
      `Could not reach Stripe: ${error instanceof Error ? error.message : String(error)}.`,
      "Let the server reach api.stripe.com over https (firewall, proxy, DNS), then check again.",
    );
  }
}

export function checkWebhookSecret(ctx: DoctorContext): DeploymentCheck {
  const secrets = (ctx.env.STRIPE_WEBHOOK_SECRET ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const remedy = "Set STRIPE_WEBHOOK_SECRET to the signing secret of your /api/webhooks/stripe endpoint in Stripe's dashboard.";
  if (!secrets.length) return check("stripe.webhook_secret", "Webhook signing secret", "fail", "STRIPE_WEBHOOK_SECRET is not set: no webhook can be verified.", remedy);
  if (secrets.includes(EMULATOR_KEYS.STRIPE_WEBHOOK_SECRET)) {
    return check(
      "stripe.webhook_secret",
      "Webhook signing secret",
      severity(ctx),
      "STRIPE_WEBHOOK_SECRET is the emulator's, which is public in the source: anyone could sign events.",
      remedy,
    );
  }
  return check("stripe.webhook_secret", "Webhook signing secret", "pass", `Set (${secrets.length === 1 ? "one secret" : `${secrets.length} secrets, rotating`}).`);
}
