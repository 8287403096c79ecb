// Webhook ingestion throughput: N signed events (plus 10% duplicate deliveries) posted with
// C concurrent deliveries through the real route handler, beside the rate of plain INSERTs of
// the same rows into the same database, in the same run; then checks that no event was lost
// and none was applied twice. The events are account events for accounts of nobody here, so
// the handler runs its lookups and records "ignored" without calling Stripe.
//
//   npx tsx --conditions=react-server bench/webhooks-ingest.ts            # embedded PGlite
//   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx --conditions=react-server bench/webhooks-ingest.ts
//   BENCH_N=5000 BENCH_CONCURRENCY=20 BENCH_DUPLICATES=0.1
import pg from "pg";
import Stripe from "stripe";
import { createTestDatabase } from "../test/database";
import { refreshedBalanceEvent } from "./balance-event";

const N = Number(process.env.BENCH_N ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const DUPLICATES = Number(process.env.BENCH_DUPLICATES ?? 0.1);
const SECRET = "whsec_bench_signing_secret";

async function pool<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

function event(i: number) {
  return refreshedBalanceEvent({
    id: `evt_bench_${i.toString().padStart(8, "0")}`,
    accountId: `fca_bench_${i}`,
    customerId: `cus_not_ours_${i % 50}`,
    created: Math.floor(Date.now() / 1000),
    lastAttemptedAt: 1,
  });
}

async function main() {
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.STRIPE_SECRET_KEY = "sk_test_bench";
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
  const { POST } = await import("../app/api/webhooks/stripe/route");
  const { prisma, disconnectPrisma } = await import("../lib/db/client");
  const kind = process.env.TEST_DATABASE_URL ? "PostgreSQL server (TEST_DATABASE_URL)" : "embedded PGlite";

  const payloads = Array.from({ length: N }, (_, i) => event(i));
  const deliveries = [...payloads.keys()];
  for (let i = 0; i < Math.round(N * DUPLICATES); i++) deliveries.push(Math.floor((i * 7919) % N));
  deliveries.sort(() => Math.random() - 0.5);
  const signed = deliveries.map((i) => ({ body: payloads[i]!, header: Stripe.webhooks.generateTestHeaderString({ payload: payloads[i]!, secret: SECRET }) }));

  // Warm up (module loading, connection pool) with one event that is not counted.
  const warm = event(-1).replace("evt_bench_000000-1", "evt_warmup");
  await POST(new Request("http://bench/", { method: "POST", headers: { "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: warm, secret: SECRET }) }, body: warm }));

  const statuses = new Map<number, number>();
  let duplicates = 0;
  let started = performance.now();
  await pool(signed, CONCURRENCY, async ({ body, header }) => {
    const response = await POST(new Request("http://bench/api/webhooks/stripe", { method: "POST", headers: { "stripe-signature": header, "content-type": "application/json" }, body }));
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (((await response.json()) as { duplicate?: boolean }).duplicate) duplicates++;
  });
  const webhookSeconds = (performance.now() - started) / 1000;

  // The same rows as plain single-row INSERTs, same concurrency, same pool size as the app.
  const plain = new pg.Pool({ connectionString: database.url, max: 5 });
  await plain.query(`CREATE TABLE bench_plain_insert (LIKE "WebhookEvent" INCLUDING ALL)`);
  const rows = payloads.map((p, i) => ({ id: `bench_${i}`, event: JSON.parse(p) as { id: string; type: string; created: number } }));
  started = performance.now();
  await pool(rows, CONCURRENCY, async ({ id, event: e }) => {
    await plain.query(
      `INSERT INTO bench_plain_insert (id, "stripeEventId", type, "stripeObjectId", livemode, payload, state, attempts, "stripeCreated", "receivedAt", "processedAt")
       VALUES ($1, $2, $3, $4, false, $5, 'ignored', 1, to_timestamp($6), now(), now())`,
      [id, e.id, e.type, `fca_${id}`, JSON.stringify(e), e.created],
    );
  });
  const insertSeconds = (performance.now() - started) / 1000;
  await plain.end();

  const stored = await prisma.webhookEvent.count({ where: { stripeEventId: { startsWith: "evt_bench_0" } } });
  const appliedOnce = await prisma.webhookEvent.count({ where: { stripeEventId: { startsWith: "evt_bench_0" }, attempts: 1, state: "ignored" } });
  const lost = N - stored;
  const twice = stored - appliedOnce;

  const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString("en-US")}/s`;
  console.log(`database: ${kind}; ${N} events + ${deliveries.length - N} duplicate deliveries, concurrency ${CONCURRENCY}`);
  console.log(`  webhook ingestion: ${deliveries.length} deliveries in ${webhookSeconds.toFixed(2)} s = ${rate(deliveries.length, webhookSeconds)} deliveries, ${rate(N, webhookSeconds)} unique events`);
  console.log(`  plain INSERTs:     ${N} rows in ${insertSeconds.toFixed(2)} s = ${rate(N, insertSeconds)}`);
  console.log(`  ratio: ingestion is ${((N / webhookSeconds / (N / insertSeconds)) * 100).toFixed(0)}% of the plain insert rate`);
  console.log(`  responses: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")}; acknowledged as duplicate: ${duplicates}`);
  console.log(`  stored ${stored}/${N}: lost ${lost}, applied more than once ${twice} -> ${lost === 0 && twice === 0 ? "OK" : "FAILED"}`);

  await disconnectPrisma();
  await database.drop();
  process.exit(lost === 0 && twice === 0 && duplicates === deliveries.length - N ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
