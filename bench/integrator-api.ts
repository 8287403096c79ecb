// Integrator API (/api/v1) read latency, printed (not a test). One integration with 1,000 linked
// accounts over 100 of its users and 100,000 transactions (100 per account), beside another
// integration just as large (the same external ids, so every read must be scoped), seeded with
// bulk SQL into a fresh database. Then, over HTTP against the production build (`next start`)
// with the integration's API key, sequentially and with BENCH_CONCURRENCY (8) in flight, each
// after a warm-up: p50/p95/p99 and requests per second of
//  - GET /users/{external_id}/accounts?limit=10 (users of 10 accounts) and ?limit=100 (a user of 100),
//  - GET /accounts/{id},
//  - GET /accounts/{id}/transactions/sync?count=100: the first page (no cursor), the next page
//    (a cursor half-way through the account's history) and a caught-up poll (nothing new);
//  - GET /api/health beside them, for scale: what any request to the server costs here;
// then the reads behind the account list, the account and a sync page called in this process
// (no HTTP), with EXPLAIN (ANALYZE, BUFFERS) of every statement they send.
// The key's rate limit is lifted for the run (API_REQUESTS_PER_MINUTE=1000000).
//
// Run: npm run build && npm run bench:api
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:api   # a fresh database on that server, dropped afterwards
//   (DATABASE_URL unset: an in-memory embedded PGlite.) BENCH_N (300 samples per line), BENCH_WARMUP (30),
//   BENCH_CONCURRENCY (8), BENCH_APP_DIR: the checkout whose .next build is served (default: this one).
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { explain, installRecordingPrisma, shortSql, type StatementRecorder } from "./api/explain";
import { apiClient, measure, type ApiClient } from "./api/http";
import { accountIdsOf, externalIdOf, rowCounts, seedIntegration } from "./api/seed";
import { startLoadStack } from "./load/stack";
import { loadAverage, summarize } from "./load/stats";

const SAMPLES = Number(process.env.BENCH_N ?? 300);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 30);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const APP_DIR = path.resolve(process.env.BENCH_APP_DIR ?? fileURLToPath(new URL("..", import.meta.url)));

// user_000 has 100 accounts (a full page at limit=100), user_001…user_090 10 each, user_091…user_099
// none yet: 1,000 accounts over 100 users.
const HEAVY_USER = 0;
const TEN_ACCOUNT_USERS = Array.from({ length: 90 }, (_, i) => i + 1);
const ACCOUNTS_PER_USER = [100, ...TEN_ACCOUNT_USERS.map(() => 10), ...Array<number>(9).fill(0)];
const TRANSACTIONS_PER_ACCOUNT = 100;
/** Accounts whose sync cursors are taken once (through the API) for the cursor cases. */
const CURSOR_ACCOUNTS = 50;

type SyncPage = { added: unknown[]; modified: unknown[]; removed: unknown[]; next_cursor: string; has_more: boolean };

