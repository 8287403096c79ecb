import "server-only";
import { z } from "zod";
import type { ApiKeyCaller } from "@/server/auth/guards";
import { prisma } from "@/server/db/client";
import { retryOnUniqueConflict } from "@/server/db/unique-conflict";
import { env } from "@/server/env";
import { DomainError } from "@/server/errors/domain-error";
import { parseInput } from "@/server/errors/parse-input";
import { consumeRateLimit } from "@/server/http/rate-limit";
import { isConfiguredAdmin } from "@/server/auth/roles";
import { saveHolderProfile, type HolderProfileInput } from "@/server/ownership/holder-profile";
import { cookieCallerRedirectUris, LINK_TOKEN_TTL_MS, LINK_TOKENS_PER_MINUTE } from "./config";
import { LinkTokenBody, linkTokenFields, type LinkPurposeName } from "@/server/integrations/api/schemas";
import { checkRedirectUri } from "./redirect-uri";
import { hashSecret, newRowId, randomSecret } from "./secrets";

/** Who asks for a link: a signed-in user for themself, or an integrator's backend with its API key. */
export type LinkTokenCaller = { kind: "user"; userId: string } | { kind: "api_key"; apiKey: ApiKeyCaller };

// The integrator's body is the API's documented schema; the cookie path takes its fields minus the user.
const apiKeyInput = LinkTokenBody;

// The cookie path takes no user identifiers at all: a signed-in user mints only for themself.
const cookieInput = z.strictObject(linkTokenFields);
const USER_FIELDS = ["user", "user_id", "userId", "external_id", "email"];

export type MintedLinkToken = { url: string; expires_at: string; link_session_id: string; purpose: LinkPurposeName };

/**
 * Mints a single-use hosted link. The redirect URI must be on the caller's allow-list (the
 * API key's, or LINK_REDIRECT_URIS for signed-in users); permissions may only narrow the
 * configured ones. Only the token's hash is stored; the link session id is chosen now so the
 * integrator can ask about it before the person opens the link. A link for `payments` also asks
 * the person to authorize debits after linking, which Stripe allows only on accounts whose
 * numbers were shared: its permissions must include payment_method (never added behind the
 * caller's back: a list that narrows the data without it is refused, naming it).
 */
export async function mintLinkToken(caller: LinkTokenCaller, body: unknown, origin: string, now = new Date()): Promise<MintedLinkToken> {
  let userId: string;
  let input: z.infer<typeof cookieInput>;
  let allowList: string[];
  let holder: HolderProfileInput | undefined;
  if (caller.kind === "user") {
    if (body && typeof body === "object" && USER_FIELDS.some((field) => field in body)) {
      throw new DomainError("invalid_input", "Signed-in callers mint links for themselves only: leave out user", { field: "user" });
    }
    input = parseInput(cookieInput, body);
    userId = caller.userId;
    allowList = cookieCallerRedirectUris();
    await consumeRateLimit("link-token-user", userId, LINK_TOKENS_PER_MINUTE, 60);
  } else {
    const parsed = parseInput(apiKeyInput, body);
    input = parsed;
    allowList = caller.apiKey.redirectUris;
    await consumeRateLimit("link-token-key", caller.apiKey.id, caller.apiKey.mintsPerMinute, 60);
    userId = await resolveExternalUser(caller.apiKey, parsed.user.external_id, parsed.user.email);
    holder = parsed.holder;
  }

  const check = checkRedirectUri(input.redirect_uri);
  if (!check.ok) throw new DomainError("invalid_input", `redirect_uri: ${check.reason}`, { field: "redirect_uri" });
  if (!allowList.includes(input.redirect_uri)) {
    throw new DomainError("invalid_input", "redirect_uri: is not on this caller's allow-list (matched exactly)", { field: "redirect_uri" });
  }

  const configured = env().LINK_PERMISSIONS;
  const permissions = input.permissions ? [...new Set(input.permissions)] : configured;
  const extra = permissions.filter((p) => !configured.includes(p));
  if (extra.length > 0) throw new DomainError("invalid_input", `permissions: ${extra.join(", ")} is not offered by this server`, { field: "permissions" });
  if (input.purpose === "payments" && !permissions.includes("payment_method")) {
    throw input.permissions
      ? new DomainError("invalid_input", 'permissions: purpose "payments" needs payment_method (the account and routing numbers Stripe debits); add it to permissions', { field: "permissions" })
      : new DomainError("invalid_input", 'purpose: "payments" needs the payment_method permission, which this server does not offer', { field: "purpose" });
  }

  // Only once the request is known to be good: a refused link stores nothing about the person.
  if (holder) await saveHolderProfile(userId, holder);

  const token = randomSecret();
  const expiresAt = new Date(now.getTime() + LINK_TOKEN_TTL_MS);
  const row = await prisma.linkToken.create({
    data: {
      tokenHash: hashSecret(token),
      userId,
      apiKeyId: caller.kind === "api_key" ? caller.apiKey.id : null,
      redirectUri: input.redirect_uri,
      state: input.state ?? null,
      permissions,
      purpose: input.purpose,
      expiresAt,
      linkSessionId: newRowId(),
    },
  });
  return { url: `${origin}/link/${token}`, expires_at: expiresAt.toISOString(), link_session_id: row.linkSessionId, purpose: row.purpose };
}

/**
 * The user an integrator means by its external id, in the key's own namespace: the one mapped
 * before, else a new user made for this mapping alone. The email is never used to find anyone
 * (it proves nothing), so an integrator cannot attach links to a person who signs in themself
 * or to another integrator's user; it is kept on the mapping, updated when it changes, and given
 * to Stripe. The admin exclusion is checked at every mint: a mapped user can be promoted later.
 */
async function resolveExternalUser(key: ApiKeyCaller, externalId: string, email: string): Promise<string> {
  if (await isAdminEmailAnywhere(email)) throw adminRefused();
  const namespace = key.integrationId;
  // Two first mints for one person can race: the unique (namespace, externalId) keeps one mapping and one user.
  return retryOnUniqueConflict(() =>
    prisma.$transaction(async (tx) => {
      const mapped = await tx.externalUser.findUnique({
        where: { namespace_externalId: { namespace, externalId } },
        select: { id: true, email: true, user: { select: { id: true, role: true } } },
      });
      if (mapped) {
        if (mapped.user.role === "admin") throw adminRefused();
        if (mapped.email !== email) await tx.externalUser.update({ where: { id: mapped.id }, data: { email } });
        return mapped.user.id;
      }
      const user = await tx.user.create({ data: { name: null }, select: { id: true } });
      await tx.externalUser.create({ data: { apiKeyId: key.id, namespace, externalId, email, userId: user.id } });
      return user.id;
    }),
  );
}

/** An admin's email, stored or configured: links are never minted in an admin's name. */
async function isAdminEmailAnywhere(email: string): Promise<boolean> {
  if (isConfiguredAdmin(email)) return true;
  return (await prisma.user.count({ where: { email, role: "admin" } })) > 0;
}

function adminRefused(): DomainError {
  return new DomainError("forbidden", "user: links cannot be minted for an administrator's account", { field: "user" });
}
