import "server-only";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db/client";
import { ApiError } from "@/lib/http/api-error";
import { callbackEndpoint } from "@/lib/hosted-link/callback-endpoint";
import { callbackPolicy } from "@/lib/hosted-link/callback-policy";
import { webhookSigningSecret } from "@/lib/hosted-link/callback-signature";
import { checkCallbackUrl } from "@/lib/hosted-link/callback-target";
import { checkRedirectUri } from "@/lib/hosted-link/redirect-uri";
import { newApiKeySecret } from "./api-key-secret";

const redirectUri = z.string().superRefine((uri, ctx) => {
  const check = checkRedirectUri(uri);
  if (!check.ok) ctx.addIssue({ code: "custom", message: `${uri} ${check.reason}` });
});

// Public https addresses only (SSRF); the resolved address is checked again at every send.
const webhookUrl = z.string().superRefine((value, ctx) => {
  const check = checkCallbackUrl(value, callbackPolicy());
  if (!check.ok) ctx.addIssue({ code: "custom", message: `must be a public https address (${check.reason})` });
});

export const createApiKeyInput = z.strictObject({
  name: z.string().trim().min(1, "is required").max(80, "must be at most 80 characters"),
  redirect_uris: z
    .array(redirectUri)
    .min(1, "needs at least one redirect URI")
    .max(20, "may hold at most 20 redirect URIs")
    .transform((uris) => [...new Set(uris)]),
  webhook_url: z.preprocess((v) => (v === "" ? undefined : v), webhookUrl.optional()),
});

export type CreatedApiKey = {
  id: string;
  name: string;
  prefix: string;
  secret: string;
  redirectUris: string[];
  webhookUrl: string | null;
  /** What the integrator verifies callbacks with; only when a webhook URL is set. */
  webhookSecret: string | null;
};

function assertAdmin(admin: Pick<CurrentUser, "role">) {
  if (admin.role !== "admin") throw new ApiError(404, "Not found");
}

/** Creates a key (its secret is returned this once and stored only hashed), audited in the same transaction. */
export async function createApiKey(admin: Pick<CurrentUser, "id" | "role">, input: z.infer<typeof createApiKeyInput>): Promise<CreatedApiKey> {
  assertAdmin(admin);
  const { secret, prefix, secretHash } = newApiKeySecret();
  return prisma.$transaction(async (tx) => {
    const key = await tx.apiKey.create({
      data: { name: input.name, prefix, secretHash, redirectUris: input.redirect_uris, webhookUrl: input.webhook_url ?? null, createdById: admin.id },
    });
    await tx.auditLog.create({
      data: {
        actorId: admin.id,
        action: "api_key.create",
        targetType: "api_key",
        targetId: key.id,
        metadata: { name: key.name, prefix, redirectUris: key.redirectUris, webhookUrl: key.webhookUrl && callbackEndpoint(key.webhookUrl) },
      },
    });
    return {
      id: key.id,
      name: key.name,
      prefix,
      secret,
      redirectUris: key.redirectUris,
      webhookUrl: key.webhookUrl,
      webhookSecret: key.webhookUrl ? webhookSigningSecret(key.id) : null,
    };
  });
}

/** Revokes a key at once (its tokens stop working too), audited in the same transaction. Revoking twice is a no-op. */
export async function revokeApiKey(admin: Pick<CurrentUser, "id" | "role">, id: string, reason?: string) {
  assertAdmin(admin);
  return prisma.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id }, select: { id: true, name: true, prefix: true, revokedAt: true } });
    if (!key) throw new ApiError(404, "API key not found");
    if (key.revokedAt) return { id: key.id, revokedAt: key.revokedAt, changed: false };
    const revoked = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() }, select: { id: true, revokedAt: true } });
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
  redirectUris: string[];
  webhookUrl: string | null;
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
    include: { createdBy: { select: { email: true } }, _count: { select: { linkTokens: true } } },
  });
  return keys.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    redirectUris: k.redirectUris,
    webhookUrl: k.webhookUrl && callbackEndpoint(k.webhookUrl),
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
    createdBy: k.createdBy?.email ?? null,
    tokenCount: k._count.linkTokens,
  }));
}
