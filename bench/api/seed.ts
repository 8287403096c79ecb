// The data of one integration for bench/integrator-api.ts, written with bulk SQL: its users
// (User rows without an email, each named by an ExternalUser row in the integration's namespace),
// for each user with accounts one finished hosted link (a LinkToken its key minted and the
// LinkSession the hosted page opened with it), the accounts that link brought, with one owner
// each, and every account's transactions. The API sees only accounts linked through links the
// integration's keys minted (server/integrations/integration-accounts.ts), so every account points
// at its user's session. The transactions go through the table's BEFORE INSERT trigger
// (account_transaction_change_seq), which numbers them for the sync and takes each account's row
// lock, as every real write does.
import pg from "pg";

export type IntegrationShape = {
  /** Starts every row id of this integration, so two integrations never collide. */
  prefix: string;
  apiKeyId: string;
  integrationId: string;
  /** Linked accounts of each user, in order: user_000 has the first count, user_001 the next… */
  accountsPerUser: number[];
  transactionsPerAccount: number;
};

/** external_id of the user at `index`: the same names in every integration, so scoping matters. */
export const externalIdOf = (index: number) => `user_${String(index).padStart(3, "0")}`;

/**
 * FROM clause of the accounts integration $1 sees, as server/integrations/integration-accounts.ts
 * scopes them: linked through a session its keys minted, of a user its external ids name.
 */
const INTEGRATION_ACCOUNTS = `"LinkedAccount" a
       JOIN "LinkToken" lt ON lt."linkSessionId" = a."linkSessionId"
       JOIN "ApiKey" k ON k.id = lt."apiKeyId" AND k."integrationId" = $1
       JOIN "ExternalUser" e ON e."userId" = a."userId" AND e.namespace = $1`;

