// Integrator callbacks: endpoints that keep failing, and registered URLs the callback rule
// (public https addresses only) would now refuse.
import { prisma } from "@/server/db/client";
import { callbackEndpoint } from "@/server/hosted-link/callback-endpoint";
import { checkCallbackUrl } from "@/server/hosted-link/callback-target";
import { MAX_ATTEMPTS } from "@/server/hosted-link/deliver-callbacks";
import { check, type DeploymentCheck, type DoctorContext } from "./check";

const WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
const SHOWN = 3;

function list(items: string[]): string {
  return items.slice(0, SHOWN).join("; ") + (items.length > SHOWN ? `; and ${items.length - SHOWN} more` : "");
}

export async function checkFailingCallbacks(ctx: DoctorContext): Promise<DeploymentCheck> {
  const failing = await prisma.integratorCallback.groupBy({
    by: ["apiKeyId"],
    where: { deliveredAt: null, attempts: { gt: 0 }, createdAt: { gte: new Date(ctx.now.getTime() - WINDOW_MS) } },
    _count: { _all: true },
  });
  if (failing.length === 0) return check("callbacks.failing", "Integrator callbacks", "pass", "No undelivered callbacks with failed tries in the last 7 days.");
  const [keys, givenUp] = await Promise.all([
    prisma.apiKey.findMany({ where: { id: { in: failing.map((f) => f.apiKeyId) } }, select: { id: true, name: true, webhookUrl: true } }),
    prisma.integratorCallback.count({ where: { deliveredAt: null, attempts: { gte: MAX_ATTEMPTS }, createdAt: { gte: new Date(ctx.now.getTime() - WINDOW_MS) } } }),
  ]);
  const names = keys.map((k) => `${k.name} (${k.webhookUrl ? callbackEndpoint(k.webhookUrl) : "no URL now"})`);
  const total = failing.reduce((sum, f) => sum + f._count._all, 0);
  return check(
    "callbacks.failing",
    "Integrator callbacks",
    "warn",
    `${total} undelivered callback${total === 1 ? "" : "s"} (${givenUp} given up) in the last 7 days, to: ${list(names)}.`,
    "Tell the integrator their endpoint is failing (Admin > API keys shows the last error), then retry.",
  );
}

export async function checkCallbackEndpoints(ctx: DoctorContext): Promise<DeploymentCheck> {
  const keys = await prisma.apiKey.findMany({
    where: { revokedAt: null, webhookUrl: { not: null } },
    orderBy: { createdAt: "desc" }, // the newest first, when the message names only a few
    select: { name: true, webhookUrl: true },
  });
  // Judged as production judges them; a URL only the development opt-in lets through warns.
  const allowLoopback = !ctx.production && ctx.env.CALLBACKS_ALLOW_LOOPBACK;
  let status: "warn" | "fail" = "warn";
  const refused = keys.flatMap((k) => {
    const result = checkCallbackUrl(k.webhookUrl!, { allowLoopback: false });
    if (result.ok) return [];
    if (!checkCallbackUrl(k.webhookUrl!, { allowLoopback }).ok) status = "fail";
    return [`${k.name}: ${callbackEndpoint(k.webhookUrl!)} (${result.reason})`];
  });
  const optIn = ctx.production && ctx.env.CALLBACKS_ALLOW_LOOPBACK ? " CALLBACKS_ALLOW_LOOPBACK is set but ignored in production." : "";
  if (refused.length) {
    return check(
      "callbacks.endpoints",
      "Callback URLs",
      status,
      `${refused.length} active key${refused.length === 1 ? "" : "s"} ha${refused.length === 1 ? "s" : "ve"} a callback URL the callback rule refuses: ${list(refused)}.${optIn}`,
      "Revoke those keys and create new ones with a public https callback URL.",
    );
  }
  if (optIn) return check("callbacks.endpoints", "Callback URLs", "warn", optIn.trim(), "Remove CALLBACKS_ALLOW_LOOPBACK from the production settings.");
  if (keys.length === 0) return check("callbacks.endpoints", "Callback URLs", "pass", "No active API key has a callback URL.");
  return check("callbacks.endpoints", "Callback URLs", "pass", `${keys.length} active key${keys.length === 1 ? "" : "s"} with a callback URL; every one is a public https address.`);
}
