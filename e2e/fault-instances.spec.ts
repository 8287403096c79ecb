// Issue 8's faults that need more than one app process, driven over HTTP (no browser):
//  - an instance killed while its queue applies a webhook it stored (reading Stripe, or inside
//    its database transaction): when its lease ends another instance applies the event once;
//  - two instances on one database: the same link session completed through both at once and
//    the same event delivered to both at once give one result; rate limits count across both.
// The extra instances are `next start` of the same build with the production server's settings
// (e2e/spawn-instance.ts); the stack's production server is the other instance.
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startDbProxy, type DbProxy } from "./db-proxy";
import { PROD_URL, queryDatabase, stackInfo } from "./fixtures";
import { killAllInstances, startInstance, type Instance } from "./spawn-instance";

test.describe.configure({ mode: "serial" });

type User = { id: string; cookie: string };
type Completion = { status: string; linked: number; accountIds: string[] };

let second: Instance;
let doomed: Instance;
let doomedInTransaction: Instance;
let proxy: DbProxy;
const faultIds: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  proxy = await startDbProxy(stackInfo().databaseUrl);
  [second, doomed, doomedInTransaction] = await Promise.all([
    startInstance(),
    startInstance(),
    startInstance({ DATABASE_URL: proxy.url }),
  ]);
});

test.afterAll(async () => {
  await killAllInstances();
  await proxy?.close();
  // Rules of ours a failed test left unused (each is scoped to one of our accounts anyway).
  for (const id of faultIds) await fetch(`${stackInfo().emulatorUrl}/_emulator/faults/${id}`, { method: "DELETE" }).catch(() => undefined);
});

/** A new person with a database session: its cookie signs them in on every instance. */
async function newUser(): Promise<User> {
  const id = `e2e-inst-${randomBytes(8).toString("hex")}`;
  const token = randomBytes(32).toString("hex");
  await queryDatabase(`INSERT INTO "User" (id, email, "updatedAt") VALUES ($1, $2, now())`, [id, `${id}@example.com`]);
  await queryDatabase(`INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, now() + interval '1 day')`, [
    `${id}-session`,
    token,
    id,
  ]);
  return { id, cookie: `next-auth.session-token=${token}` };
}

/** A same-origin API call, as the app's own pages make it. */
async function api(base: string, user: User, path: string, body: unknown = {}): Promise<Response> {
  return fetch(base + path, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: user.cookie, origin: new URL(base).origin },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
}

async function startLinking(base: string, user: User): Promise<{ linkSessionId: string }> {
  const response = await api(base, user, "/api/link-sessions", { attemptId: randomUUID() });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { linkSessionId: string };
}

/** The person picks `accounts` at Test Institution in Stripe's modal (the emulator's test helper). */
async function pickInModal(linkSessionId: string, accounts: string[]) {
  const [row] = await queryDatabase<{ stripeSessionId: string }>(`SELECT "stripeSessionId" FROM "LinkSession" WHERE id = $1`, [linkSessionId]);
  const response = await emulator(`/_emulator/test_helpers/sessions/${row!.stripeSessionId}/complete`, {
    institution: "test_institution",
    accounts,
  });
  expect(response.status).toBe(200);
}