/** Writes the integration's rows (one transaction per table) and returns how long each took. */
export async function seedIntegration(db: pg.ClientBase, shape: IntegrationShape): Promise<{ step: string; ms: number }[]> {
  const { prefix, apiKeyId, integrationId, accountsPerUser, transactionsPerAccount } = shape;
  const steps: { step: string; ms: number }[] = [];
  const step = async (name: string, sql: string, params: unknown[]) => {
    const started = performance.now();
    await db.query(sql, params);
    steps.push({ step: name, ms: performance.now() - started });
  };
  // Ids shaped like the app's cuids (c + 24 characters), spread over the index as theirs are.
  const userId = (n: string) => `'c' || left(md5($1 || '_usr_' || ${n}), 24)`;
  const accountId = (n: string) => `'c' || left(md5($1 || '_acc_' || ${n}), 24)`;
  const sessionId = (n: string) => `'c' || left(md5($1 || '_ses_' || ${n}), 24)`;

  await step(
    "users + external ids",
    `WITH users AS (
       INSERT INTO "User" (id, "updatedAt")
       SELECT ${userId("u")}, now() FROM generate_series(0, $2::int - 1) u
       RETURNING id)
     INSERT INTO "ExternalUser" (id, "apiKeyId", namespace, "externalId", "userId")
     SELECT 'c' || left(md5($1 || '_ext_' || u), 24), $3, $4, 'user_' || lpad(u::text, 3, '0'), ${userId("u")}
       FROM generate_series(0, $2::int - 1) u`,
    [prefix, accountsPerUser.length, apiKeyId, integrationId],
  );
  // n numbers the accounts 1…total; account n was linked n minutes ago. A user's link: the token
  // minted by the integration's key (its redirect URI the integration's first allowed one), used
  // a minute later to open the session, which finished when the user's newest account arrived.
  await step(
    "link tokens + link sessions",
    `WITH users AS (
       SELECT u.ord - 1 AS u, u.count, sum(u.count) OVER (ORDER BY u.ord) AS last_n
         FROM unnest($2::int[]) WITH ORDINALITY AS u(count, ord)
        WHERE u.count > 0),
     links AS (
       SELECT u, count, ${userId("u")} AS user_id, ${sessionId("u")} AS session_id, 'c' || left(md5($1 || '_tok_' || u), 24) AS token_id,
              now() - (last_n + 2) * interval '1 minute' AS minted_at, now() - (last_n - count + 1) * interval '1 minute' AS completed_at
         FROM users),
     tokens AS (
       INSERT INTO "LinkToken" (id, "tokenHash", "userId", "apiKeyId", "redirectUri", permissions, "expiresAt", "usedAt", "linkSessionId", "createdAt")
       SELECT token_id, encode(sha256(convert_to($1 || '_token_' || u, 'UTF8')), 'hex'), user_id, $3,
              (SELECT i."redirectUris"[1] FROM "Integration" i WHERE i.id = $4), ARRAY['balances', 'ownership', 'transactions', 'payment_method'],
              minted_at + interval '15 minutes', minted_at + interval '1 minute', session_id, minted_at
         FROM links)
     INSERT INTO "LinkSession" (id, "userId", "attemptId", "stripeSessionId", mode, status, "requestedPermissions", "accountCount", "createdAt", "completedAt")
     SELECT session_id, user_id, 'hosted:' || token_id, 'fcsess_' || $1 || '_' || u, 'test'::"StripeMode", 'succeeded'::"LinkSessionStatus",
            ARRAY['balances', 'ownership', 'transactions', 'payment_method'], count, minted_at + interval '1 minute', completed_at
       FROM links`,
    [prefix, accountsPerUser, apiKeyId, integrationId],
  );
  await step(
    "linked accounts + owners",
    `WITH numbered AS (
       SELECT u.ord - 1 AS u, row_number() OVER (ORDER BY u.ord, s) AS n
         FROM unnest($2::int[]) WITH ORDINALITY AS u(count, ord)
         CROSS JOIN LATERAL generate_series(1, u.count) s),
     accounts AS (
       INSERT INTO "LinkedAccount" (id, "userId", "linkSessionId", "stripeAccountId", mode, "institutionName", "displayName", last4, category, subcategory, status,
         permissions, "supportedPaymentMethodTypes", subscriptions, "ownershipId", "balanceCurrency", "balanceCurrent", "balanceAvailable", "balanceType",
         "balanceAsOf", "balanceRefreshStatus", "balanceRefreshAttemptedAt", "ownershipRefreshStatus", "ownershipRefreshAttemptedAt",
         "transactionRefreshStatus", "transactionRefreshAttemptedAt", "stripeCreatedAt", "createdAt", "updatedAt")
       SELECT ${accountId("n")}, ${userId("u")}, ${sessionId("u")}, 'fca_' || $1 || '_' || n, 'test'::"StripeMode",
              (ARRAY['Chase', 'Wells Fargo', 'Bank of America', 'Citibank'])[1 + n % 4], 'Everyday checking', lpad((n * 7919 % 10000)::text, 4, '0'),
              'cash', 'checking', 'active'::"LinkedAccountStatus", ARRAY['balances', 'ownership', 'transactions', 'payment_method'], ARRAY['us_bank_account'],
              ARRAY['transactions'], 'fcaowns_' || $1 || '_' || n, 'usd', 250000 + n, 240000 + n, 'cash',
              now() - interval '1 hour', 'succeeded'::"RefreshStatus", now() - interval '1 hour', 'succeeded'::"RefreshStatus", now() - interval '1 hour',
              'succeeded'::"RefreshStatus", now() - interval '1 hour', now() - n * interval '1 minute', now() - n * interval '1 minute', now()
         FROM numbered
       RETURNING id)
     INSERT INTO "AccountOwner" (id, "linkedAccountId", "stripeOwnerId", name, email, "refreshedAt")
     SELECT 'c' || left(md5(id || '_own'), 24), id, 'fcaown_' || left(md5(id), 12), 'Jenny Rosen', 'jenny@example.com', now() - interval '1 hour' FROM accounts`,
    [prefix, accountsPerUser],
  );
  // Day t of every account in turn, as transactions arrive: one account's rows are spread over the
  // table, not stored side by side. Every 20th is voided, every 10th still pending.
  await step(
    "transactions (through the trigger)",
    `INSERT INTO "AccountTransaction" (id, "linkedAccountId", "stripeTransactionId", amount, currency, description, status, "transactedAt", "postedAt", "voidAt", "stripeUpdatedAt")
     SELECT 'c' || left(md5(a.id || '_txn_' || t), 24), a.id, 'fctxn_' || left(md5(a.id), 16) || '_' || t,
            -((t * 7919) % 20000 + 100), 'usd', 'Purchase ' || t,
            (CASE WHEN t % 20 = 0 THEN 'void' WHEN t % 10 = 0 THEN 'pending' ELSE 'posted' END)::"TransactionStatus",
            now() - ($2::int - t) * interval '1 day',
            CASE WHEN t % 10 <> 0 THEN now() - ($2::int - t) * interval '1 day' + interval '1 day' END,
            CASE WHEN t % 20 = 0 THEN now() - ($2::int - t) * interval '1 day' + interval '1 day' END,
            now() - ($2::int - t) * interval '1 day' + interval '1 day'
       FROM generate_series(1, $2::int) t
       CROSS JOIN (SELECT a.id FROM ${INTEGRATION_ACCOUNTS}) a
      ORDER BY t, a.id`,
    [integrationId, transactionsPerAccount],
  );
  // The two small tables the caller's VACUUM ANALYZE leaves out, so their plans have statistics too.
  await step("VACUUM ANALYZE link tables", `VACUUM ANALYZE "LinkToken", "LinkSession"`, []);
  return steps;
}

/** The integration's account ids, newest first (as the API lists them). */
export async function accountIdsOf(db: pg.ClientBase, integrationId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT a.id FROM ${INTEGRATION_ACCOUNTS} ORDER BY a."createdAt" DESC, a.id DESC`,
    [integrationId],
  );
  return rows.map((r) => r.id);
}

/** Row counts of the tables the API reads: all of them, and the integration's share. */
export async function rowCounts(db: pg.ClientBase, integrationId: string): Promise<string> {
  const { rows } = await db.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM "User") AS users,
            (SELECT count(*) FROM "ExternalUser") AS external_users,
            (SELECT count(*) FROM "LinkedAccount") AS accounts,
            (SELECT count(*) FROM "AccountOwner") AS owners,
            (SELECT count(*) FROM "AccountTransaction") AS transactions,
            (SELECT count(*) FROM "ExternalUser" WHERE namespace = $1) AS its_users,
            (SELECT count(*) FROM "LinkSession") AS link_sessions,
            (SELECT count(*) FROM ${INTEGRATION_ACCOUNTS}) AS its_accounts,
            (SELECT count(*) FROM ${INTEGRATION_ACCOUNTS} JOIN "AccountTransaction" t ON t."linkedAccountId" = a.id) AS its_transactions`,
    [integrationId],
  );
  const c = Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v).toLocaleString("en-US")]));
  return (
    `all: ${c.users} users, ${c.external_users} external users, ${c.link_sessions} link sessions, ${c.accounts} linked accounts, ${c.owners} owners, ${c.transactions} transactions; ` +
    `the measured integration: ${c.its_users} users, ${c.its_accounts} accounts, ${c.its_transactions} transactions`
  );
}
