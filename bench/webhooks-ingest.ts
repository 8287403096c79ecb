// Webhook ingestion throughput, measured on the path real events take, beside a baseline:
//  1. known accounts (the real path): N signed `refreshed_balance` events (plus duplicate
//     deliveries) for accounts the app stores, posted with C concurrent deliveries through the
//     route handler, which verifies the signature, stores the event once and answers; the
//     webhook queue, running in this process as in a server, reads each account from Stripe
//     (the emulator, over HTTP; one read serves all events of an account in a batch) and writes
//     the account and the outcome in one transaction. Before each round Stripe's balance of
//     every account changes, so every round writes each account row (counted and printed).
//     Timed twice: until every delivery is answered (with each answer's latency), and until
//     every event is applied;
//  2. unknown accounts: the same for accounts of nobody here ("ignored": no Stripe read, no
//     account write), the cheapest path, for comparison;
//  3. baseline: plain single-row INSERTs of event-shaped rows with the same concurrency and a
//     pool as large as the app's (DATABASE_POOL_SIZE, 10 by default).
// Each run warms up (module loading, both pools, the emulator) with uncounted deliveries first,
// and checks that no event was lost, none applied twice and every duplicate was answered as one.
//
//   npx tsx --conditions=react-server bench/webhooks-ingest.ts            # embedded PGlite
//   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx --conditions=react-server bench/webhooks-ingest.ts
//   BENCH_ACCOUNTS=200 BENCH_ROUNDS=10 BENCH_UNKNOWN=2000 BENCH_CONCURRENCY=20 BENCH_DUPLICATES=0.1 BENCH_WARMUP=100
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import Stripe from "stripe";
import { startEmulator } from "../emulator/server";
import { createTestDatabase } from "../test/database";
import { refreshedBalanceEvent } from "./balance-event";
import { inTurn, plainInsertRate } from "./load/plain-inserts";
import { summarize } from "./load/stats";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const UNKNOWN = Number(process.env.BENCH_UNKNOWN ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const DUPLICATES = Number(process.env.BENCH_DUPLICATES ?? 0.1);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100);
const SECRET = "whsec_bench_signing_secret";
const ACCOUNTS_PER_USER = 20;

type Delivery = { body: string; header: string };
type Tally = { statuses: Map<number, number>; duplicates: number; deliveries: number; seconds: number; latencies: number[] };

function percentiles(latencies: number[]): string {
  const s = summarize(latencies);
  return `p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`;
}

/** Every event once, plus `DUPLICATES` of them again, shuffled; each signed as Stripe would. */
function deliveriesOf(payloads: string[]): Delivery[] {
  const order = [...payloads.keys()];
  for (let i = 0; i < Math.round(payloads.length * DUPLICATES); i++) order.push(Math.floor((i * 7919) % payloads.length));
  order.sort(() => Math.random() - 0.5);
  return order.map((i) => ({ body: payloads[i]!, header: Stripe.webhooks.generateTestHeaderString({ payload: payloads[i]!, secret: SECRET }) }));
}

