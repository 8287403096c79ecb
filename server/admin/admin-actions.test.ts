// Admin actions end to end below the browser: the server actions (role checks, input checks),
// the domain functions, Stripe through the emulator, and the audit entries written with each
// action; and the two admin read routes (JSON list, CSV export).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import type { CurrentUser } from "@/server/auth/guards";
import { GET as exportCsv } from "@/app/api/admin/accounts/export/route";
import { GET as list } from "@/app/api/admin/accounts/route";
import { IDLE, type ActionState } from "@/lib/action-state";
import { disconnectAccountAsAdmin, refreshAccountAsAdmin, revokePaymentsAsAdmin } from "@/server/admin/actions";
import { createApiKeyAsAdmin, revokeApiKeyAsAdmin } from "@/server/api-keys/actions";
import { retryIntegratorCallbackAsAdmin } from "@/server/hosted-link/actions";
import { changeUserRole } from "@/server/users/actions";
import { reprocessWebhookEventAsAdmin } from "@/server/webhooks/actions";
import { prisma } from "@/server/db/client";
import { setEnvForTests } from "@/server/env";
import { completeLinkSession } from "@/server/linking/complete-link-session";
import { createLinkSession } from "@/server/linking/create-link-session";
import { reprocessEvent } from "@/server/webhooks/admin-reprocess-event";
import { setUserRole } from "@/server/users/users";

// Who is signed in, per test: actions and route handlers read it through getCurrentUser.
const signedIn = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/server/auth/current-user", () => ({ getCurrentUser: async () => signedIn.user }));
// Outside a request there is no page cache to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let emulator: RunningEmulator;
const CONFIGURED_ADMIN = `configured-${randomUUID()}@example.com`;

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

/** What a submitted form sends: every field a string, as a browser posts it. */
function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}
type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;
const submit = (action: Action, fields: Record<string, string>) => action(IDLE, form(fields));
const actions = {
  disconnect: (accountId: string, reason?: string) => submit(disconnectAccountAsAdmin, { accountId, ...(reason !== undefined && { reason }) }),
  refresh: (accountId: string, feature: string) => submit(refreshAccountAsAdmin, { accountId, feature }),
  role: (userId: string, role: string) => submit(changeUserRole, { userId, role }),
  reprocess: (eventId: string) => submit(reprocessWebhookEventAsAdmin, { eventId }),
  createKey: (fields: Record<string, string>) => submit(createApiKeyAsAdmin, fields),
  revokeKey: (keyId: string, reason?: string) => submit(revokeApiKeyAsAdmin, { keyId, ...(reason && { reason }) }),
  retryCallback: (callbackId: string) => submit(retryIntegratorCallbackAsAdmin, { callbackId }),
  revokePayments: (accountId: string, reason?: string) => submit(revokePaymentsAsAdmin, { accountId, ...(reason !== undefined && { reason }) }),
};

/**
 * An active payment authorization stored by hand, without Stripe ids: revoking it then calls
 * Stripe for nothing (no PaymentMethod to detach, no SetupIntent to cancel or read).
 */
