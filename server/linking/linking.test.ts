// Creating and completing link sessions against the Stripe emulator over real HTTP.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import { httpFormOf } from "@/server/http/api-error";
import { createLinkSession } from "./create-link-session";
import { completeLinkSession } from "./complete-link-session";
import { listUserAccounts } from "@/server/accounts/list-accounts";
import { setEnvForTests } from "@/server/env";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, persist: false, refreshDelayMs: 20 });
  setEnvForTests({ STRIPE_SECRET_KEY: "sk_test_linking", STRIPE_API_BASE: emulator.url, LINK_SESSIONS_PER_MINUTE: "8" });
});

afterAll(async () => {
  await emulator.close();
});

async function newUser() {
  return prisma.user.create({ data: { email: `${randomUUID()}@example.com` } });
}

/** What the modal does when the user picks accounts, through the emulator's test helper. */
async function pickInModal(linkSessionId: string, accounts: string[], extra: Record<string, unknown> = {}) {
  const { stripeSessionId: sessionId } = await prisma.linkSession.findUniqueOrThrow({ where: { id: linkSessionId } });
  const response = await fetch(`${emulator.url}/_emulator/test_helpers/sessions/${sessionId}/complete`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ institution: "test_institution", accounts, ...extra }),
  });
  expect(response.status).toBe(200);
}

async function stripeCustomersFor(email: string) {
  const response = await fetch(`${emulator.url}/v1/customers?email=${encodeURIComponent(email)}`, {
    headers: { authorization: "Bearer sk_test_linking" },
  });
  return ((await response.json()) as { data: unknown[] }).data;
}

describe("createLinkSession", () => {
  it("creates one Stripe customer when requests race", async () => {
    const user = await newUser();
    const created = await Promise.all(Array.from({ length: 5 }, () => createLinkSession(user, randomUUID())));
    expect(new Set(created.map((c) => c.linkSessionId)).size).toBe(5);
    expect(await prisma.stripeCustomer.count({ where: { userId: user.id } })).toBe(1);
    expect(await stripeCustomersFor(user.email!)).toHaveLength(1);
    for (const c of created) expect(c.clientSecret).toMatch(/^fcsess_.+_secret_/);
  });

  it("gives a repeated attempt (a double click) the same session", async () => {
    const user = await newUser();
    const attemptId = randomUUID();
    const [a, b] = await Promise.all([createLinkSession(user, attemptId), createLinkSession(user, attemptId)]);
    const c = await createLinkSession(user, attemptId);
    expect(new Set([a.linkSessionId, b.linkSessionId, c.linkSessionId]).size).toBe(1);
    expect(c.clientSecret).toBe(a.clientSecret);
    expect(await prisma.linkSession.count({ where: { userId: user.id } })).toBe(1);
  });

  it("stores a pending link session with the configured permissions", async () => {
    const user = await newUser();
    const { linkSessionId } = await createLinkSession(user, randomUUID());
    const row = await prisma.linkSession.findUniqueOrThrow({ where: { id: linkSessionId } });
    expect(row).toMatchObject({ userId: user.id, status: "pending", mode: "test" });
    expect(row.requestedPermissions).toEqual(["payment_method", "balances", "ownership", "transactions"]);
    expect(row.stripeSessionId).toMatch(/^fcsess_/);
  });

  it("rate-limits each user with a 429 and Retry-After", async () => {
    const user = await newUser();
    for (let i = 0; i < 8; i++) await createLinkSession(user, randomUUID());
    const error = await createLinkSession(user, randomUUID()).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "rate_limited" });
    const answer = httpFormOf(error as DomainError);
    expect(answer.status).toBe(429);
    expect(Number(answer.headers["Retry-After"])).toBeGreaterThan(0);
    // Another user is not affected.
    await expect(createLinkSession(await newUser(), randomUUID())).resolves.toBeTruthy();
  });
});