async function main() {
  // bench/load/stack.ts serves the `.next` of the working directory and migrates from its
  // prisma/migrations, so the database matches the build; `next start` inherits our environment.
  process.chdir(APP_DIR);
  process.env.API_REQUESTS_PER_MINUTE = "1000000";
  let closeStack: (() => Promise<void>) | undefined;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void (closeStack?.() ?? Promise.resolve()).finally(() => process.exit(130)));
  }
  console.log(`integrator API bench: ${SAMPLES} samples per line after ${WARMUP} warm-up requests, sequential and ${CONCURRENCY} in flight (${loadAverage()})`);
  // autoComplete is for link flows, which this bench does not run.
  const stack = await startLoadStack({ autoComplete: { institution: "test_institution", accounts: ["checking"] }, linkSessionsPerMinute: 1000 }, (close) => (closeStack = close));
  console.log(`  app: next start (production build of ${APP_DIR}) at ${stack.appUrl}, log in ${stack.serverLog}`);
  console.log(`  database: ${stack.databaseKind}`);

  const recorder = installRecordingPrisma(stack.databaseUrl);
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const { measured, other } = await seed(db);
    const api = apiClient(stack.appUrl, measured.secret);
    const inputs = await prepare(api, db, measured.integrationId, other.integrationId);

    console.log(`\nHTTP on loopback, one line per request shape (latency until the body is read); GET /api/health (no key; a database check) for scale`);
    const cases: [string, (i: number) => string][] = [
      ["GET /api/health (baseline)", () => `${stack.appUrl}/api/health`],
      ["GET /users/{id}/accounts?limit=10 (10 accts)", (i) => api.url(`/users/${externalIdOf(TEN_ACCOUNT_USERS[i % TEN_ACCOUNT_USERS.length]!)}/accounts?limit=10`)],
      ["GET /users/{id}/accounts?limit=100 (100 accts)", () => api.url(`/users/${externalIdOf(HEAVY_USER)}/accounts?limit=100`)],
      ["GET /accounts/{id}", (i) => api.url(`/accounts/${inputs.accounts[i % inputs.accounts.length]}`)],
      ["GET …/transactions/sync?count=100 first page", (i) => api.url(`/accounts/${inputs.accounts[i % inputs.accounts.length]}/transactions/sync?count=100`)],
      ["GET …/transactions/sync?count=100 next page", (i) => api.url(syncPath(inputs.halfway[i % inputs.halfway.length]!))],
      ["GET …/transactions/sync caught up (empty)", (i) => api.url(syncPath(inputs.caughtUp[i % inputs.caughtUp.length]!))],
    ];
    for (const [label, urlAt] of cases) {
      for (const concurrency of [1, CONCURRENCY]) console.log(await measure(label, urlAt, api.headers, { samples: SAMPLES, warmup: WARMUP, concurrency }));
    }

    await explainReads(recorder, db, measured.integrationId, inputs);
  } finally {
    await db.end().catch(() => {});
    const { disconnectPrisma } = await import("@/server/db/client");
    await disconnectPrisma().catch(() => {});
    await closeStack?.();
  }
}

const syncPath = ({ account, cursor }: { account: string; cursor: string }) => `/accounts/${account}/transactions/sync?count=100&cursor=${cursor}`;

