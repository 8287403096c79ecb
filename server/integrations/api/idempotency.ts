import "server-only";
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { prisma } from "@/server/db/client";
import { authSecret } from "@/server/env";
import { DomainError } from "@/server/errors/domain-error";
import { logger } from "@/server/log/logger";

/** How long an answer is kept for replay, as Stripe keeps its own: a day. */
export const IDEMPOTENT_ANSWER_TTL_HOURS = 24;
/** The in-flight marker's status: a second request with the key while the first runs is a 409. */
const IN_FLIGHT = 0;
/** An in-flight marker this old belongs to a request that died (no request runs this long): the key is free again. */
const ABANDONED_SECONDS = 60;

// Stored answers hold what the API answered: a live link URL, owners' names and addresses. They
// are kept encrypted (AES-256-GCM, a key derived from the app secret), so the table alone gives
// nothing away, and deleted after a day.
const cipherKey = () => createHmac("sha256", authSecret()).update("linkwell:idempotent-answers").digest();

function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", cipherKey(), iv);
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), sealed.toString("base64url")].join(":");
}

function unseal(stored: string): string {
  const [version, iv, tag, sealed] = stored.split(":");
  if (version !== "v1" || !iv || !tag || sealed === undefined) throw new Error("unreadable stored answer");
  const decipher = createDecipheriv("aes-256-gcm", cipherKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
}

export type StoredAnswer = { status: number; body: string };

/** What makes two requests "the same" for one key: method, path and body bytes. */
export function requestFingerprint(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method}\n${path}\n${body}`).digest("hex");
}

/** An Idempotency-Key header as sent: 1-255 visible characters, or null when absent. */
export function idempotencyKeyOf(request: Request): string | null {
  const key = request.headers.get("idempotency-key");
  if (key === null) return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new DomainError("invalid_input", "Idempotency-Key: must be 1 to 255 visible ASCII characters", { field: "Idempotency-Key", code: "idempotency_key_invalid" });
  }
  return key;
}

/**
 * Runs `run` once per (integration, key). The first request marks the key in flight in one
 * insert (the unique index decides between racing requests), runs, and stores its answer; a
 * retry with the same request gets that answer again (`replayed`); the same key with another
 * request is refused. Only answers `run` returns are kept (its successes): a refusal it throws,
 * a 429 or a 5xx frees the key, so a retry really runs again. Keys older than
 * IDEMPOTENT_ANSWER_TTL_HOURS start afresh.
 */
export async function runIdempotently(
  integrationId: string,
  key: string,
  fingerprint: string,
  run: () => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  await prisma.$executeRaw`
    DELETE FROM "ApiIdempotentAnswer"
     WHERE "integrationId" = ${integrationId} AND key = ${key}
       AND ("createdAt" < now() - make_interval(hours => ${IDEMPOTENT_ANSWER_TTL_HOURS})
            OR (status = ${IN_FLIGHT} AND "createdAt" < now() - make_interval(secs => ${ABANDONED_SECONDS})))`;
  const [claimed] = await prisma.apiIdempotentAnswer.createManyAndReturn({
    data: [{ integrationId, key, requestHash: fingerprint, status: IN_FLIGHT, body: "" }],
    skipDuplicates: true,
    select: { id: true },
  });
  if (!claimed) {
    const stored = await prisma.apiIdempotentAnswer.findUnique({ where: { integrationId_key: { integrationId, key } } });
    if (!stored) throw inFlight(); // expired and removed by a racing request this very moment
    if (stored.requestHash !== fingerprint) {
      throw new DomainError(
        "invalid_input",
        "Idempotency-Key: this key was used with another request; keys can only be used again with the same method, path and parameters",
        { field: "Idempotency-Key", code: "idempotency_key_reused" },
      );
    }
    if (stored.status === IN_FLIGHT) throw inFlight();
    return { status: stored.status, body: unseal(stored.body), replayed: true };
  }
  let answer: StoredAnswer;
  try {
    answer = await run();
  } catch (error) {
    await prisma.apiIdempotentAnswer.delete({ where: { id: claimed.id } });
    throw error;
  }
  if (answer.status >= 500 || answer.status === 429) await prisma.apiIdempotentAnswer.delete({ where: { id: claimed.id } });
  else await prisma.apiIdempotentAnswer.update({ where: { id: claimed.id }, data: { status: answer.status, body: seal(answer.body) } });
  return { ...answer, replayed: false };
}

function inFlight(): DomainError {
  return new DomainError("conflict", "Idempotency-Key: a request with this key is still being processed; retry in a moment", {
    field: "Idempotency-Key",
    code: "idempotency_key_in_use",
    retryAfterSeconds: 1,
  });
}

/** Deletes answers past their day (the sweeper, every few minutes, on the createdAt index). */
export async function deleteExpiredAnswers(): Promise<number> {
  return prisma.$executeRaw`DELETE FROM "ApiIdempotentAnswer" WHERE "createdAt" < now() - make_interval(hours => ${IDEMPOTENT_ANSWER_TTL_HOURS})`;
}

const timers = globalThis as typeof globalThis & { __idempotencySweeper?: NodeJS.Timeout };

/** Started once per server process (instrumentation.ts). */
export function startIdempotencySweeper(intervalMs = 5 * 60_000): void {
  if (timers.__idempotencySweeper) return;
  timers.__idempotencySweeper = setInterval(() => {
    deleteExpiredAnswers().catch((error: unknown) => logger("api-v1").warn({ err: error }, "idempotent answer sweep failed"));
  }, intervalMs);
  timers.__idempotencySweeper.unref();
}
