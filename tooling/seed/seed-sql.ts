// Realistic admin data generated inside PostgreSQL: each table is filled by a few
// INSERT ... SELECT FROM generate_series statements, so a million accounts never cross the
// wire row by row. Values come from a hash of the row number (not random()), so the same
// arguments give the same data on every run and in every batch order.
// No "server-only": this runs from scripts/db/seed.ts and bench/.

export const SEED_ID_PREFIX = "seed_";

/** Weighted by market share: the first names are picked far more often than the last. */
export const INSTITUTIONS = [
  "Chase",
  "Bank of America",
  "Wells Fargo",
  "Citibank",
  "Capital One",
  "U.S. Bank",
  "PNC Bank",
  "Truist",
  "TD Bank",
  "Ally Bank",
  "Charles Schwab",
  "Fidelity",
  "Navy Federal Credit Union",
  "USAA",
  "American Express",
  "Discover Bank",
  "Citizens Bank",
  "Fifth Third Bank",
  "KeyBank",
  "Regions Bank",
  "Huntington Bank",
  "M&T Bank",
  "SoFi",
  "Chime",
  "Test Institution",
];

const FIRST = ["james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda", "david", "elizabeth", "william", "barbara", "richard", "susan", "joseph", "jessica", "thomas", "sarah", "carlos", "karen", "wei", "priya", "ahmed", "fatima", "kenji", "sofia", "lucas", "amara", "noah", "olivia", "liam", "emma", "mateo", "ava", "ethan", "mia", "diego", "chloe", "omar", "zoe"];
const LAST = ["smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez", "martinez", "hernandez", "lopez", "gonzalez", "wilson", "anderson", "thomas", "taylor", "moore", "jackson", "martin", "lee", "perez", "thompson", "white", "harris", "sanchez", "clark", "ramirez", "lewis", "robinson", "walker", "young", "allen", "king", "wright", "scott", "nguyen", "hill", "flores", "green", "patel", "kim", "chen", "singh", "okafor", "rossi", "muller", "novak"];
const DOMAINS = ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "proton.me", "fastmail.com", "hey.com", "aol.com"];