function activeAuthorization(linkedAccountId: string) {
  return prisma.paymentAuthorization.create({
    data: { linkedAccountId, state: "active", source: "account_page", acceptedAt: new Date(), acceptedIp: "203.0.113.9", acceptedUserAgent: "Vitest", mandateStatus: "active" },
  });
}
const routes = { list, exportCsv };
const json = async (response: Response) => (await response.json()) as any;
/** An action's answer or a route's, reduced to what the caller is told. */
async function outcome(answer: ActionState | Response) {
  if (answer instanceof Response) return { status: answer.status, message: (await json(answer)).error?.message };
  return { status: answer.status, message: answer.status === "idle" ? undefined : answer.message };
}

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
    const key = await prisma.apiKey.create({ data: { integration: { create: { name: "Test integration", redirectUris: ["roleapp://linked"] } }, name: "Role checks", prefix: "lwk_role", secretHash: randomUUID() } });
    const callback = await prisma.integratorCallback.create({
      data: { apiKeyId: key.id, linkSessionId: randomUUID(), url: "http://127.0.0.1:9/callback", body: "{}", attempts: 2, nextAttemptAt: new Date(Date.now() + 3_600_000) },
    });
    const authorization = await activeAuthorization(accountId!);
    return { accountId: accountId!, userId: owner.id, eventId: event.id, keyId: key.id, callbackId: callback.id, authorizationId: authorization.id };
  }
  type Targets = Awaited<ReturnType<typeof realTargets>>;

  // Valid input for each: with the role check gone, each call would act.
  const calls = (t: Targets) => [
    () => actions.disconnect(t.accountId, "x"),
    () => actions.refresh(t.accountId, "balance"),
    () => actions.role(t.userId, "admin"),
    () => actions.reprocess(t.eventId),
    () => routes.list(new Request("http://localhost/api/admin/accounts")),
    () => routes.exportCsv(new Request("http://localhost/api/admin/accounts/export")),
    () => actions.createKey({ name: "Sneaky", redirect_uris: "sneaky://linked" }),
    () => actions.revokeKey(t.keyId, "not mine to revoke"),
    () => actions.retryCallback(t.callbackId),
    () => actions.revokePayments(t.accountId, "not mine to revoke"),
  ];
  // What each caller is told: the actions' form error, or the read routes' status.
  const refused = (t: Targets, action: { status: string; message: string }, route: { status: number; message: string }) =>
    calls(t).map((_, i) => ([4, 5].includes(i) ? route : action));

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
    payments: await prisma.paymentAuthorization.findUniqueOrThrow({ where: { id: t.authorizationId }, select: { state: true, revokedAt: true } }),
  });

  it("refuses anonymous callers (sign in first) and changes nothing", async () => {
    const targets = await realTargets();
    const before = await state(targets);
    signedIn.user = null;
    const answers = [];
    for (const call of calls(targets)) answers.push(await outcome(await call()));
    expect(answers).toEqual(refused(targets, { status: "error", message: "Sign in to continue" }, { status: 401, message: "Sign in to continue" }));
    expect(await state(targets)).toEqual(before);
  });

  it("tells signed-in non-admins \"Not found\", even about their own account, and changes nothing", async () => {
    const targets = await realTargets();
    const before = await state(targets);
    signedIn.user = owner;
    const answers = [];
    for (const call of calls(targets)) answers.push(await outcome(await call()));
    expect(answers).toEqual(refused(targets, { status: "error", message: "Not found" }, { status: 404, message: "Not found" }));
    expect(await state(targets)).toEqual(before);
    expect(await prisma.auditLog.count({ where: { actorId: owner.id } })).toBe(0);
  });

  it("lets an admin act on the same objects", async () => {
    const targets = await realTargets();
    signedIn.user = admin;
    expect(await actions.revokeKey(targets.keyId, "rotated")).toEqual({ status: "done", message: "Revoked." });
    expect(await prisma.apiKey.findUniqueOrThrow({ where: { id: targets.keyId } })).toMatchObject({ revokedAt: expect.any(Date) });
    expect(await prisma.auditLog.findFirst({ where: { targetId: targets.keyId, action: "api_key.revoke" } })).toMatchObject({ actorId: admin.id, reason: "rotated" });
    // Its URL refuses connections: the retry ran (one more attempt, audited) and says it was not delivered.
    expect(await actions.retryCallback(targets.callbackId)).toMatchObject({ status: "error", message: expect.stringMatching(/^Not delivered: /) });
    expect(await prisma.integratorCallback.findUniqueOrThrow({ where: { id: targets.callbackId } })).toMatchObject({ attempts: 3, deliveredAt: null });
    expect(await prisma.auditLog.count({ where: { targetId: targets.callbackId, action: "integrator_callback.retry", actorId: admin.id } })).toBe(1);
    expect(await actions.createKey({ name: "Allowed", redirect_uris: "allowed://linked" })).toMatchObject({
      status: "done",
      created: { name: "Allowed", secret: expect.stringMatching(/^lwk_/), webhookSecret: null },
    });
    expect(await actions.reprocess(targets.eventId)).toMatchObject({ status: "done", message: expect.stringMatching(/^Reprocessed: /) });
    expect(await prisma.auditLog.count({ where: { targetId: targets.eventId, action: "webhook_event.reprocess", actorId: admin.id } })).toBe(1);
  });

  it("refuses a NUL character in a form field, naming the field, before anything runs", async () => {
    const keys = await prisma.apiKey.count();
    expect(await actions.createKey({ name: "nul\u0000name", redirect_uris: "nulapp://linked" })).toMatchObject({
      status: "error",
      field: "name",
      message: expect.stringContaining("NUL"),
    });
    expect(await prisma.apiKey.count()).toBe(keys);
  });
});