async function emulator(path: string, body?: unknown, method = "POST"): Promise<Response> {
  return fetch(stackInfo().emulatorUrl + path, {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${stackInfo().prodEnv.STRIPE_SECRET_KEY}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Links one checking account for `user` through the stack's production server. */
async function linkedAccount(user: User): Promise<{ id: string; stripeAccountId: string }> {
  const { linkSessionId } = await startLinking(PROD_URL, user);
  await pickInModal(linkSessionId, ["checking"]);
  const completed = await api(PROD_URL, user, `/api/link-sessions/${linkSessionId}/complete`);
  expect(completed.status).toBe(200);
  const [account] = await queryDatabase<{ id: string; stripeAccountId: string }>(
    `SELECT id, "stripeAccountId" FROM "LinkedAccount" WHERE "userId" = $1`,
    [user.id],
  );
  await waitUntilQuiet(account!.stripeAccountId);
  return account!;
}

type EmulatorAccount = Record<string, { status?: string } | null | unknown> & { id: string };
type EmulatorEvent = { id: string; data: { object: { id?: string } } };

/**
 * Linking makes Stripe refresh the account and send events about it (to the dev server, the
 * emulator's webhook endpoint). Waits until no refresh is running and every such event has
 * been processed, so the only thing that can touch the account next is the test's own event.
 */
async function waitUntilQuiet(stripeAccountId: string) {
  await expect
    .poll(
      async () => {
        const account = (await (await emulator(`/v1/financial_connections/accounts/${stripeAccountId}`, undefined, "GET")).json()) as EmulatorAccount;
        const refreshes = ["balance_refresh", "ownership_refresh", "transaction_refresh"].map((k) => (account[k] as { status?: string } | null)?.status);
        if (refreshes.includes("pending")) return "refreshing";
        const listed = (await (await emulator(`/v1/events?type=financial_connections.account.*&limit=100`, undefined, "GET")).json()) as { data: EmulatorEvent[] };
        const ids = listed.data.filter((e) => e.data.object.id === stripeAccountId).map((e) => e.id);
        const settled = await queryDatabase<{ n: number }>(
          `SELECT count(*)::int AS n FROM "WebhookEvent" WHERE "stripeEventId" = ANY($1) AND state IN ('processed', 'ignored')`,
          [ids],
        );
        return settled[0]!.n === ids.length ? "quiet" : `${settled[0]!.n} of ${ids.length} events processed`;
      },
      { timeout: 30_000, intervals: [250] },
    )
    .toBe("quiet");
}

/**
 * Makes the stored account disagree with Stripe (inactive here, active there): syncing it
 * from Stripe, which is what any account event does, then records one status change.
 */
async function makeStale(accountId: string) {
  await queryDatabase(`UPDATE "LinkedAccount" SET status = 'inactive' WHERE id = $1`, [accountId]);
}

/**
 * A `financial_connections.account.refreshed_balance` event about the account, as Stripe sends
 * it. It is dated in the second our copy was read: too close to tell which is newer, so the
 * handler must read the account from Stripe (an event clearly newer would be applied from its
 * own account object, one clearly older skipped, and the faults below would never be reached).
 */
async function accountEvent(stripeAccountId: string): Promise<{ id: string; type: string; payload: string }> {
  const account = await (await emulator(`/v1/financial_connections/accounts/${stripeAccountId}`, undefined, "GET")).json();
  const [stored] = await queryDatabase<{ syncedAt: Date }>(`SELECT "syncedAt" FROM "LinkedAccount" WHERE "stripeAccountId" = $1`, [stripeAccountId]);
  const event = {
    id: `evt_e2e_${randomBytes(12).toString("hex")}`,
    object: "event",
    type: "financial_connections.account.refreshed_balance",
    created: Math.floor(new Date(stored!.syncedAt).getTime() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object: account },
  };
  return { id: event.id, type: event.type, payload: JSON.stringify(event) };
}

/** One delivery attempt of `payload`, signed like Stripe at the moment of sending. */
function deliver(base: string, payload: string): Promise<Response> {
  const secret = stackInfo().prodEnv.STRIPE_WEBHOOK_SECRET!.split(",")[0]!.trim();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", secret).update(`${timestamp}.${payload}`).digest("hex");
  return fetch(`${base}/api/webhooks/stripe`, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": `t=${timestamp},v1=${signature}` },
    body: payload,
    signal: AbortSignal.timeout(30_000),
  });
}

async function storedEvent(stripeEventId: string) {
  const rows = await queryDatabase<{ state: string; attempts: number; error: string | null }>(
    `SELECT state, attempts, error FROM "WebhookEvent" WHERE "stripeEventId" = $1`,
    [stripeEventId],
  );
  return rows;
}

/** The event was stored once, processed once, and its effect (one status change) applied once. */
async function expectProcessedOnce(event: { id: string; type: string }, accountId: string) {
  expect(await storedEvent(event.id)).toEqual([{ state: "processed", attempts: 1, error: null }]);
  const changes = await queryDatabase<{ fromStatus: string; toStatus: string; source: string; reason: string }>(
    `SELECT "fromStatus", "toStatus", source::text AS source, reason FROM "AccountStatusChange" WHERE "linkedAccountId" = $1 AND "fromStatus" = 'inactive'`,
    [accountId],
  );
  expect(changes).toEqual([{ fromStatus: "inactive", toStatus: "active", source: "webhook", reason: event.type }]);
  const [account] = await queryDatabase<{ status: string }>(`SELECT status::text AS status FROM "LinkedAccount" WHERE id = $1`, [accountId]);
  expect(account!.status).toBe("active");
}

/** Whether the row is leased: a claim moved its next attempt into the future. */
async function leaseOf(stripeEventId: string) {
  const [row] = await queryDatabase<{ leased: boolean }>(`SELECT "nextAttemptAt" > now() AS leased FROM "WebhookEvent" WHERE "stripeEventId" = $1`, [stripeEventId]);
  return row?.leased;
}

/**
 * The killed instance's lease on the event ends (the test moves it to now rather than waiting
 * its two minutes, and past the grace other instances give the instance that stored an event):
 * an instance still up applies it, once.
 */
async function expectAppliedOnceAfterLease(event: { id: string; type: string; payload: string }, accountId: string) {
  await queryDatabase(`UPDATE "WebhookEvent" SET "nextAttemptAt" = now() - interval '10 seconds' WHERE "stripeEventId" = $1`, [event.id]);
  await expect.poll(async () => (await storedEvent(event.id))[0]?.state, { timeout: 30_000 }).toBe("processed");
  await expectProcessedOnce(event, accountId);
  // A further delivery (Stripe delivers at least once) is acknowledged and changes nothing.
  const again = await deliver(second.url, event.payload);
  expect(await again.json()).toEqual({ received: true, state: "processed", duplicate: true });
  await expectProcessedOnce(event, accountId);
}

test("an instance killed while its queue reads Stripe for a webhook: another instance applies the event once", async () => {
  const user = await newUser();
  const account = await linkedAccount(user);
  await makeStale(account.id);
  const event = await accountEvent(account.stripeAccountId);

  // The handler's read of this account (and nothing else) takes 30 s: the instance is stuck there.
  const fault = await emulator("/_emulator/faults", {
    path: `/v1/financial_connections/accounts/${account.stripeAccountId}`,
    method: "GET",
    action: "delay",
    delay_ms: 30_000,
    count: 1,
  });
  expect(fault.status).toBe(200);
  const { id: faultId } = (await fault.json()) as { id: string };
  faultIds.push(faultId);

  // Answered as soon as it is stored, whatever the read that follows costs.
  const delivery = await deliver(doomed.url, event.payload);
  expect(delivery.status).toBe(200);
  expect(await delivery.json()).toEqual({ received: true, state: "received", duplicate: false });
  // The instance's queue took it and its read is under way (the emulator took the rule: it is delaying that read).
  await expect
    .poll(async () => {
      const [row] = await storedEvent(event.id);
      const rules = (await (await emulator("/_emulator/faults", undefined, "GET")).json()) as { data: { id: string }[] };
      return row && !rules.data.some((r) => r.id === faultId) ? row : null;
    })
    .toEqual({ state: "received", attempts: 0, error: null });

  await doomed.kill("SIGKILL");
  expect(await storedEvent(event.id)).toEqual([{ state: "received", attempts: 0, error: null }]);
  // Nobody else takes it while the dead instance's lease runs.
  expect(await leaseOf(event.id)).toBe(true);

  await expectAppliedOnceAfterLease(event, account.id);
});

test("an instance killed inside its database transaction: the database rolls it back and another instance applies the event once", async () => {
  const user = await newUser();
  const account = await linkedAccount(user);
  await makeStale(account.id);
  const event = await accountEvent(account.stripeAccountId);

  // The outcome's transaction marks the event processed, then locks the account row to write
  // it: stop that instance's connection there, with the first write done and uncommitted.
  const inside = proxy.holdNext((sql) => sql.includes('"LinkedAccount"') && sql.includes("FOR UPDATE"));
  const delivery = await deliver(doomedInTransaction.url, event.payload);
  expect(await delivery.json()).toEqual({ received: true, state: "received", duplicate: false });
  await inside;
  await doomedInTransaction.kill("SIGKILL");

  // The server must have rolled the transaction back: the event is as it was stored, and the
  // account row is not left locked (the next instance would wait for it forever).
  expect(await storedEvent(event.id)).toEqual([{ state: "received", attempts: 0, error: null }]);
  expect(await leaseOf(event.id)).toBe(true);
  await expectAppliedOnceAfterLease(event, account.id);
});

test("two instances complete the same link session at the same moment: one set of accounts", async () => {
  for (let round = 0; round < 3; round++) {
    const user = await newUser();
    // A first click on each instance at once: one Stripe customer for the person.
    const [a, b] = await Promise.all([startLinking(second.url, user), startLinking(PROD_URL, user)]);
    expect(a.linkSessionId).not.toBe(b.linkSessionId);
    const customers = await queryDatabase<{ n: number }>(`SELECT count(*)::int AS n FROM "StripeCustomer" WHERE "userId" = $1`, [user.id]);
    expect(customers[0]!.n).toBe(1);
    const inStripe = (await (await emulator(`/v1/customers?email=${encodeURIComponent(`${user.id}@example.com`)}`, undefined, "GET")).json()) as { data: unknown[] };
    expect(inStripe.data).toHaveLength(1);

    await pickInModal(a.linkSessionId, ["checking", "savings"]);
    const answers = await Promise.all(
      [second.url, PROD_URL].map(async (base) => {
        const response = await api(base, user, `/api/link-sessions/${a.linkSessionId}/complete`);
        return { status: response.status, body: (await response.json()) as Completion };
      }),
    );
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({ status: "succeeded", linked: 2 });
    }
    expect([...answers[0]!.body.accountIds].sort()).toEqual([...answers[1]!.body.accountIds].sort());

    const accounts = await queryDatabase<{ id: string; stripeAccountId: string; replacedById: string | null; linkSessionId: string }>(
      `SELECT id, "stripeAccountId", "replacedById", "linkSessionId" FROM "LinkedAccount" WHERE "userId" = $1`,
      [user.id],
    );
    expect(accounts).toHaveLength(2);
    expect(new Set(accounts.map((x) => x.stripeAccountId)).size).toBe(2);
    expect(accounts.map((x) => x.id).sort()).toEqual([...answers[0]!.body.accountIds].sort());
    for (const x of accounts) expect(x).toMatchObject({ replacedById: null, linkSessionId: a.linkSessionId });
    const [session] = await queryDatabase<{ status: string; accountCount: number }>(
      `SELECT status::text AS status, "accountCount" FROM "LinkSession" WHERE id = $1`,
      [a.linkSessionId],
    );
    expect(session).toEqual({ status: "succeeded", accountCount: 2 });
  }
});

test("the same webhook event delivered to two instances at once is applied once", async () => {
  const user = await newUser();
  const account = await linkedAccount(user);
  for (let round = 0; round < 3; round++) {
    await makeStale(account.id);
    await queryDatabase(`DELETE FROM "AccountStatusChange" WHERE "linkedAccountId" = $1 AND "fromStatus" = 'inactive'`, [account.id]);
    const event = await accountEvent(account.stripeAccountId);
    const answers = (await Promise.all([second.url, PROD_URL].map(async (base) => (await deliver(base, event.payload)).json()))) as Array<{ duplicate: boolean }>;
    // One stored it; the other found it stored (perhaps applied already).
    expect(answers.map((a) => a.duplicate).sort()).toEqual([false, true]);
    await expect.poll(async () => (await storedEvent(event.id))[0]?.state, { timeout: 30_000 }).toBe("processed");
    await expectProcessedOnce(event, account.id);
  }
});

test("the link-session rate limit counts across both instances", async () => {
  const user = await newUser();
  // The production server's LINK_SESSIONS_PER_MINUTE (server/env.ts's default when unset), which the second instance shares.
  const limit = Number(stackInfo().prodEnv.LINK_SESSIONS_PER_MINUTE ?? process.env.LINK_SESSIONS_PER_MINUTE ?? 10);
  const bases = [second.url, PROD_URL];
  for (let i = 0; i < limit; i++) {
    const response = await api(bases[i % 2]!, user, "/api/link-sessions", { attemptId: randomUUID() });
    expect(response.status, `session ${i + 1} of ${limit}`).toBe(201);
  }
  for (const base of bases) {
    const refused = await api(base, user, "/api/link-sessions", { attemptId: randomUUID() });
    expect(refused.status, base).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  }
  const sessions = await queryDatabase<{ n: number }>(`SELECT count(*)::int AS n FROM "LinkSession" WHERE "userId" = $1`, [user.id]);
  expect(sessions[0]!.n).toBe(limit);
});
