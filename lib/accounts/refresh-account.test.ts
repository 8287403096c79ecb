// Refreshes are billed by Stripe: a user's refresh is refused before any Stripe call while that
// feature is cooling down (429 with Retry-After, per feature) and for data the account did not
// share (409). The emulator enforces both too, so each test also checks Stripe saw no request.
import { randomUUID } from "node:crypto";
import type Stripe from "stripe";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { POST as refreshRoute } from "@/app/api/accounts/[id]/refresh/route";
import type { CurrentUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db/client";
import { completeLinkSession } from "@/lib/linking/complete-link-session";
import { openStripeSession } from "@/lib/linking/create-link-session";
import { stripeMode } from "@/lib/stripe/client";
import { startHarness, type Harness } from "@/test/webhook-harness";

const signedIn = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => signedIn.user }));

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

const refresh = (accountId: string, feature: string) =>
  refreshRoute(new Request(`http://localhost/api/accounts/${accountId}/refresh`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ feature }) }), {
    params: Promise.resolve({ id: accountId }),
  });
const stripeAccount = (id: string) => h.stripeGet<Stripe.FinancialConnections.Account>(`/v1/financial_connections/accounts/${id}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("answers 429 with Retry-After while a feature cools down, without asking Stripe, and each feature has its own cooldown", { timeout: 120_000 }, async () => {
  const { user } = await h.linkAccounts(`cooldown-${randomUUID()}@example.com`);
  await h.settle();
  signedIn.user = { id: user.id, email: user.email, name: null, role: "user" };
  const account = await prisma.linkedAccount.findFirstOrThrow({ where: { userId: user.id } });
  // Linking refreshed the balance (prefetch): Stripe says when the next one may start.
  const atStripe = await stripeAccount(account.stripeAccountId);
  expect(account.balanceRefreshNextAt?.getTime()).toBe(atStripe.balance_refresh!.next_refresh_available_at! * 1000);

  const refused = await refresh(account.id, "balance");
  expect(refused.status).toBe(429);
  const retryAfter = Number(refused.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(COOLDOWN_SECONDS);
  expect(await refused.json()).toEqual({ error: { message: `This account can be refreshed again in ${retryAfter} seconds`, field: "feature" } });
  expect((await stripeAccount(account.stripeAccountId)).balance_refresh).toEqual(atStripe.balance_refresh);

  // Once every feature's cooldown has passed: a balance refresh starts its own cooldown only.
  const stored = await prisma.linkedAccount.findUniqueOrThrow({ where: { id: account.id } });
  const waitUntil = Math.max(stored.balanceRefreshNextAt!.getTime(), stored.transactionRefreshNextAt!.getTime());
  await sleep(waitUntil - Date.now() + 1100);
  expect((await refresh(account.id, "balance")).status).toBe(202);
  await h.settle();
  expect((await refresh(account.id, "balance")).status).toBe(429);
  const transactions = await refresh(account.id, "transactions");
  expect(transactions.status).toBe(202);
  expect((await stripeAccount(account.stripeAccountId)).transaction_refresh!.last_attempted_at * 1000).toBeGreaterThanOrEqual(waitUntil);
});

it("answers 409 for a feature the account did not share, without asking Stripe", { timeout: 60_000 }, async () => {
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
    const response = await refresh(account.id, feature);
    expect(response.status, feature).toBe(409);
    expect(await response.json()).toEqual({ error: { message: `This account did not share ${permission}`, field: "feature" } });
  }
  // Stripe was never asked: no transaction or ownership refresh, no (billed) subscription.
  const atStripe = await stripeAccount(account.stripeAccountId);
  expect({ transactions: atStripe.transaction_refresh, ownership: atStripe.ownership_refresh, subscriptions: atStripe.subscriptions }).toEqual({
    transactions: null,
    ownership: null,
    subscriptions: [],
  });
});
