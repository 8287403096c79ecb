// The admin integrations pages' server actions, called as their forms call them (FormData):
// an integration, its keys (secret once, stored hashed; rotation with a grace period; revoke),
// its webhook endpoints (SSRF refused naming `url`; a test event; disable; resend), and the
// same actions refused to a signed-in non-admin and to nobody at all.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { IDLE, type ActionState } from "@/lib/action-state";
import { apiKeyFromRequest } from "@/server/auth/guards";
import { prisma } from "@/server/db/client";
import { setEnvForTests } from "@/server/env";
import { hashSecret } from "@/server/hosted-link/secrets";
import { createIntegrationAsAdmin, setRedirectUrisAsAdmin } from "./actions";
import { revokeApiKeyAsAdmin } from "@/server/api-keys/actions";
import { addIntegrationApiKeyAsAdmin, rotateIntegrationApiKeyAsAdmin } from "./key-actions";
import { ROTATION_GRACE_HOURS } from "./manage-integrations";
import { addWebhookEndpointAsAdmin, disableWebhookEndpointAsAdmin, resendWebhookDeliveryAsAdmin, sendTestWebhookEventAsAdmin } from "./webhooks/endpoint-actions";

// vi.mock is hoisted above the imports; who is signed in is set per test through `caller`.
const caller = vi.hoisted(() => ({ current: null as null | { id: string; email: string; role: "admin" | "user"; name: string | null } }));
vi.mock("@/server/auth/current-user", () => ({ getCurrentUser: async () => caller.current }));
// Outside a request there is no page cache to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const ORIGIN = "http://localhost:3999";
let admin: { id: string; email: string; role: "admin"; name: null };
let receiver: Server;
let receiverUrl: string;
/** Status the receiver answers (200 unless set). */
let answer = 200;

beforeAll(async () => {
  // The test receiver listens on this machine: the development opt-in (private addresses stay refused).
  setEnvForTests({ CALLBACKS_ALLOW_LOOPBACK: "true" });
  const user = await prisma.user.create({ data: { email: `integrations-admin-${randomUUID()}@example.com`, role: "admin" } });
  admin = { id: user.id, email: user.email!, role: "admin", name: null };
  receiver = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.statusCode = answer;
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

function formOf(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(name, one);
  return form;
}

const asAdmin = () => (caller.current = admin);

async function newIntegration(name = `Acme ${randomUUID()}`) {
  asAdmin();
  const state = await createIntegrationAsAdmin(IDLE, formOf({ name, redirect_uris: "myapp://linked\r\nhttps://app.example.com/linked\r\n" }));
  expect(state).toMatchObject({ status: "done", created: { name } });
  return state.created!.id;
}

async function newKey(integrationId: string, scopes = ["read", "link"]) {
  const state = await addIntegrationApiKeyAsAdmin(IDLE, formOf({ integrationId, name: "Backend", scopes }));
  expect(state).toMatchObject({ status: "done", created: { secret: expect.stringMatching(/^lwk_/) } });
  return state.created!;
}

const callWith = (secret: string) => apiKeyFromRequest(new Request(ORIGIN, { headers: { authorization: `Bearer ${secret}` } }));

describe("integrations", () => {
  it("creates an integration with its redirect URIs, audited, and edits them", async () => {
    const id = await newIntegration("Acme Budget");
    const stored = await prisma.integration.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ name: "Acme Budget", redirectUris: ["myapp://linked", "https://app.example.com/linked"], createdById: admin.id });
    expect(await prisma.auditLog.count({ where: { action: "integration.create", targetId: id, actorId: admin.id } })).toBe(1);

    const refused = await setRedirectUrisAsAdmin(IDLE, formOf({ integrationId: id, redirect_uris: "myapp://linked\njavascript:alert(1)" }));
    expect(refused).toMatchObject({ status: "error", field: "redirect_uris", message: expect.stringMatching(/line 2: javascript:alert\(1\)/), fields: { redirect_uris: "myapp://linked\njavascript:alert(1)" } });
    expect(await setRedirectUrisAsAdmin(IDLE, formOf({ integrationId: id, redirect_uris: "otherapp://back" }))).toMatchObject({ status: "done" });
    expect((await prisma.integration.findUniqueOrThrow({ where: { id } })).redirectUris).toEqual(["otherapp://back"]);
    expect(await prisma.auditLog.count({ where: { action: "integration.redirect_uris", targetId: id } })).toBe(1);
  });

  it("gives back what was typed when the name is refused", async () => {
    asAdmin();
    const state = await createIntegrationAsAdmin(IDLE, formOf({ name: "  ", redirect_uris: "myapp://linked" }));
    expect(state).toMatchObject({ status: "error", field: "name", fields: { name: "  ", redirect_uris: "myapp://linked" } });
    expect(state).not.toHaveProperty("created");
  });
});

