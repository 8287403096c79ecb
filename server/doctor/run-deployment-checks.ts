// Every deployment check, in the order the admin page and `npm run doctor` show them. Each
// check is independent: one that throws becomes a failed check, and the others still run.
import { logger } from "@/server/log/logger";
import { check, type DeploymentCheck, type DoctorContext } from "./check";
import { checkCallbackEndpoints, checkFailingCallbacks } from "./callback-checks";
import { checkDatabase, checkEmail } from "./database-checks";
import { checkStripeAccepted, checkStripeKeys, checkStripeMode, checkWebhookSecret } from "./stripe-checks";
import { checkLatestWebhook, checkWebhookProcessing } from "./webhook-checks";
import { checkHsts, checkLinkingPages, checkPublicUrl, checkReturnUrl, checkSecureCookies } from "./web-checks";

type Step = { id: string; title: string; run: (ctx: DoctorContext) => DeploymentCheck | DeploymentCheck[] | Promise<DeploymentCheck | DeploymentCheck[]> };

const STEPS: Step[] = [
  { id: "stripe.keys", title: "Stripe keys", run: checkStripeKeys },
  { id: "stripe.mode", title: "Stripe mode", run: checkStripeMode },
  { id: "stripe.api", title: "Stripe accepts the key", run: checkStripeAccepted },
  { id: "stripe.webhook_secret", title: "Webhook signing secret", run: checkWebhookSecret },
  { id: "webhooks.latest", title: "Latest verified webhook", run: checkLatestWebhook },
  { id: "webhooks.processing", title: "Webhook processing", run: checkWebhookProcessing },
  { id: "web.public_url", title: "Public URL", run: checkPublicUrl },
  { id: "web.cookies", title: "Secure cookies", run: checkSecureCookies },
  { id: "web.hsts", title: "HSTS", run: checkHsts },
  { id: "linking.headers", title: "Linking page headers", run: checkLinkingPages },
  { id: "linking.return_url", title: "Stripe return_url", run: checkReturnUrl },
  { id: "email.delivery", title: "Email delivery", run: checkEmail },
  { id: "database", title: "Database", run: checkDatabase },
  { id: "callbacks.failing", title: "Integrator callbacks", run: checkFailingCallbacks },
  { id: "callbacks.endpoints", title: "Callback URLs", run: checkCallbackEndpoints },
];

export async function runDeploymentChecks(ctx: DoctorContext): Promise<DeploymentCheck[]> {
  const results = await Promise.all(
    STEPS.map(async (step) => {
      try {
        return await step.run(ctx);
      } catch (error) {
        logger("doctor").warn({ err: error, check: step.id }, "deployment check crashed");
        return check(step.id, step.title, "fail", `The check itself failed: ${error instanceof Error ? error.message : String(error)}.`, "Read the server log for this check's error.");
      }
    }),
  );
  return results.flat();
}

export function summarize(checks: DeploymentCheck[]) {
  return {
    pass: checks.filter((c) => c.status === "pass").length,
    warn: checks.filter((c) => c.status === "warn").length,
    fail: checks.filter((c) => c.status === "fail").length,
  };
}
