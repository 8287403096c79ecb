// Admin actions end to end below the browser: the route handlers (role checks, input
// checks), the lib functions, Stripe through the emulator, and the audit entries written
// with each action.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import type { CurrentUser } from "@/lib/auth/session";
import { POST as disconnect } from "@/app/api/admin/accounts/[id]/disconnect/route";
import { POST as refresh } from "@/app/api/admin/accounts/[id]/refresh/route";
import { GET as exportCsv } from "@/app/api/admin/accounts/export/route";
import { GET as list } from "@/app/api/admin/accounts/route";
import { POST as revokeKey } from "@/app/api/admin/api-keys/[id]/revoke/route";
import { POST as createKey } from "@/app/api/admin/api-keys/route";
import { POST as retryCallback } from "@/app/api/admin/integrator-callbacks/[id]/retry/route";
import { POST as role } from "@/app/api/admin/users/[id]/role/route";
import { POST as reprocess } from "@/app/api/admin/webhook-events/[id]/reprocess/route";
import { prisma } from "@/lib/db/client";
import { setEnvForTests } from "@/lib/env";
import { completeLinkSession } from "@/lib/linking/complete-link-session";
import { createLinkSession } from "@/lib/linking/create-link-session";
import { reprocessEvent } from "./reprocess-event";
import { setUserRole } from "./users";

// Who is signed in, per test: route handlers read it through getCurrentUser.
const signedIn = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => signedIn.user,
  requireUser: async () => signedIn.user,
  requireAdmin: async () => signedIn.user,
}));

let emulator: RunningEmulator;
const CONFIGURED_ADMIN = `configured-${randomUUID()}@example.com`;
const routes = { disconnect, refresh, role, reprocess, list, exportCsv, createKey, revokeKey, retryCallback };

let admin: CurrentUser;
let owner: CurrentUser;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, persist: false, refreshDelayMs: 20 });
  setEnvForTests({ STRIPE_SECRET_KEY: "sk_test_admin", STRIPE_API_BASE: emulator.url, ADMIN_EMAILS: CONFIGURED_ADMIN });
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(async () => {
  const a = await prisma.user.create({ data: { email: `admin-${randomUUID()}@example.com`, role: "admin" } });
  const o = await prisma.user.create({ data: { email: `owner-${randomUUID()}@example.com` } });
  admin = { id: a.id, email: a.email, name: null, role: "admin" };
  owner = { id: o.id, email: o.email, name: null, role: "user" };
  signedIn.user = admin;
});

/** Links two accounts for the owner through Stripe (emulator), as the linking flow does. */
async function linkAccounts(user: CurrentUser): Promise<string[]> {
  const { linkSessionId } = await createLinkSession(user, randomUUID());
  const { stripeSessionId } = await prisma.linkSession.findUniqueOrThrow({ where: { id: linkSessionId } });
  const response = await fetch(`${emulator.url}/_emulator/test_helpers/sessions/${stripeSessionId}/complete`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ institution: "test_institution", accounts: ["checking", "savings"] }),
  });
  expect(response.status).toBe(200);
  return (await completeLinkSession(user.id, linkSessionId)).accountIds;
}

