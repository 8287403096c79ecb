// Stripe failing while a user links or refreshes: 500s, 429s, dropped connections and timeouts,
// injected by the emulator's fault rules. Each case checks what the user is told (a retryable
// 503), that nothing half-written is left, and that retrying creates nothing twice.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { prisma } from "@/server/db/client";
import { createLinkSession } from "./create-link-session";
import { completeLinkSession } from "./complete-link-session";
import { refreshAccount } from "@/server/accounts/refresh-account";
import { syncAccountFromStripe } from "@/server/accounts/sync-account";
import { toErrorResponse } from "@/server/http/api-error";
import { setEnvForTests } from "@/server/env";

let emulator: RunningEmulator;

/** Short, so that a "timeout" fault costs the test a second rather than half a minute. */
const TIMEOUT_MS = 400;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, persist: false, refreshDelayMs: 20 });
  setEnvForTests({
    STRIPE_SECRET_KEY: "sk_test_faults",
    STRIPE_API_BASE: emulator.url,
    STRIPE_TIMEOUT_MS: String(TIMEOUT_MS),
    LINK_SESSIONS_PER_MINUTE: "100",
  });
});

afterEach(async () => {
  await emulatorCall("DELETE", "/_emulator/faults");
});

afterAll(async () => {
  await emulator.close();
});

