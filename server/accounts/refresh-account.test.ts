// Refreshes are billed by Stripe: a user's refresh (the account page's server action) is refused
// before any Stripe call while that feature is cooling down (saying when to try again, per
// feature) and for data the account did not share. The emulator enforces both too, so each test
// also checks Stripe saw no request. Another user's account is "not found" and left alone.
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { IDLE } from "@/lib/action-state";
import { disconnectAccountAction, refreshAccountAction } from "@/server/accounts/actions";
import type { CurrentUser } from "@/server/auth/guards";
import { prisma } from "@/server/db/client";
import { completeLinkSession } from "@/server/linking/complete-link-session";
import { openStripeSession } from "@/server/linking/create-link-session";
import { stripeMode } from "@/server/stripe/client";
import { startHarness, type Harness } from "@/test/webhook-harness";

const signedIn = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/server/auth/current-user", () => ({ getCurrentUser: async () => signedIn.user }));
// The actions' page revalidation needs a Next request; what the page shows is the e2e tests' part.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

/**
 * Seconds Stripe (the emulator) makes a feature wait after a refresh: long enough that linking
 * and its webhooks finish inside it on a loaded machine (6 s did not, under a load average of 20).
 */
const COOLDOWN_SECONDS = 20;

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ refreshCooldownSeconds: COOLDOWN_SECONDS });
});
afterAll(async () => {
  await h?.close();
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
const refresh = (accountId: string, feature: string) => refreshAccountAction(IDLE, form({ accountId, feature }));
const STARTED = { status: "done", message: expect.stringMatching(/^Refreshing \w+… this page updates when your bank answers\.$/) };
const stripeAccount = (id: string) => h.stripeGet<Stripe.FinancialConnections.Account>(`/v1/financial_connections/accounts/${id}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("refuses with the seconds to wait while a feature cools down, without asking Stripe, and each feature has its own cooldown", { timeout: 120_000 }, async () => {
  const { user } = await h.linkAccounts(`cooldown-${randomUUID()}@example.com`);
  await h.settle();
  signedIn.user = { id: user.id, email: user.email, name: null, role: "user" };
  const account = await prisma.linkedAccount.findFirstOrThrow({ where: { userId: user.id } });
  // Linking refreshed the balance (prefetch): Stripe says when the next one may start.
  const atStripe = await stripeAccount(account.stripeAccountId);
  expect(account.balanceRefreshNextAt?.getTime()).toBe(atStripe.balance_refresh!.next_refresh_available_at! * 1000);

  const refused = await refresh(account.id, "balance");
  expect(refused).toEqual({ status: "error", message: expect.stringMatching(/^This account can be refreshed again in \d+ seconds$/), field: "feature" });
  const retryAfter = Number(/in (\d+) seconds/.exec(refused.status === "error" ? refused.message : "")![1]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(COOLDOWN_SECONDS);
  expect((await stripeAccount(account.stripeAccountId)).balance_refresh).toEqual(atStripe.balance_refresh);

  // Once every feature's cooldown has passed: a balance refresh starts its own cooldown only.
  const stored = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account.id } });
  const waitUntil = Math.max(stored.balanceRefreshNextAt!.getTime(), stored.transactionRefreshNextAt!.getTime());
  await sleep(waitUntil - Date.now() + 1100);
  expect(await refresh(account.id, "balance")).toEqual(STARTED);
  await h.settle();
  expect(await refresh(account.id, "balance")).toMatchObject({ status: "error", message: expect.stringMatching(/^This account can be refreshed again in/) });
  expect(await refresh(account.id, "transactions")).toEqual(STARTED);
  expect((await stripeAccount(account.stripeAccountId)).transaction_refresh!.last_attempted_at * 1000).toBeGreaterThanOrEqual(waitUntil);
});

it("refuses a feature the account did not share, without asking Stripe", { timeout: 60_000 }, async () => {
  const user = await prisma.user.create({ data: { email: `balances-only-${randomUUID()}@example.com` } });
  // A link asking for balances and account numbers only, as a hosted link minted for less does.
  const { session, permissions } = await openStripeSession(user, { idempotencyKey: randomUUID(), permissions: ["balances", "payment_method"] });
  const linkSession = await prisma.linkSession.create({
    data: { userId: user.id, attemptId: randomUUID(), stripeSessionId: session.id, mode: stripeMode(), requestedPermissions: permissions },
  });
  await h.control(`/_emulator/test_helpers/sessions/${session.id}/complete`, { institution: "test_institution", accounts: ["checking"] });
  await completeLinkSession(user.id, linkSession.id);
  await h.settle();
  signedIn.user = { id: user.id, email: user.email, name: null, role: "user" };
  const account = await prisma.linkedAccount.findFirstOrThrow({ where: { userId: user.id } });
  expect(account.permissions).toEqual(["balances", "payment_method"]);

  for (const [feature, permission] of [["transactions", "transactions"], ["ownership", "ownership"]] as const) {
    expect(await refresh(account.id, feature), feature).toEqual({ status: "error", message: `This account did not share ${permission}`, field: "feature" });
  }
  // Stripe was never asked: no transaction or ownership refresh, no (billed) subscription.
  const atStripe = await stripeAccount(account.stripeAccountId);
  expect({ transactions: atStripe.transaction_refresh, ownership: atStripe.ownership_refresh, subscriptions: atStripe.subscriptions }).toEqual({
    transactions: null,
    ownership: null,
    subscriptions: [],
  });
});

it("another user's account is not found, and disconnecting takes the owner's confirmation", { timeout: 60_000 }, async () => {
  const { user } = await h.linkAccounts(`owner-${randomUUID()}@example.com`);
  await h.settle();
  const account = await prisma.linkedAccount.findFirstOrThrow({ where: { userId: user.id } });
  const disconnect = (fields: Record<string, string>) => disconnectAccountAction(IDLE, form({ accountId: account.id, ...fields }));

  signedIn.user = null;
  expect(await refresh(account.id, "balance")).toEqual({ status: "error", message: "Sign in first" });
  expect(await disconnect({ confirm: "yes" })).toEqual({ status: "error", message: "Sign in first" });
  const intruder = await prisma.user.create({ data: { email: `intruder-${randomUUID()}@example.com` } });
  signedIn.user = { id: intruder.id, email: intruder.email, name: null, role: "user" };
  expect(await refresh(account.id, "balance")).toEqual({ status: "error", message: "Account not found" });
  expect(await disconnect({ confirm: "yes" })).toEqual({ status: "error", message: "Account not found" });
  expect(await disconnectAccountAction(IDLE, form({ accountId: "x\u0000", confirm: "yes" }))).toMatchObject({ status: "error", field: "accountId" });

  signedIn.user = { id: user.id, email: user.email, name: null, role: "user" };
  expect(await disconnect({})).toEqual({ status: "error", message: "Confirm that you want to disconnect this account.", field: "confirm" });
  expect((await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("active");
  expect(await disconnect({ confirm: "yes" })).toEqual({ status: "done", message: "Disconnected. We no longer read this account." });
  expect((await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("disconnected");
  const audit = await prisma.auditLog.findMany({ where: { targetId: account.id, action: "account.disconnect" } });
  expect(audit.map((entry) => ({ actorId: entry.actorId, subjectId: entry.subjectId, reason: entry.reason }))).toEqual([{ actorId: user.id, subjectId: user.id, reason: null }]);
});