const post = (body: unknown) =>
  new Request("http://localhost/api/admin/x", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const json = async (response: Response) => (await response.json()) as any;

describe("role checks on every admin API", () => {
  /**
   * Real objects for every admin API, so a refusal cannot be mistaken for "not found": the
   * owner's linked account, the owner, a stored Stripe event, an API key and an undelivered
   * integrator callback (its URL refuses connections).
   */
  async function realTargets() {
    const [accountId] = await linkAccounts(owner);
    const account = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: accountId! } });
    const event = await prisma.webhookEvent.create({
      data: {
        stripeEventId: `evt_${randomUUID()}`,
        type: "financial_connections.account.refreshed_balance",
        stripeObjectId: account.stripeAccountId,
        payload: { id: "evt_role_checks", type: "financial_connections.account.refreshed_balance", livemode: false, data: { object: { id: account.stripeAccountId } } },
        stripeCreated: new Date(),
        state: "failed",
        attempts: 1,
      },
    });
    const key = await prisma.apiKey.create({ data: { name: "Role checks", prefix: "lwk_role", secretHash: randomUUID(), redirectUris: ["roleapp://linked"] } });
    const callback = await prisma.integratorCallback.create({
      data: { apiKeyId: key.id, linkSessionId: randomUUID(), url: "http://127.0.0.1:9/callback", body: "{}", attempts: 2, nextAttemptAt: new Date(Date.now() + 3_600_000) },
    });
    return { accountId: accountId!, userId: owner.id, eventId: event.id, keyId: key.id, callbackId: callback.id };
  }
  type Targets = Awaited<ReturnType<typeof realTargets>>;

  // Valid input for each: with the role check gone, each call would act.
  const calls = (t: Targets) => [
    () => routes.disconnect(post({ reason: "x" }), ctx(t.accountId)),
    () => routes.refresh(post({ feature: "balance" }), ctx(t.accountId)),
    () => routes.role(post({ role: "admin" }), ctx(t.userId)),
    () => routes.reprocess(post({}), ctx(t.eventId)),
    () => routes.list(new Request("http://localhost/api/admin/accounts")),
    () => routes.exportCsv(new Request("http://localhost/api/admin/accounts/export")),
    () => routes.createKey(post({ name: "Sneaky", redirect_uris: ["sneaky://linked"] })),
    () => routes.revokeKey(post({ reason: "not mine to revoke" }), ctx(t.keyId)),
    () => routes.retryCallback(post({}), ctx(t.callbackId)),
  ];

  /** Everything the calls could change, to compare before and after. */
  const state = async (t: Targets) => ({
    account: (await prisma.linkedAccount.findUniqueOrThrow({ where: { id: t.accountId } })).status,
    balanceRefresh: (await prisma.linkedAccount.findUniqueOrThrow({ where: { id: t.accountId } })).balanceRefreshStatus,
    role: (await prisma.user.findUniqueOrThrow({ where: { id: t.userId } })).role,
    event: await prisma.webhookEvent.findUniqueOrThrow({ where: { id: t.eventId }, select: { state: true, attempts: true } }),
    keys: await prisma.apiKey.count(),
    revokedAt: (await prisma.apiKey.findUniqueOrThrow({ where: { id: t.keyId } })).revokedAt,
    callback: await prisma.integratorCallback.findUniqueOrThrow({ where: { id: t.callbackId }, select: { attempts: true, nextAttemptAt: true, lastError: true } }),
    audit: await prisma.auditLog.count(),
  });

  it("answers 401 to anonymous callers and changes nothing", async () => {
    const targets = await realTargets();
    const before = await state(targets);
    signedIn.user = null;
    for (const call of calls(targets)) expect((await call()).status).toBe(401);
    expect(await state(targets)).toEqual(before);
  });

  it("answers 404 to signed-in non-admins, even about their own account, and changes nothing", async () => {
    const targets = await realTargets();
    const before = await state(targets);
    signedIn.user = owner;
    const answers = [];
    for (const call of calls(targets)) {
      const response = await call();
      answers.push({ status: response.status, body: await json(response) });
    }
    expect(answers).toEqual(calls(targets).map(() => ({ status: 404, body: { error: { message: "Not found" } } })));
    expect(await state(targets)).toEqual(before);
    expect(await prisma.auditLog.count({ where: { actorId: owner.id } })).toBe(0);
  });

  it("lets an admin act on the same objects", async () => {
    const targets = await realTargets();
    signedIn.user = admin;
    const revoke = await routes.revokeKey(post({ reason: "rotated" }), ctx(targets.keyId));
    expect(revoke.status).toBe(200);
    expect(await json(revoke)).toMatchObject({ id: targets.keyId, changed: true });
    const retry = await routes.retryCallback(post({}), ctx(targets.callbackId));
    expect(retry.status).toBe(200);
    expect(await json(retry)).toMatchObject({ id: targets.callbackId, attempts: 3 });
    expect((await routes.createKey(post({ name: "Allowed", redirect_uris: ["allowed://linked"] }))).status).toBe(201);
  });
});

