import "server-only";
import { z } from "zod";
import type { CurrentUser } from "@/server/auth/guards";
import type { Prisma } from "@/server/db/generated/prisma/client";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import { parseInput } from "@/server/errors/parse-input";
import { callbackEndpoint } from "@/server/hosted-link/callback-endpoint";
import { callbackPolicy } from "@/server/hosted-link/callback-policy";
import { webhookSigningSecret } from "@/server/hosted-link/callback-signature";
import { checkCallbackUrl } from "@/server/hosted-link/callback-target";
import { DEFAULT_KEY_MINTS_PER_MINUTE } from "@/server/hosted-link/config";
import { checkRedirectUri } from "@/server/hosted-link/redirect-uri";
import { newRowId } from "@/server/hosted-link/secrets";
import { API_SCOPES } from "@/server/integrations/api/scopes";
import { emitLinkSessionEvent } from "@/server/integrations/webhooks/emit-events";
import { newApiKeySecret } from "./api-key-secret";

/**
 * One redirect URI per entry (a line of the admin form). Every bad entry is reported at once,
 * numbered from 1 like the form's lines; blank entries are skipped but keep the numbering.
 */
export const redirectUris = z
  .array(z.string().trim(), { error: "must be a list of redirect URIs" })
  .superRefine((uris, ctx) => {
    const bad = uris.flatMap((uri, i) => {
      if (uri === "") return [];
      const check = checkRedirectUri(uri);
      return check.ok ? [] : [`line ${i + 1}: ${uri} ${check.reason}`];
    });
    if (bad.length > 0) ctx.addIssue({ code: "custom", message: bad.join("; ") });
  })
  .transform((uris) => [...new Set(uris.filter(Boolean))])
  .pipe(z.array(z.string()).min(1, "needs at least one redirect URI").max(20, "may hold at most 20 redirect URIs"));

// Public https addresses only (SSRF); the resolved address is checked again at every send.
export const webhookUrl = z.string().superRefine((value, ctx) => {
  const check = checkCallbackUrl(value, callbackPolicy());
  if (!check.ok) ctx.addIssue({ code: "custom", message: `must be a public https address (${check.reason})` });
});

export const createApiKeyInput = z.strictObject({
  scopes: z
    .array(z.enum(API_SCOPES, { error: `each must be one of ${API_SCOPES.join(", ")}` }))
    .min(1, "needs at least one scope")
    .transform((scopes) => [...new Set(scopes)])
    .optional(),
  name: z.string().trim().min(1, "is required").max(80, "must be at most 80 characters"),
  redirect_uris: redirectUris,
  webhook_url: z.preprocess((v) => (v === "" ? undefined : v), webhookUrl.optional()),
  mints_per_minute: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce
      .number({ error: "must be a whole number from 1 to 10000" })
      .int("must be a whole number from 1 to 10000")
      .min(1, "must be a whole number from 1 to 10000")
      .max(10_000, "must be a whole number from 1 to 10000")
      .optional(),
  ),
});

export type CreatedApiKey = {
  id: string;
  name: string;
  prefix: string;
  secret: string;
  redirectUris: string[];
  webhookUrl: string | null;
  mintsPerMinute: number;
  /** What the integrator verifies callbacks with; only when a webhook URL is set. */
  webhookSecret: string | null;
};

function assertAdmin(admin: Pick<CurrentUser, "role">) {
  if (admin.role !== "admin") throw new DomainError("not_found", "Not found");
}

/** A key as made: its secret is in this one answer (the database keeps a hash). */
export type NewKeySecret = { id: string; name: string; prefix: string; secret: string };
export type NewKeyFields = { name: string; scopes?: string[]; mintsPerMinute: number; webhookUrl: string | null };

/**
 * Stores a new key of an integration, audited in the caller's transaction: every way a key is
 * made (the API keys page, an integration's page, a rotation) goes through here.
 */