async function main() {
  const database = await createTestDatabase();
  const emulator = await startEmulator({ port: 0, persist: false, refreshDelayMs: 0 });
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    STRIPE_SECRET_KEY: "sk_test_bench",
    STRIPE_API_BASE: emulator.url,
    STRIPE_WEBHOOK_SECRET: SECRET,
    LINK_SESSIONS_PER_MINUTE: "1000",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
  });
  const { POST } = await import("../app/api/webhooks/stripe/route");
  const { startWebhookQueue, stopWebhookQueue } = await import("@/server/webhooks/webhook-queue");
  startWebhookQueue();
  const { prisma, disconnectPrisma } = await import("@/server/db/client");
  const { createLinkSession } = await import("@/server/linking/create-link-session");
  const { completeLinkSession } = await import("@/server/linking/complete-link-session");
  const appPool = Number(process.env.DATABASE_POOL_SIZE) || 10;
  const kind = process.env.TEST_DATABASE_URL ? "PostgreSQL server (TEST_DATABASE_URL)" : "embedded PGlite";
  const stripe = new Stripe("sk_test_bench", { host: "127.0.0.1", port: emulator.port, protocol: "http" });

  const post = async ({ body, header }: Delivery, tally?: Tally) => {
    const sent = performance.now();
    const response = await POST(new Request("http://bench/api/webhooks/stripe", { method: "POST", headers: { "stripe-signature": header, "content-type": "application/json" }, body }));
    const answer = (await response.json()) as { duplicate?: boolean };
    if (!tally) return;
    tally.latencies.push(performance.now() - sent);
    tally.statuses.set(response.status, (tally.statuses.get(response.status) ?? 0) + 1);
    if (answer.duplicate) tally.duplicates++;
  };
  const run = async (deliveries: Delivery[], tally: Tally) => {
    const started = performance.now();
    await inTurn(deliveries, CONCURRENCY, (d) => post(d, tally));
    tally.seconds += (performance.now() - started) / 1000;
    tally.deliveries += deliveries.length;
  };
  const newTally = (): Tally => ({ statuses: new Map(), duplicates: 0, deliveries: 0, seconds: 0, latencies: [] });
  /** Waits until no event whose Stripe id starts with `prefix` is still waiting for the queue. */
  const applied = async (prefix: string) => {
    while ((await prisma.webhookEvent.count({ where: { stripeEventId: { startsWith: prefix }, state: { in: ["received", "failed"] } } })) > 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  // Known accounts, linked through the app's own code (users of ACCOUNTS_PER_USER accounts each).
  const accounts: { stripeAccountId: string; customerId: string }[] = [];
  for (let u = 0; accounts.length < ACCOUNTS; u++) {
    const user = await prisma.user.create({ data: { email: `bench-webhooks-${u}-${randomUUID()}@example.com` } });
    const { linkSessionId } = await createLinkSession(user, `bench-${u}`);
    const { stripeSessionId } = await prisma.linkSession.findUniqueOrThrow({ where: { id: linkSessionId } });
    const count = Math.min(ACCOUNTS_PER_USER, ACCOUNTS - accounts.length);
    await fetch(`${emulator.url}/_emulator/test_helpers/sessions/${stripeSessionId}/complete`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ institution: "test_institution", accounts: ["checking"], count }),
    });
    await completeLinkSession(user.id, linkSessionId);
    const { stripeCustomerId } = await prisma.stripeCustomer.findFirstOrThrow({ where: { userId: user.id } });
    for (const a of await prisma.linkedAccount.findMany({ where: { userId: user.id }, select: { stripeAccountId: true } })) {
      accounts.push({ stripeAccountId: a.stripeAccountId, customerId: stripeCustomerId });
    }
  }
  const knownEvent = (id: string, a: (typeof accounts)[number]) =>
    refreshedBalanceEvent({ id, accountId: a.stripeAccountId, customerId: a.customerId, created: Math.floor(Date.now() / 1000), lastAttemptedAt: Math.floor(Date.now() / 1000) });
  const unknownEvent = (i: number) =>
    refreshedBalanceEvent({ id: `evt_bench_unknown_${i}`, accountId: `fca_bench_${i}`, customerId: `cus_not_ours_${i % 50}`, created: Math.floor(Date.now() / 1000), lastAttemptedAt: 1 });
  /** Stripe's balance of every account changes: the next event of each must write its row. */
  const refreshAtStripe = async () => {
    await inTurn(accounts, 10, async (a) => void (await stripe.financialConnections.accounts.refresh(a.stripeAccountId, { features: ["balance"] })));
    // The emulator finishes a refresh on its next tick (refreshDelayMs 0): let it, before the events say so.
    await new Promise((resolve) => setTimeout(resolve, 100));
  };

  // Warm-up: WARMUP deliveries on each path and WARMUP baseline inserts, none counted.
  await refreshAtStripe();
  await inTurn(
    Array.from({ length: WARMUP }, (_, i) => ({ body: knownEvent(`evt_bench_warm_known_${i}`, accounts[i % accounts.length]!), header: "" })),
    CONCURRENCY,
    (d) => post({ body: d.body, header: Stripe.webhooks.generateTestHeaderString({ payload: d.body, secret: SECRET }) }),
  );
  await inTurn(
    Array.from({ length: WARMUP }, (_, i) => unknownEvent(-1 - i)),
    CONCURRENCY,
    (body) => post({ body, header: Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET }) }),
  );

  await applied("evt_bench_warm_");

  // 1. Known accounts, ROUNDS rounds of one event per account. Stripe reads of accounts are
  // counted by the emulator (a zero-delay fault rule that counts down).
  const readCounter = emulator.emu.faults.add({ path: "/v1/financial_connections/accounts/*", method: "GET", action: "delay", delay_ms: 0, count: 1e9 });
  const known = newTally();
  let accountWrites = 0;
  let appliedSeconds = 0;
  for (let round = 0; round < ROUNDS; round++) {
    await refreshAtStripe();
    const before = new Date();
    const roundStarted = performance.now();
    await run(deliveriesOf(accounts.map((a, i) => knownEvent(`evt_bench_known_${round}_${i}`, a))), known);
    await applied(`evt_bench_known_${round}_`);
    appliedSeconds += (performance.now() - roundStarted) / 1000;
    accountWrites += await prisma.linkedAccount.count({ where: { syncedAt: { gte: before } } });
  }
  const knownEvents = ACCOUNTS * ROUNDS;
  const stripeReads = 1e9 - (emulator.emu.faults.describe().find((r) => r.id === readCounter.id)?.remaining ?? 1e9);
  emulator.emu.faults.remove(readCounter.id);

  // 2. Unknown accounts.
  const unknown = newTally();
  await run(deliveriesOf(Array.from({ length: UNKNOWN }, (_, i) => unknownEvent(i))), unknown);
  await applied("evt_bench_unknown_");

  // 3. Baseline: plain INSERTs, the app's pool size.
  const baseline = await plainInsertRate(database.url, Array.from({ length: knownEvents }, (_, i) => knownEvent(`evt_plain_${i}`, accounts[i % accounts.length]!)), {
    concurrency: CONCURRENCY,
    poolSize: appPool,
    warmup: WARMUP,
  });
  const insertSeconds = baseline.seconds;

  // Checks: every event stored once, applied once; duplicates answered as such; balances as at Stripe.
  const storedKnown = await prisma.webhookEvent.count({ where: { stripeEventId: { startsWith: "evt_bench_known_" } } });
  const onceKnown = await prisma.webhookEvent.count({ where: { stripeEventId: { startsWith: "evt_bench_known_" }, attempts: 1, state: "processed" } });
  const storedUnknown = await prisma.webhookEvent.count({ where: { stripeEventId: { startsWith: "evt_bench_unknown_" }, NOT: { stripeEventId: { startsWith: "evt_bench_unknown_-" } } } });
  const onceUnknown = await prisma.webhookEvent.count({ where: { stripeEventId: { startsWith: "evt_bench_unknown_" }, NOT: { stripeEventId: { startsWith: "evt_bench_unknown_-" } }, attempts: 1, state: "ignored" } });

  let balancesOff = 0;
  for (const a of accounts) {
    const remote = await stripe.financialConnections.accounts.retrieve(a.stripeAccountId);
    const stored = await prisma.linkedAccount.findUniqueOrThrow({ where: { stripeAccountId: a.stripeAccountId } });
    if (stored.balanceCurrent !== BigInt(remote.balance!.current.usd!)) balancesOff++;
  }
  const ok =
    storedKnown === knownEvents &&
    onceKnown === knownEvents &&
    storedUnknown === UNKNOWN &&
    onceUnknown === UNKNOWN &&
    known.duplicates === known.deliveries - knownEvents &&
    unknown.duplicates === unknown.deliveries - UNKNOWN &&
    accountWrites === knownEvents &&
    balancesOff === 0;

  const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString("en-US")}/s`;
  const statuses = (t: Tally) => [...t.statuses].map(([s, n]) => `${s}×${n}`).join(", ");
  console.log(`database: ${kind}; app pool ${appPool} connections (DATABASE_POOL_SIZE), baseline pool ${appPool}; ${CONCURRENCY} concurrent deliveries; ${DUPLICATES * 100}% duplicate deliveries`);
  console.log(`load average (1/5/15 min): ${loadavg().map((l) => l.toFixed(2)).join(" / ")}`);
  console.log(`warm-up (not counted): ${WARMUP} deliveries on each path and ${WARMUP} baseline inserts`);
  console.log(
    `known accounts, answered (verify, store, answer): ${knownEvents} events (${ACCOUNTS} accounts x ${ROUNDS} rounds) + ${known.deliveries - knownEvents} duplicates in ${known.seconds.toFixed(2)} s = ${rate(known.deliveries, known.seconds)} deliveries; answer latency ${percentiles(known.latencies)}`,
  );
  console.log(
    `known accounts, applied (queue: read account from Stripe = emulator over HTTP, write account + outcome): ${knownEvents} events in ${appliedSeconds.toFixed(2)} s = ${rate(knownEvents, appliedSeconds)} events; account rows written ${accountWrites}/${knownEvents}; Stripe account reads ${stripeReads} (${(stripeReads / knownEvents).toFixed(2)} per event)`,
  );
  console.log(
    `unknown accounts ("ignored" path: verify, store, look up, record; no Stripe read, no account write): ${UNKNOWN} events + ${unknown.deliveries - UNKNOWN} duplicates in ${unknown.seconds.toFixed(2)} s = ${rate(unknown.deliveries, unknown.seconds)} deliveries, ${rate(UNKNOWN, unknown.seconds)} events`,
  );
  console.log(`plain INSERT baseline (one INSERT per event-shaped row, same concurrency, pool ${appPool}): ${knownEvents} rows in ${insertSeconds.toFixed(2)} s = ${rate(knownEvents, insertSeconds)}`);
  console.log(
    `ratios: events applied ${(insertSeconds / appliedSeconds).toFixed(2)}x the plain insert rate; deliveries answered ${(insertSeconds / known.seconds).toFixed(2)}x; ignored path answered ${((UNKNOWN / unknown.seconds / (knownEvents / insertSeconds)) * 100).toFixed(0)}%`,
  );
  console.log(`responses: known ${statuses(known)} (${known.duplicates} answered as duplicate); unknown ${statuses(unknown)} (${unknown.duplicates} answered as duplicate)`);
  console.log(
    `checks: known stored ${storedKnown}/${knownEvents}, applied once ${onceKnown}; unknown stored ${storedUnknown}/${UNKNOWN}, recorded once ${onceUnknown}; stored balances differing from Stripe ${balancesOff} -> ${ok ? "OK" : "FAILED"}`,
  );

  stopWebhookQueue();
  await disconnectPrisma();
  await emulator.close();
  await database.drop();
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