async function emulatorCall(method: string, path: string, body?: unknown) {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { authorization: "Bearer sk_test_faults", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path}`).toBe(true);
  return response.json() as Promise<{ data?: unknown[] }>;
}

/** The next `count` Stripe requests matching `path` (and `method`) fail with `action`. */
function injectFault(path: string, action: "500" | "429" | "reset" | "delay", count: number, method = "POST", delay_ms = 0) {
  return emulatorCall("POST", "/_emulator/faults", { path, method, action, count, delay_ms });
}

async function newUser() {
  return prisma.user.create({ data: { email: `${randomUUID()}@example.com` } });
}

async function customersAtStripe(email: string) {
  return (await emulatorCall("GET", `/v1/customers?email=${encodeURIComponent(email)}`)).data ?? [];
}

/** What the user's browser would receive for this failure. */
async function answerFor(promise: Promise<unknown>) {
  const error = await promise.then(
    () => expect.unreachable("the call should have failed"),
    (e: unknown) => e,
  );
  const response = toErrorResponse(error);
  const body = (await response.json()) as { error: { message: string; retryable?: boolean } };
  return { status: response.status, retryAfter: response.headers.get("retry-after"), ...body.error };
}

async function linkedUserWithAccount() {
  const user = await newUser();
  const { linkSessionId } = await createLinkSession(user, randomUUID());
  const { stripeSessionId } = await prisma.linkSession.findUniqueOrThrow({ where: { id: linkSessionId } });
  await emulatorCall("POST", `/_emulator/test_helpers/sessions/${stripeSessionId}/complete`, {
    institution: "test_institution",
    accounts: ["checking"],
  });
  const { accountIds } = await completeLinkSession(user.id, linkSessionId);
  return { user, accountId: accountIds[0]! };
}

describe("Stripe failing while a link session is created", () => {
  it("rides out two 500s on customer creation: stripe-node retries, one customer", async () => {
    const user = await newUser();
    await injectFault("/v1/customers", "500", 2);
    const created = await createLinkSession(user, randomUUID());
    expect(created.clientSecret).toMatch(/_secret_/);
    expect(await customersAtStripe(user.email!)).toHaveLength(1);
  });

  it("answers a retryable 503 when Stripe keeps failing, stores nothing, and the retry makes one customer", async () => {
    const user = await newUser();
    const attemptId = randomUUID();
    await injectFault("/v1/customers", "500", 3);
    const answer = await answerFor(createLinkSession(user, attemptId));
    expect(answer).toMatchObject({ status: 503, retryable: true, retryAfter: "2" });
    expect(answer.message).toMatch(/could not reach Stripe.*try again/i);
    expect(await prisma.stripeCustomer.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.linkSession.count({ where: { userId: user.id } })).toBe(0);

    const retried = await createLinkSession(user, attemptId);
    expect(retried.linkSessionId).toBeTruthy();
    expect(await customersAtStripe(user.email!)).toHaveLength(1);
    expect(await prisma.linkSession.count({ where: { userId: user.id } })).toBe(1);
  });

  it("says Stripe is busy on a 429, and the retry reuses the customer", async () => {
    const user = await newUser();
    const attemptId = randomUUID();
    await injectFault("/v1/financial_connections/sessions", "429", 1);
    const answer = await answerFor(createLinkSession(user, attemptId));
    expect(answer).toMatchObject({ status: 503, retryable: true, retryAfter: "5" });
    expect(answer.message).toMatch(/busy/i);
    expect(await prisma.linkSession.count({ where: { userId: user.id } })).toBe(0);

    await createLinkSession(user, attemptId);
    expect(await customersAtStripe(user.email!)).toHaveLength(1);
    expect(await prisma.stripeCustomer.count({ where: { userId: user.id } })).toBe(1);
    expect(await prisma.linkSession.count({ where: { userId: user.id } })).toBe(1);
  });

  it("survives dropped connections on every try with nothing stored, then recovers", async () => {
    const user = await newUser();
    const attemptId = randomUUID();
    await injectFault("/v1/financial_connections/sessions", "reset", 3);
    const answer = await answerFor(createLinkSession(user, attemptId));
    expect(answer).toMatchObject({ status: 503, retryable: true });
    expect(await prisma.linkSession.count({ where: { userId: user.id } })).toBe(0);
    await createLinkSession(user, attemptId);
    expect(await prisma.linkSession.count({ where: { userId: user.id } })).toBe(1);
  });

  it("creates one customer when every try times out but Stripe (slowly) carried each one out", async () => {
    const user = await newUser();
    const attemptId = randomUUID();
    // Each request waits past the client's timeout, then the emulator still performs it:
    // the idempotency key stripe-node reuses on retries must collapse them into one customer.
    await injectFault("/v1/customers", "delay", 3, "POST", TIMEOUT_MS * 3);
    const answer = await answerFor(createLinkSession(user, attemptId));
    expect(answer).toMatchObject({ status: 503, retryable: true });
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 3));

    await createLinkSession(user, attemptId);
    expect(await customersAtStripe(user.email!)).toHaveLength(1);
    expect(await prisma.stripeCustomer.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("Stripe failing while a link session completes", () => {
  it("leaves the session pending with no accounts, and the retry stores each account once", async () => {
    const user = await newUser();
    const { linkSessionId } = await createLinkSession(user, randomUUID());
    const { stripeSessionId } = await prisma.linkSession.findUniqueOrThrow({ where: { id: linkSessionId } });
    await emulatorCall("POST", `/_emulator/test_helpers/sessions/${stripeSessionId}/complete`, {
      institution: "test_institution",
      accounts: ["checking", "savings"],
    });

    await injectFault(`/v1/financial_connections/sessions/${stripeSessionId}`, "500", 3, "GET");
    expect(await answerFor(completeLinkSession(user.id, linkSessionId))).toMatchObject({ status: 503, retryable: true });
    await injectFault(`/v1/financial_connections/sessions/${stripeSessionId}`, "delay", 3, "GET", TIMEOUT_MS * 2);
    expect(await answerFor(completeLinkSession(user.id, linkSessionId))).toMatchObject({ status: 503, retryable: true });
    expect(await prisma.linkSession.findUniqueOrThrow({ where: { id: linkSessionId } })).toMatchObject({ status: "pending", accountCount: 0, completedAt: null });
    expect(await prisma.linkedAccount.count({ where: { userId: user.id } })).toBe(0);

    const [first, second] = await Promise.all([completeLinkSession(user.id, linkSessionId), completeLinkSession(user.id, linkSessionId)]);
    expect(first).toMatchObject({ status: "succeeded", linked: 2 });
    expect(second!.accountIds.sort()).toEqual(first!.accountIds.sort());
    expect(await prisma.linkedAccount.count({ where: { userId: user.id } })).toBe(2);
  });
});

describe("Stripe failing while an account refreshes", () => {
  it("answers a retryable 503 and leaves the account as it was; the retry starts the refresh", async () => {
    const { user, accountId } = await linkedUserWithAccount();
    // Let the balance fetched at link time settle (the emulator finishes it after 20 ms) and
    // lift the cooldown, so the injected fault is the only thing in the refresh's way.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { stripeAccountId } = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: accountId } });
    await syncAccountFromStripe(stripeAccountId, { source: "reconcile" });
    const before = await prisma.linkedAccount.update({ where: { id: accountId }, data: { balanceRefreshNextAt: null } });
    expect(before.balanceRefreshStatus).toBe("succeeded");

    await injectFault(`/v1/financial_connections/accounts/${before.stripeAccountId}/refresh`, "429", 1);
    expect(await answerFor(refreshAccount({ userId: user.id }, accountId, "balance"))).toMatchObject({ status: 503, retryable: true });
    const after = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: accountId } });
    expect(after.balanceRefreshStatus).toBe("succeeded");
    expect(after.balanceRefreshAttemptedAt).toEqual(before.balanceRefreshAttemptedAt);

    await refreshAccount({ userId: user.id }, accountId, "balance");
    const refreshed = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: accountId } });
    expect(refreshed.balanceRefreshStatus).toBe("pending");
  });
});