describe("disconnect", () => {
  it("disconnects at Stripe and records status change and audit entry with the reason", async () => {
    const [accountId] = await linkAccounts(owner);
    const response = await routes.disconnect(post({ reason: "  Customer asked support to remove it  " }), ctx(accountId!));
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ id: accountId, status: "disconnected" });

    const account = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: accountId! }, include: { statusChanges: true } });
    expect(account.status).toBe("disconnected");
    expect(account.statusChanges.at(-1)).toMatchObject({ source: "admin", toStatus: "disconnected", reason: "Customer asked support to remove it" });
    const stripeAccount = await fetch(`${emulator.url}/v1/financial_connections/accounts/${account.stripeAccountId}`, {
      headers: { authorization: "Bearer sk_test_admin" },
    }).then((r) => r.json() as Promise<{ status: string }>);
    expect(stripeAccount.status).toBe("disconnected");

    const audit = await prisma.auditLog.findMany({ where: { targetId: accountId! } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, subjectId: owner.id, action: "account.disconnect", reason: "Customer asked support to remove it" });
  });

  it("requires a reason of at most 500 characters", async () => {
    const [accountId] = await linkAccounts(owner);
    for (const body of [{}, { reason: "   " }, { reason: "x".repeat(501) }]) {
      const response = await routes.disconnect(post(body), ctx(accountId!));
      expect(response.status).toBe(400);
      expect((await json(response)).error.field).toBe("reason");
    }
    expect(await prisma.auditLog.count({ where: { targetId: accountId! } })).toBe(0);
  });

  it("answers 404 for an unknown account", async () => {
    expect((await routes.disconnect(post({ reason: "gone" }), ctx("missing"))).status).toBe(404);
  });
});

describe("refresh", () => {
  it("asks Stripe for a refresh of any user's account and audits it", async () => {
    const [accountId] = await linkAccounts(owner);
    const response = await routes.refresh(post({ feature: "balance" }), ctx(accountId!));
    expect(response.status).toBe(202);
    const account = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: accountId! } });
    expect(account.balanceRefreshStatus).toBe("pending");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { targetId: accountId!, action: "account.refresh" } });
    expect(audit).toMatchObject({ actorId: admin.id, subjectId: owner.id, metadata: { feature: "balance" } });
  });

  it("refuses unknown features and inactive accounts without an audit entry", async () => {
    const [accountId] = await linkAccounts(owner);
    expect((await routes.refresh(post({ feature: "everything" }), ctx(accountId!))).status).toBe(400);
    await routes.disconnect(post({ reason: "closing" }), ctx(accountId!));
    expect((await routes.refresh(post({ feature: "balance" }), ctx(accountId!))).status).toBe(409);
    expect(await prisma.auditLog.count({ where: { targetId: accountId!, action: "account.refresh" } })).toBe(0);
  });
});

describe("promote and demote", () => {
  it("promotes and demotes with an audit entry each", async () => {
    let response = await routes.role(post({ role: "admin" }), ctx(owner.id));
    expect(await json(response)).toEqual({ id: owner.id, role: "admin", changed: true });
    response = await routes.role(post({ role: "user" }), ctx(owner.id));
    expect(await json(response)).toEqual({ id: owner.id, role: "user", changed: true });
    const entries = await prisma.auditLog.findMany({ where: { targetId: owner.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["user.promote", "user.demote"]);
    expect(entries.every((e) => e.actorId === admin.id && e.subjectId === owner.id)).toBe(true);
    // Setting the role a user already has changes nothing and writes nothing.
    expect(await json(await routes.role(post({ role: "user" }), ctx(owner.id)))).toMatchObject({ changed: false });
    expect(await prisma.auditLog.count({ where: { targetId: owner.id } })).toBe(2);
  });

  it("never lets the last admin demote themself, even when two admins race", async () => {
    await prisma.user.updateMany({ where: { role: "admin", id: { not: admin.id } }, data: { role: "user" } });
    const response = await routes.role(post({ role: "user" }), ctx(admin.id));
    expect(response.status).toBe(409);
    expect((await json(response)).error.message).toMatch(/last admin/);

    const other = await prisma.user.create({ data: { email: `other-${randomUUID()}@example.com`, role: "admin" } });
    const otherAdmin: CurrentUser = { id: other.id, email: other.email, name: null, role: "admin" };
    const results = await Promise.allSettled([setUserRole(admin, admin.id, "user"), setUserRole(otherAdmin, other.id, "user")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.user.count({ where: { role: "admin" } })).toBe(1);
  });

  it("refuses to demote an admin listed in ADMIN_EMAILS (sign-in would promote them again), naming the setting", async () => {
    const configured = await prisma.user.create({ data: { email: CONFIGURED_ADMIN, role: "admin" } });
    const response = await routes.role(post({ role: "user" }), ctx(configured.id));
    expect(response.status).toBe(409);
    expect((await json(response)).error).toMatchObject({ field: "role", message: expect.stringContaining("ADMIN_EMAILS") });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: configured.id } })).role).toBe("admin");
    expect(await prisma.auditLog.count({ where: { targetId: configured.id } })).toBe(0);
  });

  it("rejects a role that does not exist", async () => {
    expect((await routes.role(post({ role: "owner" }), ctx(owner.id))).status).toBe(400);
    expect((await routes.role(post({ role: "admin" }), ctx("missing"))).status).toBe(404);
  });
});