describe("API keys", () => {
  it("adds a key with the checked scopes: its secret answered once, stored only hashed", async () => {
    const integrationId = await newIntegration();
    const created = await newKey(integrationId, ["read", "link"]);
    const stored = await prisma.apiKey.findFirstOrThrow({ where: { integrationId } });
    expect(stored).toMatchObject({ name: "Backend", prefix: created.prefix, scopes: ["read", "link"], secretHash: hashSecret(created.secret) });
    expect(JSON.stringify(stored)).not.toContain(created.secret);
    expect(JSON.stringify(await prisma.auditLog.findMany({ where: { targetId: stored.id } }))).not.toContain(created.secret);
    expect(await callWith(created.secret)).toMatchObject({ id: stored.id, integrationId, scopes: ["read", "link"] });
  });

  it("refuses a key with no scope, or an unknown one, naming scopes", async () => {
    const integrationId = await newIntegration();
    expect(await addIntegrationApiKeyAsAdmin(IDLE, formOf({ integrationId, name: "None" }))).toMatchObject({ status: "error", field: "scopes", fields: { name: "None", scopes: [] } });
    const unknown = await addIntegrationApiKeyAsAdmin(IDLE, formOf({ integrationId, name: "Root", scopes: ["read", "admin"] }));
    expect(unknown).toMatchObject({ status: "error", field: expect.stringMatching(/^scopes/), fields: { scopes: ["read", "admin"] } });
    expect(await prisma.apiKey.count({ where: { integrationId } })).toBe(0);
  });

  it("rotates a key: a new secret that works at once, and the old one expires in the grace period", async () => {
    const integrationId = await newIntegration();
    const old = await newKey(integrationId);
    const before = Date.now();
    const state = await rotateIntegrationApiKeyAsAdmin(IDLE, formOf({ keyId: (await prisma.apiKey.findFirstOrThrow({ where: { integrationId } })).id }));
    expect(state).toMatchObject({ status: "done", created: { name: "Backend", secret: expect.stringMatching(/^lwk_/) } });
    const rotated = state.created!;
    expect(rotated.secret).not.toBe(old.secret);

    const oldRow = await prisma.apiKey.findFirstOrThrow({ where: { integrationId, prefix: old.prefix } });
    const grace = ROTATION_GRACE_HOURS * 3_600_000;
    expect(oldRow.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + grace - 1_000);
    expect(oldRow.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + grace + 1_000);
    expect(new Date(rotated.oldKeyExpiresAt).getTime()).toBe(oldRow.expiresAt!.getTime());

    // Both work during the grace period; the new one has the old one's scopes.
    expect(await callWith(rotated.secret)).toMatchObject({ integrationId, scopes: ["read", "link"] });
    expect(await callWith(old.secret)).toMatchObject({ id: oldRow.id });
    // Past its expiry the old one is refused.
    await prisma.apiKey.update({ where: { id: oldRow.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await expect(callWith(old.secret)).rejects.toMatchObject({ kind: "unauthenticated" });
    expect(await prisma.auditLog.count({ where: { action: "api_key.rotate", actorId: admin.id, metadata: { path: ["rotatedFrom"], equals: oldRow.id } } })).toBe(1);
  });

  it("revokes a key at once, audited with the reason", async () => {
    const integrationId = await newIntegration();
    const created = await newKey(integrationId);
    const key = await prisma.apiKey.findFirstOrThrow({ where: { integrationId } });
    expect(await revokeApiKeyAsAdmin(IDLE, formOf({ keyId: key.id, reason: "leaked in a log" }))).toMatchObject({ status: "done" });
    await expect(callWith(created.secret)).rejects.toMatchObject({ kind: "unauthenticated" });
    expect(await prisma.auditLog.findFirstOrThrow({ where: { action: "api_key.revoke", targetId: key.id } })).toMatchObject({ reason: "leaked in a log", actorId: admin.id });
    // A revoked key cannot be rotated back to life.
    expect(await rotateIntegrationApiKeyAsAdmin(IDLE, formOf({ keyId: key.id }))).toMatchObject({ status: "error" });
  });
});

describe("webhook endpoints", () => {
  it.each(["https://10.0.0.1/x", "https://169.254.169.254/latest/meta-data/", "https://[fd00::1]/", "ftp://example.com/"])("refuses %s naming url, storing nothing", async (url) => {
    const integrationId = await newIntegration();
    const state = await addWebhookEndpointAsAdmin(IDLE, formOf({ integrationId, url }));
    expect(state).toMatchObject({ status: "error", field: "url", message: expect.stringMatching(/^url: must be a public https address/), fields: { url } });
    expect(state).not.toHaveProperty("created");
    expect(await prisma.integrationWebhookEndpoint.count({ where: { integrationId } })).toBe(0);
  });

  it("adds an endpoint (secret answered), sends it a test event, resends, and disables it", async () => {
    const integrationId = await newIntegration();
    const added = await addWebhookEndpointAsAdmin(IDLE, formOf({ integrationId, url: receiverUrl, enabled_events: ["account.linked", "user.deleted"] }));
    expect(added).toMatchObject({ status: "done", created: { url: receiverUrl, secret: expect.stringMatching(/^whsec_/) } });
    const endpoint = await prisma.integrationWebhookEndpoint.findFirstOrThrow({ where: { integrationId } });
    expect(endpoint.enabledEvents).toEqual(["account.linked", "user.deleted"]);

    answer = 200;
    expect(await sendTestWebhookEventAsAdmin(IDLE, formOf({ endpointId: endpoint.id }))).toMatchObject({ status: "done", message: expect.stringMatching(/^(Delivered: the endpoint answered HTTP 200|Test event queued)/) });
    answer = 500;
    const failed = await sendTestWebhookEventAsAdmin(IDLE, formOf({ endpointId: endpoint.id }));
    // Unless the background sender took it first (then it is queued), the answer says what the endpoint said.
    if (failed.status === "error") expect(failed.message).toMatch(/^Not delivered: the endpoint answered HTTP 500/);

    const delivery = await prisma.integrationWebhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id }, orderBy: { createdAt: "asc" } });
    answer = 200;
    expect(await resendWebhookDeliveryAsAdmin(IDLE, formOf({ deliveryId: delivery.id }))).toMatchObject({ status: "done" });
    expect(await prisma.auditLog.count({ where: { action: "webhook_delivery.resend", targetId: integrationId } })).toBe(1);

    expect(await disableWebhookEndpointAsAdmin(IDLE, formOf({ endpointId: endpoint.id }))).toMatchObject({ status: "done" });
    expect((await prisma.integrationWebhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).disabledAt).not.toBeNull();
    expect(await sendTestWebhookEventAsAdmin(IDLE, formOf({ endpointId: endpoint.id }))).toMatchObject({ status: "error", message: expect.stringMatching(/disabled/) });
    expect(await prisma.auditLog.count({ where: { action: { in: ["webhook_endpoint.create", "webhook_endpoint.disable"] }, targetId: integrationId } })).toBe(2);
  });
});