describe("disconnect", () => {
  it("disconnects at Stripe and records status change and audit entry with the reason", async () => {
    const [accountId] = await linkAccounts(owner);
    expect(await actions.disconnect(accountId!, "  Customer asked support to remove it  ")).toEqual({ status: "done", message: "Account disconnected." });

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
    for (const reason of [undefined, "   ", "x".repeat(501)]) {
      expect(await actions.disconnect(accountId!, reason)).toMatchObject({ status: "error", field: "reason" });
    }
    expect(await prisma.auditLog.count({ where: { targetId: accountId! } })).toBe(0);
    expect((await prisma.linkedAccount.findUniqueOrThrow({ where: { id: accountId! } })).status).toBe("active");
  });

  it("says so for an unknown account, and for a missing id names the field", async () => {
    expect(await actions.disconnect("missing", "gone")).toMatchObject({ status: "error", message: expect.stringMatching(/not found/i) });
    expect(await actions.disconnect("", "gone")).toMatchObject({ status: "error", field: "accountId" });
  });
});

describe("revoke a payment authorization", () => {
  it("revokes any user's authorization and audits it with the admin's reason", async () => {
    const [accountId] = await linkAccounts(owner);
    const authorization = await activeAuthorization(accountId!);
    expect(await actions.revokePayments(accountId!, "  Owner reported the account stolen  ")).toEqual({ status: "done", message: "Payment authorization revoked." });

    expect(await prisma.paymentAuthorization.findUniqueOrThrow({ where: { id: authorization.id } })).toMatchObject({
      state: "revoked",
      stateReason: "revoked",
      revokedAt: expect.any(Date),
    });
    const audit = await prisma.auditLog.findMany({ where: { targetId: accountId!, action: "payments.revoke" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      reason: "Owner reported the account stolen",
      metadata: { authorization_ids: [authorization.id], by: "admin" },
    });
    // Nothing live is left to revoke.
    expect(await actions.revokePayments(accountId!, "again")).toMatchObject({ status: "error", message: expect.stringMatching(/no payment authorization/) });
    expect(await prisma.auditLog.count({ where: { targetId: accountId!, action: "payments.revoke" } })).toBe(1);
  });

  it("tells a non-admin \"Not found\", even for their own account, and changes nothing", async () => {
    const [accountId] = await linkAccounts(owner);
    const authorization = await activeAuthorization(accountId!);
    signedIn.user = owner;
    expect(await actions.revokePayments(accountId!, "I am the owner")).toEqual({ status: "error", message: "Not found" });
    expect((await prisma.paymentAuthorization.findUniqueOrThrow({ where: { id: authorization.id } })).state).toBe("active");
    expect(await prisma.auditLog.count({ where: { targetId: accountId! } })).toBe(0);
  });

  it("requires a reason of at most 500 characters, naming the field", async () => {
    const [accountId] = await linkAccounts(owner);
    const authorization = await activeAuthorization(accountId!);
    for (const reason of [undefined, "", "   ", "x".repeat(501)]) {
      expect(await actions.revokePayments(accountId!, reason)).toMatchObject({ status: "error", field: "reason", message: expect.stringMatching(/^reason: /) });
    }
    expect((await prisma.paymentAuthorization.findUniqueOrThrow({ where: { id: authorization.id } })).state).toBe("active");
    expect(await prisma.auditLog.count({ where: { targetId: accountId! } })).toBe(0);
  });

  it("says so for an account without an authorization or unknown, and for a missing id names the field", async () => {
    const [accountId] = await linkAccounts(owner);
    expect(await actions.revokePayments(accountId!, "why not")).toMatchObject({ status: "error", message: expect.stringMatching(/no payment authorization/) });
    expect(await actions.revokePayments("missing", "gone")).toMatchObject({ status: "error", message: expect.stringMatching(/no payment authorization/) });
    expect(await actions.revokePayments("", "gone")).toMatchObject({ status: "error", field: "accountId" });
  });
});

describe("refresh", () => {
  it("asks Stripe for a refresh of any user's account and audits it", async () => {
    const [accountId] = await linkAccounts(owner);
    expect(await actions.refresh(accountId!, "balance")).toEqual({ status: "done", message: "Balance refresh requested." });
    const account = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: accountId! } });
    expect(account.balanceRefreshStatus).toBe("pending");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { targetId: accountId!, action: "account.refresh" } });
    expect(audit).toMatchObject({ actorId: admin.id, subjectId: owner.id, metadata: { feature: "balance" } });
  });

  it("refuses unknown features and inactive accounts without an audit entry", async () => {
    const [accountId] = await linkAccounts(owner);
    expect(await actions.refresh(accountId!, "everything")).toMatchObject({ status: "error", field: "feature" });
    await actions.disconnect(accountId!, "closing");
    const inactive = await actions.refresh(accountId!, "balance");
    expect(inactive.status).toBe("error");
    expect(inactive).not.toHaveProperty("field");
    expect(await prisma.auditLog.count({ where: { targetId: accountId!, action: "account.refresh" } })).toBe(0);
  });
});