/** An admin, two integrations (each from createApiKey, as the admin page makes them) and their data. */
async function seed(db: pg.Client) {
  const { createApiKey } = await import("@/server/api-keys/manage-api-keys");
  const { rows } = await db.query<{ id: string; role: "admin" }>(`INSERT INTO "User" (id, email, role, "updatedAt") VALUES ('bench_admin', 'admin@bench.test', 'admin', now()) RETURNING id, role`);
  const admin = rows[0]!;
  const integration = async (name: string) => {
    const key = await createApiKey(admin, { name, redirect_uris: ["benchapp://linked"] });
    const { rows: found } = await db.query<{ integrationId: string }>(`SELECT "integrationId" FROM "ApiKey" WHERE id = $1`, [key.id]);
    return { secret: key.secret, apiKeyId: key.id, integrationId: found[0]!.integrationId };
  };
  const measured = await integration("Bench budget app");
  const other = await integration("Another integrator");

  console.log(`\nseeding 2 integrations × ${ACCOUNTS_PER_USER.length} users, ${sum(ACCOUNTS_PER_USER).toLocaleString("en-US")} accounts, ${TRANSACTIONS_PER_ACCOUNT} transactions per account`);
  const started = performance.now();
  for (const [prefix, target] of [["bench_a", measured], ["bench_b", other]] as const) {
    const steps = await seedIntegration(db, { prefix, ...target, accountsPerUser: ACCOUNTS_PER_USER, transactionsPerAccount: TRANSACTIONS_PER_ACCOUNT });
    console.log(`  ${prefix}: ${steps.map((s) => `${s.step} ${(s.ms / 1000).toFixed(1)} s`).join(", ")}`);
  }
  const analyzing = performance.now();
  // VACUUM too, as autovacuum would have by now: hint bits and the visibility map set.
  for (const table of ["User", "ExternalUser", "LinkedAccount", "AccountOwner", "AccountTransaction"]) await db.query(`VACUUM ANALYZE "${table}"`);
  console.log(`  VACUUM ANALYZE ${((performance.now() - analyzing) / 1000).toFixed(1)} s; seeding in all ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`  rows: ${await rowCounts(db, measured.integrationId)}`);
  return { measured, other };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

type Inputs = { accounts: string[]; halfway: { account: string; cursor: string }[]; caughtUp: { account: string; cursor: string }[] };

/**
 * The ids and cursors the cases use, taken through the API as an integrator would, with checks
 * that the answers are what the data says (so no line measures an error or an empty answer).
 */
async function prepare(api: ApiClient, db: pg.Client, integrationId: string, otherIntegrationId: string): Promise<Inputs> {
  const accounts = await accountIdsOf(db, integrationId);
  const others = await accountIdsOf(db, otherIntegrationId);
  const problems: string[] = [];
  const heavy = await api.get<{ data: { id: string }[]; has_more: boolean }>(`/users/${externalIdOf(HEAVY_USER)}/accounts?limit=100`);
  const ours = new Set(accounts);
  if (heavy.data.length !== 100 || heavy.has_more || !heavy.data.every((a) => ours.has(a.id))) problems.push(`limit=100 listed ${heavy.data.length} accounts, not the user's 100`);
  const foreign = await api.status(`/accounts/${others[0]}`);
  if (foreign !== 404) problems.push(`another integration's account answered ${foreign}, not 404`);

  const halfway: Inputs["halfway"] = [];
  const caughtUp: Inputs["caughtUp"] = [];
  const voided = Math.floor(TRANSACTIONS_PER_ACCOUNT / 20);
  for (const account of accounts.slice(0, CURSOR_ACCOUNTS)) {
    const half = await api.get<SyncPage>(`/accounts/${account}/transactions/sync?count=${TRANSACTIONS_PER_ACCOUNT / 2}`);
    const all = await api.get<SyncPage>(`/accounts/${account}/transactions/sync?count=100`);
    const rest = await api.get<SyncPage>(syncPath({ account, cursor: half.next_cursor }));
    if (!half.has_more || all.has_more || all.added.length !== TRANSACTIONS_PER_ACCOUNT - voided || half.added.length + rest.added.length !== all.added.length) {
      problems.push(`sync of ${account}: ${half.added.length} + ${rest.added.length} added by pages, ${all.added.length} at once`);
    }
    halfway.push({ account, cursor: half.next_cursor });
    caughtUp.push({ account, cursor: all.next_cursor });
  }
  if (problems.length > 0) throw new Error(`unexpected answers:\n  ${problems.join("\n  ")}`);
  console.log(
    `  checked: a user's 100 accounts in one page; another integration's account is a 404; a first sync page of 100 changes holds ` +
      `${TRANSACTIONS_PER_ACCOUNT - voided} added (the ${voided} voided never sent), two pages of 50 the same`,
  );
  return { accounts, halfway, caughtUp };
}

/**
 * The app's own read functions, called in this process (no HTTP, no key check, no rate limit):
 * their p50 over 100 calls, then each statement they sent, explained.
 */
async function explainReads(recorder: StatementRecorder, db: pg.Client, integrationId: string, inputs: Inputs) {
  const { listIntegrationUserAccounts, getIntegrationAccount } = await import("@/server/integrations/integration-accounts");
  const { syncAccountTransactions } = await import("@/server/integrations/transactions-sync");
  const { account, cursor } = inputs.halfway[0]!;
  const reads: [string, () => Promise<unknown>][] = [
    ["account list, user_001 limit=10 (listIntegrationUserAccounts)", () => listIntegrationUserAccounts(integrationId, externalIdOf(1), { limit: 10 }, "/bench")],
    ["account list, user_000 limit=100", () => listIntegrationUserAccounts(integrationId, externalIdOf(HEAVY_USER), { limit: 100 }, "/bench")],
    ["account read (getIntegrationAccount: GET /accounts/{id}, and first in every sync)", () => getIntegrationAccount(integrationId, account)],
    ["sync page, first: no cursor, count=100 (syncAccountTransactions)", () => syncAccountTransactions(account, { count: 100 })],
    ["sync page, next: cursor half-way, count=100", () => syncAccountTransactions(account, { cursor, count: 100 })],
  ];
  console.log(`\nthe reads in this process, then EXPLAIN (ANALYZE, BUFFERS) of each statement they send (warm: the third run)`);
  for (const [label, read] of reads) {
    for (let i = 0; i < 10; i++) await read();
    const latencies: number[] = [];
    for (let i = 0; i < 100; i++) {
      const started = performance.now();
      await read();
      latencies.push(performance.now() - started);
    }
    const statements = await recorder.record(read);
    console.log(`  ${label}: p50 ${summarize(latencies).p50.toFixed(2)} ms in-process, ${statements.length} statement${statements.length === 1 ? "" : "s"}`);
    for (const statement of statements) {
      console.log(`    ${shortSql(statement.sql)}`);
      for (const line of await explain(db, statement)) console.log(`      ${line}`);
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
