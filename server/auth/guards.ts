// Every guard in one place: sign-in for pages, route handlers and server actions (on the database
// session, ./current-user.ts), the admin role check, and API-key authentication for integrators.

import "server-only";
import { getCurrentUser, type CurrentUser } from "./current-user";
import { notFound, redirect } from "next/navigation";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import { env } from "@/server/env";
import { clientAddress } from "@/server/http/client-address";
import { assertRateLimitLeft, recordRateLimitFailure } from "@/server/http/rate-limit";
import { hashSecret } from "@/server/hosted-link/secrets";
import { API_KEY_PREFIX } from "@/server/api-keys/api-key-secret";
import type { ApiScope } from "@/server/integrations/api/scopes";

export { getCurrentUser, type CurrentUser };

/** For pages: anonymous visitors go to sign-in and come back to `returnTo` after. */
export async function requireUser(returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For admin pages: anonymous -> sign-in; signed-in non-admins get a 404 so the area stays hidden. */
export async function requireAdmin(returnTo: string): Promise<CurrentUser> {
  const user = await requireUser(returnTo);
  if (user.role !== "admin") notFound();
  return user;
}

/** For route handlers and server actions: the signed-in user, or an "unauthenticated" error (401). */
export async function requireApiUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new DomainError("unauthenticated", "Sign in first");
  return user;
}

/**
 * For admin route handlers and actions: every read and every action checks the database session
 * and role itself. Anonymous callers get 401; signed-in non-admins get the same 404 as an
 * unknown URL, so the admin area is not revealed.
 */
export async function requireAdminApi(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new DomainError("unauthenticated", "Sign in to continue");
  assertAdmin(user);
  return user;
}

/** A second check below the edge's: server functions never trust that their caller checked. */
export function assertAdmin(user: Pick<CurrentUser, "role">): void {
  if (user.role !== "admin") throw new DomainError("not_found", "Not found");
}

export type ApiKeyCaller = {
  id: string;
  name: string;
  /** The integration's allow-list: where links minted with this key may send the browser back. */
  redirectUris: string[];
  webhookUrl: string | null;
  /** Link tokens this key may mint per minute. */
  mintsPerMinute: number;
  /** The integration the key belongs to: its users are the external ids this key sends. */
  integrationId: string;
  /** What the key may do in /api/v1 (read, refresh, link, delete). */
  scopes: string[];
};

/** Window of the failed-authentication limit per client address (API_KEY_FAILURES_PER_CLIENT). */
export const API_KEY_FAILURE_WINDOW_SECONDS = 15 * 60;

/**
 * The API key of a request with `Authorization: Bearer lwk_…`, null when the request has no
 * Authorization header at all (a cookie caller). A malformed, unknown or revoked key is a 401:
 * a caller that sent a key never falls back to the cookie. A client address with too many such
 * failures gets a 429 with Retry-After for any key until its window passes (no guessing keys).
 */
export async function apiKeyFromRequest(request: Request): Promise<ApiKeyCaller | null> {
  const header = request.headers.get("authorization");
  if (header === null) return null;
  const client = clientAddress(request.headers);
  const limit = env().API_KEY_FAILURES_PER_CLIENT;
  await assertRateLimitLeft("api-key-failures", client, limit, API_KEY_FAILURE_WINDOW_SECONDS);
  const refuse = async (message: string) => {
    await recordRateLimitFailure("api-key-failures", client, limit, API_KEY_FAILURE_WINDOW_SECONDS);
    return new DomainError("unauthenticated", message, { challenge: "bearer" });
  };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const secret = match?.[1];
  if (!secret || !secret.startsWith(API_KEY_PREFIX) || secret.length > 200) {
    throw await refuse("Send an API key as Authorization: Bearer lwk_…");
  }
  // Looked up by its hash: the index finds it, and no secret-dependent comparison happens in JS.
  const key = await prisma.apiKey.findUnique({ where: { secretHash: hashSecret(secret) }, include: { integration: { select: { redirectUris: true } } } });
  if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= new Date())) throw await refuse("This API key is not valid, has expired or has been revoked");
  // Good enough for "is this key still in use?"; one write a minute at most per key.
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
    await prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  }
  return {
    id: key.id,
    name: key.name,
    redirectUris: key.integration.redirectUris,
    webhookUrl: key.webhookUrl,
    mintsPerMinute: key.mintsPerMinute,
    integrationId: key.integrationId,
    scopes: key.scopes,
  };
}

/** A key may do only what its scopes allow, on every route that takes keys (403 otherwise). */
export function assertScope(key: Pick<ApiKeyCaller, "scopes">, scope: ApiScope): void {
  if (!key.scopes.includes(scope)) throw new DomainError("forbidden", `This API key lacks the ${scope} scope this request needs`, { code: "insufficient_scope" });
}

/** For integrator-only routes: the request's API key, or a 401. */
export async function requireApiKey(request: Request): Promise<ApiKeyCaller> {
  const key = await apiKeyFromRequest(request);
  if (!key) throw missingApiKey();
  return key;
}

/** The 401 for a request with neither an API key nor a signed-in person: worded for API callers. */
export function missingApiKey(): DomainError {
  return new DomainError("unauthenticated", "Missing API key: send it as Authorization: Bearer lwk_…", { challenge: "bearer" });
}
