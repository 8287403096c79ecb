import "server-only";
import { prisma } from "@/server/db/client";
import type { IntegratorCallback } from "@/server/db/generated/prisma/client";
import { logger } from "@/server/log/logger";
import { callbackEndpoint } from "./callback-endpoint";
import { callbackPolicy } from "./callback-policy";
import { SIGNATURE_HEADER, signCallback, webhookSigningSecret } from "./callback-signature";
import { describeOutcome, postCallback, type CallbackOutcome } from "./post-callback";

/** Wait after each failed try: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h; then it is given up. */
const BACKOFF_SECONDS = [10, 60, 300, 1_800, 7_200, 21_600];
export const MAX_ATTEMPTS = BACKOFF_SECONDS.length + 1;
const TIMEOUT_MS = 5_000;
/** A claimed row is skipped by other senders for this long; longer than one try can take. */
const CLAIM_SECONDS = 30;

const log = () => logger("hosted-link");

/**
 * Takes callbacks that are due, at most `limit`, for this sender alone: the claim moves their
 * next attempt past the lease, and SKIP LOCKED keeps two instances from taking the same row.
 */
async function claimDue(limit: number, id?: string): Promise<IntegratorCallback[]> {
  return prisma.$queryRaw<IntegratorCallback[]>`
    UPDATE "IntegratorCallback"
       SET "nextAttemptAt" = now() + make_interval(secs => ${CLAIM_SECONDS})
     WHERE id IN (
       SELECT id FROM "IntegratorCallback"
        WHERE "deliveredAt" IS NULL AND "nextAttemptAt" <= now() AND attempts < ${MAX_ATTEMPTS}
          AND (${id ?? null}::text IS NULL OR id = ${id ?? null}::text)
        ORDER BY "nextAttemptAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING *`;
}

async function send(callback: IntegratorCallback): Promise<void> {
  const endpoint = callbackEndpoint(callback.url);
  let outcome: CallbackOutcome;
  try {
    const signature = signCallback(webhookSigningSecret(callback.apiKeyId), callback.body, Math.floor(Date.now() / 1000));
    outcome = await postCallback(callback.url, callback.body, { "content-type": "application/json", [SIGNATURE_HEADER]: signature }, { policy: callbackPolicy(), timeoutMs: TIMEOUT_MS });
  } catch (error) {
    log().error({ err: error, callback: endpoint }, "integrator callback could not be sent");
    outcome = { kind: "failed" };
  }
  if (outcome.kind === "answered" && outcome.status >= 200 && outcome.status < 300) {
    await prisma.integratorCallback.update({ where: { id: callback.id }, data: { deliveredAt: new Date(), attempts: { increment: 1 }, lastError: null } });
    return;
  }
  // Stored and shown coarse (describeOutcome); the log, read by operators only, keeps the error code.
  const failure = describeOutcome(outcome);
  const attempts = callback.attempts + 1;
  const wait = BACKOFF_SECONDS[attempts - 1];
  log().warn({ callback: endpoint, attempt: attempts, error: failure, ...(outcome.kind === "failed" && { code: outcome.detail }), give_up: wait === undefined }, "integrator callback failed");
  await prisma.integratorCallback.update({
    where: { id: callback.id },
    data: { attempts, lastError: failure.slice(0, 500), ...(wait !== undefined && { nextAttemptAt: new Date(Date.now() + wait * 1000) }) },
  });
}

/** Tries one callback now, if it is due and no other sender holds it. */
export async function deliverCallback(id: string): Promise<void> {
  try {
    for (const callback of await claimDue(1, id)) await send(callback);
  } catch (error) {
    log().error({ err: error }, "integrator callback delivery crashed"); // the sweeper retries it
  }
}

/** Sends every callback that is due, a batch at a time; returns how many were tried. */
export async function deliverDueCallbacks(limit = 20): Promise<number> {
  const due = await claimDue(limit);
  await Promise.all(due.map(send));
  return due.length;
}

const timers = globalThis as typeof globalThis & { __callbackSweeper?: NodeJS.Timeout };

/** Started once per server process (instrumentation.ts): retries due callbacks every 15 s. */
export function startCallbackSweeper(intervalMs = 15_000): void {
  if (timers.__callbackSweeper) return;
  timers.__callbackSweeper = setInterval(() => {
    deliverDueCallbacks().catch((error: unknown) => log().warn({ err: error }, "integrator callback sweep failed"));
  }, intervalMs);
  timers.__callbackSweeper.unref();
}