export async function insertApiKey(
  tx: Prisma.TransactionClient,
  admin: Pick<CurrentUser, "id">,
  integrationId: string,
  fields: NewKeyFields,
  rotatedFrom?: string,
): Promise<NewKeySecret> {
  const { secret, prefix, secretHash } = newApiKeySecret();
  const key = await tx.apiKey.create({ data: { id: newRowId(), integrationId, prefix, secretHash, createdById: admin.id, ...fields } });
  await tx.auditLog.create({
    data: {
      actorId: admin.id,
      action: rotatedFrom ? "api_key.rotate" : "api_key.create",
      targetType: "api_key",
      targetId: key.id,
      metadata: {
        integrationId,
        name: key.name,
        prefix,
        scopes: key.scopes,
        mintsPerMinute: key.mintsPerMinute,
        webhookUrl: key.webhookUrl && callbackEndpoint(key.webhookUrl),
        ...(rotatedFrom && { rotatedFrom }),
      },
    },
  });
  return { id: key.id, name: key.name, prefix, secret };
}

/**
 * Creates a key and the integration it starts, named after it, with its redirect URIs (the API
 * keys page's form); its secret is returned this once. Audited in the same transaction.
 */
export async function createApiKey(admin: Pick<CurrentUser, "id" | "role">, input: unknown): Promise<CreatedApiKey> {
  assertAdmin(admin);
  const parsed = parseInput(createApiKeyInput, input);
  return prisma.$transaction(async (tx) => {
    const integration = await tx.integration.create({ data: { name: parsed.name, redirectUris: parsed.redirect_uris, createdById: admin.id } });
    await tx.auditLog.create({
      data: { actorId: admin.id, action: "integration.create", targetType: "integration", targetId: integration.id, metadata: { name: parsed.name, redirectUris: parsed.redirect_uris } },
    });
    const webhookUrl = parsed.webhook_url ?? null;
    const mintsPerMinute = parsed.mints_per_minute ?? DEFAULT_KEY_MINTS_PER_MINUTE;
    const key = await insertApiKey(tx, admin, integration.id, { name: parsed.name, scopes: parsed.scopes, mintsPerMinute, webhookUrl });
    return { ...key, redirectUris: parsed.redirect_uris, webhookUrl, mintsPerMinute, webhookSecret: webhookUrl ? webhookSigningSecret(key.id) : null };
  });
}

/**
 * Revokes a key at once, audited in the same transaction. Its tokens stop working too: attempts
 * under way end as failed with link_revoked (what their way back and the API then say).
 * Revoking twice is a no-op.
 */
export async function revokeApiKey(admin: Pick<CurrentUser, "id" | "role">, id: string, reason?: string) {
  assertAdmin(admin);
  return prisma.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id }, select: { id: true, name: true, prefix: true, revokedAt: true } });
    if (!key) throw new DomainError("not_found", "API key not found");
    if (key.revokedAt) return { id: key.id, revokedAt: key.revokedAt, changed: false };
    const revoked = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() }, select: { id: true, revokedAt: true } });
    const failed = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "LinkSession" SET status = 'failed', "errorCode" = 'link_revoked', "completedAt" = now()
       WHERE status = 'pending' AND id IN (SELECT "linkSessionId" FROM "LinkToken" WHERE "apiKeyId" = ${id})
      RETURNING id`;
    for (const session of failed) await emitLinkSessionEvent(tx, session.id, "link_session.failed", "link_revoked");
    await tx.auditLog.create({
      data: {
        actorId: admin.id,
        action: "api_key.revoke",
        targetType: "api_key",
        targetId: id,
        reason: reason ?? null,
        metadata: { name: key.name, prefix: key.prefix },
      },
    });
    return { id: revoked.id, revokedAt: revoked.revokedAt, changed: true };
  });
}

export const revokeApiKeyInput = z.strictObject({ reason: z.string().trim().max(500).optional() });

export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  integrationId: string;
  redirectUris: string[];
  webhookUrl: string | null;
  mintsPerMinute: number;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: string | null;
  tokenCount: number;
};

/** Every key, newest first (a handful per deployment: no pagination needed). */
export async function listApiKeys(): Promise<ApiKeyRow[]> {
  const keys = await prisma.apiKey.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    include: { createdBy: { select: { email: true } }, integration: { select: { redirectUris: true } }, _count: { select: { linkTokens: true } } },
  });
  return keys.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    integrationId: k.integrationId,
    redirectUris: k.integration.redirectUris,
    webhookUrl: k.webhookUrl && callbackEndpoint(k.webhookUrl),
    mintsPerMinute: k.mintsPerMinute,
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
    createdBy: k.createdBy?.email ?? null,
    tokenCount: k._count.linkTokens,
  }));
}