describe("completeLinkSession", () => {
  it("stores the accounts read from Stripe, and a repeat gives the same result", async () => {
    const user = await newUser();
    const { linkSessionId } = await createLinkSession(user, randomUUID());
    await pickInModal(linkSessionId, ["checking", "savings"]);

    const first = await completeLinkSession(user.id, linkSessionId);
    expect(first).toMatchObject({ status: "succeeded", linked: 2, updated: 0 });
    const second = await completeLinkSession(user.id, linkSessionId);
    expect(second).toEqual(first);

    const accounts = await prisma.linkedAccount.findMany({ where: { userId: user.id }, orderBy: { last4: "asc" } });
    expect(accounts.map((a) => [a.institutionName, a.subcategory, a.last4, a.status])).toEqual([
      ["Test Institution", "savings", "4321", "active"],
      ["Test Institution", "checking", "6789", "active"],
    ]);
    for (const a of accounts) {
      expect(a.linkSessionId).toBe(linkSessionId);
      expect(typeof a.balanceCurrent).toBe("bigint");
      expect(a.balanceCurrency).toBe("usd");
    }
    const session = await prisma.linkSession.findUniqueOrThrow({ where: { id: linkSessionId } });
    expect(session).toMatchObject({ status: "succeeded", accountCount: 2 });
    expect(session.completedAt).toBeInstanceOf(Date);
  });

  it("follows Stripe's pagination for sessions with many accounts", async () => {
    const user = await newUser();
    const { linkSessionId } = await createLinkSession(user, randomUUID());
    await pickInModal(linkSessionId, ["checking", "savings"], { count: 20 });
    const result = await completeLinkSession(user.id, linkSessionId);
    expect(result.linked).toBe(20);
    expect(await prisma.linkedAccount.count({ where: { userId: user.id } })).toBe(20);
  });

  it("closes a session with no accounts as cancelled", async () => {
    const user = await newUser();
    const { linkSessionId } = await createLinkSession(user, randomUUID());
    expect(await completeLinkSession(user.id, linkSessionId)).toMatchObject({ status: "cancelled", linked: 0 });
    expect(await prisma.linkedAccount.count({ where: { userId: user.id } })).toBe(0);
  });

  it("answers 404 for another user's link session and stores nothing", async () => {
    const owner = await newUser();
    const intruder = await newUser();
    const { linkSessionId } = await createLinkSession(owner, randomUUID());
    await pickInModal(linkSessionId, ["checking"]);
    await expect(completeLinkSession(intruder.id, linkSessionId)).rejects.toMatchObject({ kind: "not_found" });
    expect(await prisma.linkedAccount.count({ where: { userId: { in: [owner.id, intruder.id] } } })).toBe(0);
  });

  it("refuses a Stripe session whose account holder is someone else's customer", async () => {
    const victim = await newUser();
    const attacker = await newUser();
    const victims = await createLinkSession(victim, randomUUID());
    await pickInModal(victims.linkSessionId, ["checking"]);
    await createLinkSession(attacker, randomUUID()); // gives the attacker a customer of their own
    const { stripeSessionId } = await prisma.linkSession.findUniqueOrThrow({ where: { id: victims.linkSessionId } });
    // A forged row pointing at the victim's Stripe session under the attacker's name.
    await prisma.linkSession.update({ where: { id: victims.linkSessionId }, data: { stripeSessionId: `${stripeSessionId}_moved` } });
    const forged = await prisma.linkSession.create({
      data: { userId: attacker.id, attemptId: randomUUID(), stripeSessionId, mode: "test", requestedPermissions: [] },
    });
    await expect(completeLinkSession(attacker.id, forged.id)).rejects.toMatchObject({ kind: "forbidden" });
    expect(await prisma.linkedAccount.count({ where: { userId: attacker.id } })).toBe(0);
    expect((await prisma.linkSession.findUniqueOrThrow({ where: { id: forged.id } })).status).toBe("failed");
  });

  it("replaces an earlier link of the same bank account and keeps it as history", async () => {
    const user = await newUser();
    const first = await createLinkSession(user, randomUUID());
    await pickInModal(first.linkSessionId, ["checking", "savings"]);
    await completeLinkSession(user.id, first.linkSessionId);

    const second = await createLinkSession(user, randomUUID());
    await pickInModal(second.linkSessionId, ["checking"]);
    const result = await completeLinkSession(user.id, second.linkSessionId);
    expect(result).toMatchObject({ linked: 1, updated: 1 });
    expect(await completeLinkSession(user.id, second.linkSessionId)).toMatchObject({ linked: 1, updated: 1 });

    const { live } = await listUserAccounts(user.id);
    expect(live.map((a) => a.last4).sort()).toEqual(["4321", "6789"]);
    expect(live.find((a) => a.last4 === "6789")?.linkSessionId).toBe(second.linkSessionId);
    const older = await prisma.linkedAccount.findFirstOrThrow({ where: { userId: user.id, linkSessionId: first.linkSessionId, last4: "6789" } });
    expect(older.replacedById).toBe(result.accountIds[0]);
  });
});