const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]::text[]`;

/** Per-connection helpers in pg_temp, so the seed leaves no functions behind. */
export const SEED_FUNCTIONS = `
CREATE OR REPLACE FUNCTION pg_temp.rnd(i bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE AS
  $$ SELECT (hashint8(i * 1009 + salt)::bigint + 2147483648) / 4294967296.0 $$;
CREATE OR REPLACE FUNCTION pg_temp.pick(items text[], r float8) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT items[1 + floor(r * array_length(items, 1))::int] $$;
`;

export type SeedShape = { users: number; accounts: number; now: Date };

/** Users 1..N: a few admins first, emails first.last<n>@domain, joined over the last two years. */
export function usersSql(from: number, to: number, shape: SeedShape): string {
  return `
INSERT INTO "User" (id, name, email, "emailVerified", role, "createdAt", "updatedAt")
SELECT '${SEED_ID_PREFIX}usr_' || lpad(i::text, 9, '0'),
       initcap(f) || ' ' || initcap(l),
       f || '.' || l || i || '@' || pg_temp.pick(${sqlArray(DOMAINS)}, pg_temp.rnd(i, 3)),
       joined + interval '5 minutes',
       CASE WHEN i <= 3 THEN 'admin'::"Role" ELSE 'user'::"Role" END,
       joined, joined
FROM generate_series(${from}, ${to}) AS i,
     LATERAL (SELECT pg_temp.pick(${sqlArray(FIRST)}, pg_temp.rnd(i, 1)) AS f,
                     pg_temp.pick(${sqlArray(LAST)}, pg_temp.rnd(i, 2)) AS l,
                     ${nowSql(shape)} - (730 * pow(pg_temp.rnd(i, 4), 0.7)) * interval '1 day' AS joined) AS x;
INSERT INTO "StripeCustomer" (id, "userId", mode, "stripeCustomerId", "createdAt")
SELECT '${SEED_ID_PREFIX}cus_' || lpad(i::text, 9, '0'), '${SEED_ID_PREFIX}usr_' || lpad(i::text, 9, '0'), 'test',
       'cus_' || substr(md5('cus' || i), 1, 14), ${nowSql(shape)} - (730 * pow(pg_temp.rnd(i, 4), 0.7)) * interval '1 day'
FROM generate_series(${from}, ${to}) AS i;`;
}

const nowSql = (shape: SeedShape) => `'${shape.now.toISOString().replace("T", " ").replace("Z", "")}'::timestamp`;

/**
 * Link sessions s = 1..ceil(M/2) succeeded, each linking accounts 2s-1 and 2s; then as many
 * again that were cancelled, failed or are pending (more of those in the last 30 days make
 * the funnel chart less flat). Session times lean toward the present: the service grows.
 */
export function sessionsSql(from: number, to: number, shape: SeedShape): string {
  const succeeded = Math.ceil(shape.accounts / 2);
  return `
INSERT INTO "LinkSession" (id, "userId", "attemptId", "stripeSessionId", mode, status, "requestedPermissions", "accountCount", "errorMessage", "createdAt", "completedAt")
SELECT '${SEED_ID_PREFIX}ls_' || lpad(s::text, 9, '0'),
       '${SEED_ID_PREFIX}usr_' || lpad((1 + floor(pg_temp.rnd(s, 11) * ${shape.users}))::text, 9, '0'),
       md5('attempt' || s)::uuid::text,
       'fcsess_' || substr(md5('sess' || s), 1, 24),
       'test',
       st::"LinkSessionStatus",
       ARRAY['payment_method','balances','ownership','transactions'],
       CASE WHEN st = 'succeeded' THEN CASE WHEN 2 * s <= ${shape.accounts} THEN 2 ELSE 1 END ELSE 0 END,
       CASE WHEN st = 'failed' THEN pg_temp.pick(ARRAY['institution login failed','account holder does not match','institution unavailable'], pg_temp.rnd(s, 14)) END,
       created,
       CASE WHEN st = 'pending' THEN NULL ELSE created + (30 + 240 * pg_temp.rnd(s, 15)) * interval '1 second' END
FROM generate_series(${from}, ${to}) AS s,
     LATERAL (SELECT CASE
                WHEN s <= ${succeeded} THEN 'succeeded'
                WHEN pg_temp.rnd(s, 12) < 0.62 THEN 'cancelled'
                WHEN pg_temp.rnd(s, 12) < 0.93 THEN 'failed'
                ELSE 'pending' END AS st,
              ${nowSql(shape)} - (730 * pow(pg_temp.rnd(s, 13), 1.2)) * interval '1 day' AS created) AS x;`;
}

export function sessionCount(shape: SeedShape): number {
  return Math.ceil(shape.accounts / 2) + Math.ceil(shape.accounts * 0.22);
}

/**
 * Accounts j = 1..M, two per succeeded session and owned by its user. Mostly checking and
 * savings at the big banks; ~85% active, ~8% inactive, ~7% disconnected; ~3% of active ones
 * have a deactivation announced. Balances are integer cents.
 */
export function accountsSql(from: number, to: number, shape: SeedShape): string {
  return `
INSERT INTO "LinkedAccount" (id, "userId", "linkSessionId", "stripeAccountId", mode, "institutionName", "displayName", last4,
  category, subcategory, status, permissions, "supportedPaymentMethodTypes", subscriptions, "expectedDeactivationAt",
  "balanceCurrency", "balanceCurrent", "balanceAvailable", "balanceType", "balanceAsOf",
  "balanceRefreshStatus", "balanceRefreshAttemptedAt", "ownershipRefreshStatus", "ownershipRefreshAttemptedAt",
  "transactionRefreshStatus", "transactionRefreshAttemptedAt",
  "stripeCreatedAt", "syncedAt", "createdAt", "updatedAt", "disconnectedAt")
SELECT '${SEED_ID_PREFIX}fca_' || lpad(j::text, 9, '0'),
       ls."userId", ls.id,
       'fca_' || substr(md5('acct' || j), 1, 24),
       'test',
       pg_temp.pick(${sqlArray(INSTITUTIONS)}, pow(pg_temp.rnd(j, 21), 2.2)),
       CASE sub WHEN 'checking' THEN 'Everyday Checking' WHEN 'savings' THEN 'High Yield Savings' WHEN 'credit_card' THEN 'Rewards Card'
                WHEN 'line_of_credit' THEN 'Personal Line of Credit' WHEN 'mortgage' THEN 'Home Mortgage' ELSE 'Brokerage' END,
       lpad(floor(pg_temp.rnd(j, 22) * 10000)::int::text, 4, '0'),
       CASE WHEN sub IN ('checking','savings') THEN 'cash' WHEN sub = 'other' THEN 'investment' ELSE 'credit' END,
       sub,
       st::"LinkedAccountStatus",
       ARRAY['payment_method','balances','ownership','transactions'],
       CASE WHEN sub IN ('checking','savings') THEN ARRAY['us_bank_account'] ELSE ARRAY[]::text[] END,
       CASE WHEN pg_temp.rnd(j, 24) < 0.5 THEN ARRAY['transactions'] ELSE ARRAY[]::text[] END,
       CASE WHEN st = 'active' AND pg_temp.rnd(j, 25) < 0.03 THEN ${nowSql(shape)} + (1 + 29 * pg_temp.rnd(j, 26)) * interval '1 day' END,
       'usd',
       bal, CASE WHEN sub IN ('checking','savings') THEN bal - floor(pg_temp.rnd(j, 27) * 5000)::bigint END,
       CASE WHEN sub IN ('checking','savings','other') THEN 'cash' ELSE 'credit' END,
       synced,
       CASE WHEN pg_temp.rnd(j, 28) < 0.02 THEN 'failed' ELSE 'succeeded' END::"RefreshStatus", synced,
       'succeeded'::"RefreshStatus", ls."createdAt" + interval '2 minutes',
       CASE WHEN pg_temp.rnd(j, 24) < 0.5 THEN 'succeeded'::"RefreshStatus" END, CASE WHEN pg_temp.rnd(j, 24) < 0.5 THEN synced END,
       ls."createdAt", synced, ls."createdAt" + interval '1 second', synced,
       CASE WHEN st = 'disconnected' THEN synced END
FROM generate_series(${from}, ${to}) AS j
JOIN "LinkSession" ls ON ls.id = '${SEED_ID_PREFIX}ls_' || lpad(((j + 1) / 2)::text, 9, '0'),
     LATERAL (SELECT
       CASE WHEN r < 0.45 THEN 'checking' WHEN r < 0.75 THEN 'savings' WHEN r < 0.90 THEN 'credit_card'
            WHEN r < 0.93 THEN 'line_of_credit' WHEN r < 0.95 THEN 'mortgage' ELSE 'other' END AS sub,
       CASE WHEN r2 < 0.85 THEN 'active' WHEN r2 < 0.93 THEN 'inactive' ELSE 'disconnected' END AS st
     FROM (SELECT pg_temp.rnd(j, 23) AS r, pg_temp.rnd(j, 29) AS r2) AS rr) AS kind,
     LATERAL (SELECT
       (CASE WHEN kind.sub IN ('checking','savings','other') THEN 1 ELSE -1 END
         * floor(exp(4 + 8 * pg_temp.rnd(j, 30))))::bigint AS bal,
       LEAST(${nowSql(shape)}, ls."createdAt" + (pg_temp.rnd(j, 31) * EXTRACT(EPOCH FROM (${nowSql(shape)} - ls."createdAt"))) * interval '1 second') AS synced) AS money;`;
}

/**
 * History for every account that is not active (one status change each), the Stripe
 * events that told us, a few balance refresh events and failures, and the audit entries
 * of disconnections made by the seed admins.
 */
export function historySql(from: number, to: number, shape: SeedShape): string {
  const range = `a.id BETWEEN '${SEED_ID_PREFIX}fca_${String(from).padStart(9, "0")}' AND '${SEED_ID_PREFIX}fca_${String(to).padStart(9, "0")}'`;
  return `
INSERT INTO "AccountStatusChange" (id, "linkedAccountId", "fromStatus", "toStatus", source, reason, "createdAt")
SELECT '${SEED_ID_PREFIX}sc_' || substr(a.id, 10), a.id, 'active', a.status,
       CASE WHEN a.status = 'inactive' THEN 'webhook' WHEN pg_temp.rnd(hashtext(a.id), 41) < 0.15 THEN 'admin' ELSE 'user' END::"AccountChangeSource",
       CASE WHEN a.status = 'inactive' THEN 'financial_connections.account.deactivated'
            WHEN pg_temp.rnd(hashtext(a.id), 41) < 0.15 THEN pg_temp.pick(ARRAY['Customer asked support to remove the link','Suspected fraud on the account','Duplicate link'], pg_temp.rnd(hashtext(a.id), 42))
            ELSE 'disconnected by the owner' END,
       a."syncedAt"
FROM "LinkedAccount" a WHERE ${range} AND a.status <> 'active';

INSERT INTO "AuditLog" (id, "actorId", "subjectId", action, "targetType", "targetId", reason, "createdAt")
SELECT '${SEED_ID_PREFIX}al_' || substr(c."linkedAccountId", 10),
       '${SEED_ID_PREFIX}usr_' || lpad((1 + floor(pg_temp.rnd(hashtext(c.id), 43) * LEAST(3, ${shape.users})))::text, 9, '0'),
       a."userId", 'account.disconnect', 'linked_account', a.id, c.reason, c."createdAt"
FROM "AccountStatusChange" c JOIN "LinkedAccount" a ON a.id = c."linkedAccountId"
WHERE ${range} AND c.source = 'admin';

INSERT INTO "WebhookEvent" (id, "stripeEventId", type, "stripeObjectId", livemode, payload, state, attempts, error, "stripeCreated", "receivedAt", "processedAt")
SELECT '${SEED_ID_PREFIX}evt_' || substr(a.id, 10) || '_' || e.n,
       'evt_' || substr(md5('evt' || a.id || e.n), 1, 24),
       e.type, a."stripeAccountId", false,
       jsonb_build_object('id', 'evt_' || substr(md5('evt' || a.id || e.n), 1, 24), 'object', 'event', 'type', e.type,
         'created', floor(EXTRACT(EPOCH FROM e.at))::bigint, 'livemode', false, 'api_version', '2025-03-31.basil',
         'data', jsonb_build_object('object', jsonb_build_object('id', a."stripeAccountId", 'object', 'financial_connections.account',
           'status', a.status, 'institution_name', a."institutionName", 'last4', a.last4))),
       e.state::"WebhookEventState",
       CASE WHEN e.state = 'failed' THEN 3 ELSE 1 END,
       CASE WHEN e.state = 'failed' THEN 'Stripe API error: Request rate limit exceeded (request req_' || substr(md5(a.id), 1, 14) || ')' END,
       e.at, e.at + interval '2 seconds', CASE WHEN e.state IN ('processed','ignored') THEN e.at + interval '3 seconds' END
FROM "LinkedAccount" a,
     LATERAL (VALUES
       (1, CASE WHEN a.status = 'inactive' THEN 'financial_connections.account.deactivated'
                WHEN a.status = 'disconnected' THEN 'financial_connections.account.disconnected' END, a."syncedAt",
           CASE WHEN pg_temp.rnd(hashtext(a.id), 44) < 0.04 THEN 'failed' ELSE 'processed' END),
       (2, CASE WHEN pg_temp.rnd(hashtext(a.id), 45) < 0.12 THEN 'financial_connections.account.refreshed_balance' END, a."balanceAsOf",
           CASE WHEN pg_temp.rnd(hashtext(a.id), 46) < 0.02 THEN 'failed' WHEN pg_temp.rnd(hashtext(a.id), 46) < 0.06 THEN 'ignored' ELSE 'processed' END)
     ) AS e(n, type, at, state)
WHERE ${range} AND e.type IS NOT NULL;`;
}