describe("reprocess a webhook event", () => {
  async function storedEvent() {
    return prisma.webhookEvent.create({
      data: {
        stripeEventId: `evt_${randomUUID()}`,
        type: "financial_connections.account.deactivated",
        payload: { id: "evt_x", type: "financial_connections.account.deactivated" },
        state: "failed",
        attempts: 1,
        error: "boom",
        stripeCreated: new Date(),
      },
    });
  }

  it("runs the processor and writes an audit entry with the outcome; repeats are safe", async () => {
    const event = await storedEvent();
    const processor = vi.fn(async (id: string) => {
      await prisma.webhookEvent.update({ where: { id }, data: { state: "processed", attempts: { increment: 1 }, error: null } });
      return { state: "processed" };
    });
    expect(await reprocessEvent(admin, event.id, processor)).toEqual({ state: "processed" });
    expect(await reprocessEvent(admin, event.id, processor)).toEqual({ state: "processed" });
    expect(processor).toHaveBeenCalledWith(event.id);
    const audit = await prisma.auditLog.findMany({ where: { targetType: "webhook_event", targetId: event.id } });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actorId: admin.id, action: "webhook_event.reprocess", metadata: { to: "processed" } });
  });

  it("records a failed attempt and passes the error on", async () => {
    const event = await storedEvent();
    await expect(reprocessEvent(admin, event.id, async () => Promise.reject(new Error("Stripe is down")))).rejects.toThrow("Stripe is down");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { targetId: event.id } });
    expect(audit.metadata).toMatchObject({ to: "error", error: "Stripe is down" });
    await expect(reprocessEvent(admin, "missing", async () => ({ state: "processed" }))).rejects.toMatchObject({ kind: "not_found" });
    await expect(reprocessEvent(owner, event.id, async () => ({ state: "processed" }))).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("accounts API and export", () => {
  it("lists accounts as JSON with balances as exact strings", async () => {
    const [accountId] = await linkAccounts(owner);
    // Bigger than a float can hold exactly: it must come back digit for digit.
    await prisma.linkedAccount.update({ where: { id: accountId! }, data: { balanceCurrent: BigInt("123456789012345678"), balanceCurrency: "usd" } });
    const response = await routes.list(new Request(`http://localhost/api/admin/accounts?q=${encodeURIComponent(owner.email!)}`));
    const body = await json(response);
    expect(body.accounts).toHaveLength(2);
    expect(body.accounts[0]).toMatchObject({ userEmail: owner.email, status: "active" });
    const row = body.accounts.find((a: any) => a.id === accountId);
    expect(row.balance).toEqual({ minor: "123456789012345678", currency: "usd" });
    expect(row.balanceFormatted).toBe("$1,234,567,890,123,456.78");
  });

  it("streams CSV with download headers", async () => {
    await linkAccounts(owner);
    const response = await routes.exportCsv(new Request(`http://localhost/api/admin/accounts/export?q=${encodeURIComponent(owner.email!)}`));
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="linked-accounts-.*\.csv"$/);
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(owner.email);
  });
});
