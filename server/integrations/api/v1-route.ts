import "server-only";
import { assertScope, requireApiKey, type ApiKeyCaller } from "@/server/auth/guards";
import { env } from "@/server/env";
import { DomainError } from "@/server/errors/domain-error";
import { parseJsonBody, readBodyText } from "@/server/http/api-error";
import { takeRateLimitPoint, type RateLimitState } from "@/server/http/rate-limit";
import { logger } from "@/server/log/logger";
import { requestIdFrom, runWithRequestId } from "@/server/log/request-context";
import { apiErrorAnswer } from "./api-errors";
import { idempotencyKeyOf, requestFingerprint, runIdempotently } from "./idempotency";
import type { ApiScope } from "./scopes";

export type V1Call<P> = {
  key: ApiKeyCaller;
  params: P;
  /** The parsed JSON body of a POST (`{}` when empty); undefined for other methods. */
  body: unknown;
  query: URLSearchParams;
  request: Request;
};

/** A handler's answer: a JSON body and its status (200 unless said). */
export type V1Answer = { status?: number; body: unknown };

type RouteContext<P> = { params: Promise<P> };

/**
 * One /api/v1 route handler, with the conventions every operation shares: a `Request-Id` on
 * every answer; the Bearer key authenticated, its scope checked, and its per-minute budget taken
 * (429 with `Retry-After`, every answer with `RateLimit-*`); a POST's `Idempotency-Key` honoured;
 * every failure answered as `{error: {type, code, message, param}}`.
 */
export function v1Route<P extends Record<string, string> = Record<string, never>>(scope: ApiScope, handler: (call: V1Call<P>) => Promise<V1Answer>) {
  return (request: Request, context?: RouteContext<P>): Promise<Response> => {
    // The id the proxy stamped (and logs carry), so one id names the request everywhere.
    const requestId = requestIdFrom(request.headers);
    return runWithRequestId(requestId, async () => {
      const headers: Record<string, string> = { "Request-Id": requestId, "Cache-Control": "no-store" };
      try {
        const key = await requireApiKey(request);
        assertScope(key, scope);
        const limit = await takeRateLimitPoint("api-v1-key", key.id, env().API_REQUESTS_PER_MINUTE, 60);
        Object.assign(headers, rateLimitHeaders(limit));
        if (!limit.allowed) {
          throw new DomainError("rate_limited", `Too many requests with this API key: at most ${limit.limit} a minute. Try again in ${limit.resetSeconds} seconds.`, { retryAfterSeconds: limit.resetSeconds });
        }
        const params = ((await context?.params) ?? {}) as P;
        const url = new URL(request.url);
        const call = { key, params, query: url.searchParams, request, body: undefined as unknown };
        if (request.method !== "POST") return json(await handler(call), headers);

        const text = await readBodyText(request);
        call.body = parseJsonBody(text);
        const idempotencyKey = idempotencyKeyOf(request);
        if (!idempotencyKey) return json(await handler(call), headers);
        const answer = await runIdempotently(key.integrationId, idempotencyKey, requestFingerprint("POST", url.pathname, text), async () => {
          const { status = 200, body } = await handler(call);
          return { status, body: JSON.stringify(body) };
        });
        if (answer.replayed) headers["Idempotent-Replayed"] = "true";
        return new Response(answer.body, { status: answer.status, headers: { ...headers, "Content-Type": "application/json" } });
      } catch (error) {
        const { status, headers: errorHeaders, body } = apiErrorAnswer(error);
        if (status >= 500) logger("api-v1").warn({ status, code: body.error.code }, "integrator API request failed");
        return Response.json(body, { status, headers: { ...headers, ...errorHeaders } });
      }
    });
  };
}

function json({ status = 200, body }: V1Answer, headers: Record<string, string>): Response {
  return Response.json(body, { status, headers });
}

/** The IETF draft's RateLimit-Limit / -Remaining / -Reset (seconds until the window resets). */
function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return { "RateLimit-Limit": String(state.limit), "RateLimit-Remaining": String(state.remaining), "RateLimit-Reset": String(state.resetSeconds) };
}
