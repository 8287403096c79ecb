import "server-only";
import { z } from "zod";
import { assertAdmin, type CurrentUser } from "@/server/auth/guards";
import { insertApiKey, redirectUris, type NewKeySecret } from "@/server/api-keys/manage-api-keys";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import { parseInput } from "@/server/errors/parse-input";
import { DEFAULT_KEY_MINTS_PER_MINUTE } from "@/server/hosted-link/config";
import { webhookSigningSecret } from "@/server/hosted-link/callback-signature";
import { API_SCOPES } from "./api/scopes";

type Admin = Pick<CurrentUser, "id" | "role">;

const name = z.string().trim().min(1, "is required").max(80, "must be at most 80 characters");
const scopes = z
  .array(z.enum(API_SCOPES, { error: `each must be one of ${API_SCOPES.join(", ")}` }), { error: "must be a list of scopes" })
  .min(1, "needs at least one scope")
  .transform((list) => [...new Set(list)]);

export const createIntegrationInput = z.strictObject({ name, redirect_uris: redirectUris });
export const redirectUrisInput = z.strictObject({ redirect_uris: redirectUris });
export const addApiKeyInput = z.strictObject({ name, scopes });
/** How long a rotated-out key keeps working: long enough to deploy its replacement. */
export const ROTATION_GRACE_HOURS = 24;

/** Creates an integration (no key yet: add keys on its page), audited in the same transaction. */
export async function createIntegration(admin: Admin, input: unknown) {
  assertAdmin(admin);
  const parsed = parseInput(createIntegrationInput, input);
  return prisma.$transaction(async (tx) => {
    const integration = await tx.integration.create({ data: { name: parsed.name, redirectUris: parsed.redirect_uris, createdById: admin.id } });
    await tx.auditLog.create({
      data: { actorId: admin.id, action: "integration.create", targetType: "integration", targetId: integration.id, metadata: { name: parsed.name, redirectUris: parsed.redirect_uris } },
    });
    return integration;
  });
}

/** Replaces the integration's redirect URI allow-list (links already minted keep theirs). */
export async function setRedirectUris(admin: Admin, integrationId: string, input: unknown) {
  assertAdmin(admin);
  const parsed = parseInput(redirectUrisInput, input);
  return prisma.$transaction(async (tx) => {
    const before = await tx.integration.findUnique({ where: { id: integrationId }, select: { redirectUris: true } });
    if (!before) throw new DomainError("not_found", "Integration not found");
    await tx.integration.update({ where: { id: integrationId }, data: { redirectUris: parsed.redirect_uris } });
    await tx.auditLog.create({
      data: { actorId: admin.id, action: "integration.redirect_uris", targetType: "integration", targetId: integrationId, metadata: { from: before.redirectUris, to: parsed.redirect_uris } },
    });
  });
}

/** A new key of the integration: several may be active at once, so keys rotate without downtime. */
export async function addApiKey(admin: Admin, integrationId: string, input: unknown): Promise<NewKeySecret> {
  assertAdmin(admin);
  const parsed = parseInput(addApiKeyInput, input);
  return prisma.$transaction(async (tx) => {
    const integration = await tx.integration.findUnique({ where: { id: integrationId }, select: { id: true } });
    if (!integration) throw new DomainError("not_found", "Integration not found");
    return insertApiKey(tx, admin, integrationId, { name: parsed.name, scopes: parsed.scopes, mintsPerMinute: DEFAULT_KEY_MINTS_PER_MINUTE, webhookUrl: null });
  });
}

/**
 * Rotates a key: a new key with the same name, scopes and limits, shown once, and the old one
 * keeps working for ROTATION_GRACE_HOURS so the integrator can deploy the new one first.
 */
export async function rotateApiKey(admin: Admin, keyId: string): Promise<NewKeySecret & { oldKeyExpiresAt: Date; callbackSecret: string | null }> {
  assertAdmin(admin);
  return prisma.$transaction(async (tx) => {
    const [old] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "ApiKey" WHERE id = ${keyId} FOR UPDATE`;
    const key = old && (await tx.apiKey.findUnique({ where: { id: keyId } }));
    if (!key) throw new DomainError("not_found", "API key not found");
    if (key.revokedAt || (key.expiresAt && key.expiresAt <= new Date())) throw new DomainError("conflict", "This key no longer works: add a new key instead");
    const oldKeyExpiresAt = new Date(Math.min(Date.now() + ROTATION_GRACE_HOURS * 3_600_000, key.expiresAt?.getTime() ?? Infinity));
    await tx.apiKey.update({ where: { id: keyId }, data: { expiresAt: oldKeyExpiresAt } });
    const created = await insertApiKey(tx, admin, key.integrationId, { name: key.name, scopes: key.scopes, mintsPerMinute: key.mintsPerMinute, webhookUrl: key.webhookUrl }, keyId);
    // Callbacks of links minted with the new key are signed with its own secret: shown now, with it.
    return { ...created, oldKeyExpiresAt, callbackSecret: key.webhookUrl ? webhookSigningSecret(created.id) : null };
  });
}

export type IntegrationSummary = Awaited<ReturnType<typeof listIntegrations>>[number];

/** Every integration, newest first, with what the list shows (a handful per deployment). */
export async function listIntegrations() {
  const rows = await prisma.integration.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: {
      id: true,
      name: true,
      createdAt: true,
      redirectUris: true,
      apiKeys: { select: { revokedAt: true, expiresAt: true, lastUsedAt: true } },
      _count: { select: { webhookEndpoints: { where: { disabledAt: null } } } },
    },
  });
  const ids = rows.map((r) => r.id);
  const [users, failing] = await Promise.all([
    prisma.externalUser.groupBy({ by: ["namespace"], where: { namespace: { in: ids } }, _count: { _all: true } }),
    prisma.$queryRaw<{ integrationId: string; n: bigint }[]>`
      SELECT e."integrationId", count(*) AS n FROM "IntegrationWebhookDelivery" d JOIN "IntegrationWebhookEndpoint" e ON e.id = d."endpointId"
       WHERE d."deliveredAt" IS NULL AND d.attempts > 0 AND e."disabledAt" IS NULL
         AND d."createdAt" > now() - interval '1 day' AND e."integrationId" = ANY(${ids}::text[])
       GROUP BY 1`,
  ]);
  const now = new Date();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.createdAt,
    redirectUris: r.redirectUris,
    activeKeys: r.apiKeys.filter((k) => !k.revokedAt && !(k.expiresAt && k.expiresAt <= now)).length,
    lastUsedAt: r.apiKeys.reduce<Date | null>((latest, k) => (k.lastUsedAt && (!latest || k.lastUsedAt > latest) ? k.lastUsedAt : latest), null),
    endpoints: r._count.webhookEndpoints,
    users: users.find((u) => u.namespace === r.id)?._count._all ?? 0,
    failingDeliveries: Number(failing.find((f) => f.integrationId === r.id)?.n ?? 0),
  }));
}

/** One integration with its keys (never their secrets) for its admin page; null when unknown. */
export async function getIntegration(integrationId: string) {
  const integration = await prisma.integration.findUnique({
    where: { id: integrationId },
    select: {
      id: true,
      name: true,
      createdAt: true,
      redirectUris: true,
      apiKeys: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true, expiresAt: true, mintsPerMinute: true },
      },
    },
  });
  if (!integration) return null;
  const users = await prisma.externalUser.count({ where: { namespace: integrationId } });
  return { ...integration, users };
}