describe("authorization", () => {
  type Action = (prev: never, form: FormData) => Promise<ActionState>;
  const actions: [string, Action, (ids: Ids) => Record<string, string | string[]>][] = [
    ["createIntegrationAsAdmin", createIntegrationAsAdmin, () => ({ name: "Sneaky", redirect_uris: "myapp://linked" })],
    ["setRedirectUrisAsAdmin", setRedirectUrisAsAdmin, (ids) => ({ integrationId: ids.integrationId, redirect_uris: "evil://steal" })],
    ["addIntegrationApiKeyAsAdmin", addIntegrationApiKeyAsAdmin, (ids) => ({ integrationId: ids.integrationId, name: "Sneaky", scopes: ["read"] })],
    ["rotateIntegrationApiKeyAsAdmin", rotateIntegrationApiKeyAsAdmin, (ids) => ({ keyId: ids.keyId })],
    ["revokeApiKeyAsAdmin", revokeApiKeyAsAdmin, (ids) => ({ keyId: ids.keyId })],
    ["addWebhookEndpointAsAdmin", addWebhookEndpointAsAdmin, (ids) => ({ integrationId: ids.integrationId, url: "https://hooks.example.com/x" })],
    ["disableWebhookEndpointAsAdmin", disableWebhookEndpointAsAdmin, (ids) => ({ endpointId: ids.endpointId })],
    ["sendTestWebhookEventAsAdmin", sendTestWebhookEventAsAdmin, (ids) => ({ endpointId: ids.endpointId })],
    ["resendWebhookDeliveryAsAdmin", resendWebhookDeliveryAsAdmin, (ids) => ({ deliveryId: ids.deliveryId })],
  ];
  type Ids = { integrationId: string; keyId: string; endpointId: string; deliveryId: string };
  let ids: Ids;

  beforeAll(async () => {
    const integrationId = await newIntegration("Guarded");
    await newKey(integrationId);
    const keyId = (await prisma.apiKey.findFirstOrThrow({ where: { integrationId } })).id;
    const endpoint = await prisma.integrationWebhookEndpoint.create({ data: { integrationId, url: "https://hooks.example.com/guarded", enabledEvents: [] } });
    const event = await prisma.integrationEvent.create({ data: { id: `evt_${randomUUID()}`, integrationId, type: "account.linked", data: {}, deliveries: { create: { id: `whd_${randomUUID()}`, endpointId: endpoint.id, nextAttemptAt: null } } }, include: { deliveries: true } });
    ids = { integrationId, keyId, endpointId: endpoint.id, deliveryId: event.deliveries[0]!.id };
  });

  const snapshot = async () => ({
    integrations: await prisma.integration.count(),
    keys: await prisma.apiKey.findMany({ orderBy: { id: "asc" }, select: { id: true, revokedAt: true, expiresAt: true } }),
    endpoints: await prisma.integrationWebhookEndpoint.findMany({ orderBy: { id: "asc" }, select: { id: true, disabledAt: true } }),
    deliveries: await prisma.integrationWebhookDelivery.count(),
    redirects: (await prisma.integration.findUniqueOrThrow({ where: { id: ids.integrationId } })).redirectUris,
  });

  it.each(actions)("%s: a signed-in non-admin gets the same not found as an unknown page, and nothing changes", async (_name, action, fields) => {
    const user = await prisma.user.create({ data: { email: `user-${randomUUID()}@example.com`, role: "user" } });
    const before = await snapshot();
    caller.current = { id: user.id, email: user.email!, role: "user", name: null };
    const state = await action(IDLE as never, formOf(fields(ids)));
    expect(state).toMatchObject({ status: "error", message: "Not found" });
    expect(state).not.toHaveProperty("created");
    caller.current = null;
    expect(await action(IDLE as never, formOf(fields(ids)))).toMatchObject({ status: "error", message: "Sign in to continue" });
    expect(await snapshot()).toEqual(before);
  });
});
