// What must never reach the log, as pino redact paths. A key is censored at the top of a log
// object and two levels down (`{ headers: { authorization } }`, `{ req: { headers: { cookie } } }`),
// which covers how this app logs; secrets inside free text are the writer's job to leave out.
import pino from "pino";

const SECRET_KEYS = [
  // Request and response headers: sessions and API keys.
  "authorization",
  "cookie",
  "set-cookie",
  "stripe-signature",
  "linkwell-signature",
  // Stripe: a session's client_secret lets anyone finish someone else's linking.
  "client_secret",
  "secret",
  "secret_key",
  "api_key",
  "apiKey",
  "webhook_secret",
  "webhookSecret",
  "password",
  // Single-use link tokens and OAuth tokens are bearer credentials.
  "token",
  "access_token",
  "refresh_token",
];

/** `client_secret` -> `.client_secret`; `set-cookie` -> `["set-cookie"]` (fast-redact syntax). */
function member(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
}

export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const m = member(key);
  return [m.replace(/^\./, ""), `*${m}`, `*.*${m}`];
});

/**
 * pino's error serializer (message, type, stack, own fields), keeping only fields that are plain
 * values. Errors carry whole objects: Stripe's the raw API answer and its headers (an object in
 * the answer may hold a client_secret), pg's the client with its connection settings. Stripe's
 * type, code, status and request id are logged as fields of their own (stripe-errors.ts).
 */
export function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown;
  if (typeof serialized !== "object" || serialized === null) return serialized;
  const kept = Object.entries(serialized as Record<string, unknown>).filter(
    ([key, value]) => key === "cause" || value === null || ["string", "number", "boolean"].includes(typeof value),
  );
  return Object.fromEntries(kept.map(([key, value]) => [key, key === "cause" ? serializeError(value) : value]));
}