describe("promote and demote", () => {
  const roleOf = async (id: string) => (await prisma.user.findUniqueOrThrow({ where: { id } })).role;

  it("promotes and demotes with an audit entry each", async () => {
    expect(await actions.role(owner.id, "admin")).toEqual({ status: "done", message: "Promoted to admin." });
    expect(await roleOf(owner.id)).toBe("admin");
    expect(await actions.role(owner.id, "user")).toEqual({ status: "done", message: "Demoted to user." });
    expect(await roleOf(owner.id)).toBe("user");
    const entries = await prisma.auditLog.findMany({ where: { targetId: owner.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["user.promote", "user.demote"]);
    expect(entries.every((e) => e.actorId === admin.id && e.subjectId === owner.id)).toBe(true);
    // Setting the role a user already has changes nothing and writes nothing.
    expect(await actions.role(owner.id, "user")).toMatchObject({ status: "done" });
    expect(await prisma.auditLog.count({ where: { targetId: owner.id } })).toBe(2);
  });

  it("never lets the last admin demote themself, even when two admins race", async () => {
    await prisma.user.updateMany({ where: { role: "admin", id: { not: admin.id } }, data: { role: "user" } });
    expect(await actions.role(admin.id, "user")).toMatchObject({ status: "error", field: "role", message: expect.stringMatching(/last admin/) });
    expect(await roleOf(admin.id)).toBe("admin");

    const other = await prisma.user.create({ data: { email: `other-${randomUUID()}@example.com`, role: "admin" } });
    const otherAdmin: CurrentUser = { id: other.id, email: other.email, name: null, role: "admin" };
    const results = await Promise.allSettled([setUserRole(admin, admin.id, "user"), setUserRole(otherAdmin, other.id, "user")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.user.count({ where: { role: "admin" } })).toBe(1);
  });

  it("refuses to demote an admin listed in ADMIN_EMAILS (sign-in would promote them again), naming the setting", async () => {
    const configured = await prisma.user.create({ data: { email: CONFIGURED_ADMIN, role: "admin" } });
    expect(await actions.role(configured.id, "user")).toMatchObject({ status: "error", field: "role", message: expect.stringContaining("ADMIN_EMAILS") });
    expect(await roleOf(configured.id)).toBe("admin");
    expect(await prisma.auditLog.count({ where: { targetId: configured.id } })).toBe(0);
  });

  it("rejects a role that does not exist, and an unknown user", async () => {
    expect(await actions.role(owner.id, "owner")).toMatchObject({ status: "error", field: "role" });
    expect(await actions.role("missing", "admin")).toMatchObject({ status: "error", message: "User not found" });
    expect(await roleOf(owner.id)).toBe("user");
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
