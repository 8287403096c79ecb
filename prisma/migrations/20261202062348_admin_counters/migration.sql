-- Exact counts for the admin overview, kept in the transaction of every write that changes
-- them: statement-level triggers read the statement's old and new rows (transition tables)
-- and append one delta row per changed count to "AdminCounterDelta". Appending takes no row
-- lock, so concurrent links never queue on a hot counter row; the app folds the deltas into
-- "AdminCounter" now and then (server/admin/counters.ts), and a count is the sum over both.
-- Undated counts use the day 1970-01-01; dated ones the UTC day of the row's createdAt.

-- CreateTable
CREATE TABLE "AdminCounter" (
    "metric" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "key1" TEXT NOT NULL DEFAULT '',
    "key2" TEXT NOT NULL DEFAULT '',
    "n" BIGINT NOT NULL,

    CONSTRAINT "AdminCounter_pkey" PRIMARY KEY ("metric","day","key1","key2")
);

-- CreateTable
CREATE TABLE "AdminCounterDelta" (
    "id" BIGSERIAL NOT NULL,
    "metric" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "key1" TEXT NOT NULL DEFAULT '',
    "key2" TEXT NOT NULL DEFAULT '',
    "n" BIGINT NOT NULL,

    CONSTRAINT "AdminCounterDelta_pkey" PRIMARY KEY ("id")
);

-- Rows come and go every few seconds: vacuum after a thousand dead rows, whatever the table's size.
ALTER TABLE "AdminCounterDelta" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000);

-- CreateTable
CREATE TABLE "AdminSessionInstitution" (
    "linkSessionId" TEXT NOT NULL,
    "institutionName" TEXT NOT NULL,
    "day" DATE NOT NULL,

    CONSTRAINT "AdminSessionInstitution_pkey" PRIMARY KEY ("linkSessionId","institutionName")
);

-- CreateIndex
CREATE INDEX "LinkedAccount_linkSessionId_institutionName_idx" ON "LinkedAccount"("linkSessionId", "institutionName");

-- The counts one row contributes to, per table: the rows of the list whose condition holds.
CREATE FUNCTION admin_counts_of_user(r "User") RETURNS TABLE (metric TEXT, day DATE, key1 TEXT, key2 TEXT)
LANGUAGE sql IMMUTABLE AS $$
  SELECT v.metric, v.day, v.key1, v.key2 FROM (VALUES
    ('users', DATE '1970-01-01', '', '', true),
    ('admins', DATE '1970-01-01', '', '', r.role = 'admin')
  ) AS v (metric, day, key1, key2, counts) WHERE v.counts
$$;

CREATE FUNCTION admin_counts_of_account(r "LinkedAccount") RETURNS TABLE (metric TEXT, day DATE, key1 TEXT, key2 TEXT)
LANGUAGE sql IMMUTABLE AS $$
  SELECT v.metric, v.day, v.key1, v.key2 FROM (VALUES
    ('accounts', DATE '1970-01-01', r.status::text, '', true),
    ('relink_inactive', DATE '1970-01-01', '', '', r.status = 'inactive' AND r."replacedById" IS NULL),
    ('relink_upcoming', DATE '1970-01-01', '', '', r.status = 'active' AND r."replacedById" IS NULL AND r."expectedDeactivationAt" IS NOT NULL),
    ('institution_accounts', r."createdAt"::date, r."institutionName", r.status::text, true)
  ) AS v (metric, day, key1, key2, counts) WHERE v.counts
$$;

CREATE FUNCTION admin_counts_of_session(r "LinkSession") RETURNS TABLE (metric TEXT, day DATE, key1 TEXT, key2 TEXT)
LANGUAGE sql IMMUTABLE AS $$
  SELECT 'sessions', r."createdAt"::date, r.status::text, ''
$$;

CREATE FUNCTION admin_counts_of_webhook(r "WebhookEvent") RETURNS TABLE (metric TEXT, day DATE, key1 TEXT, key2 TEXT)
LANGUAGE sql IMMUTABLE AS $$
  SELECT 'webhooks_failed', DATE '1970-01-01', '', '' WHERE r.state = 'failed'
$$;

-- Distinct link sessions per institution: a session counts once per institution, on the day
-- of its first account there. The marker row's primary key makes two transactions that link
-- accounts of one session at one institution count it once.
CREATE FUNCTION admin_recount_session_institutions(sessions TEXT[], institutions TEXT[]) RETURNS void
LANGUAGE sql AS $$
  WITH pairs AS (
    SELECT DISTINCT s, i FROM unnest(sessions, institutions) AS p (s, i) WHERE s IS NOT NULL
  ), present AS (
    SELECT p.s, p.i,
           (SELECT min(a."createdAt")::date FROM "LinkedAccount" a WHERE a."linkSessionId" = p.s AND a."institutionName" = p.i) AS day
    FROM pairs p
  ), added AS (
    INSERT INTO "AdminSessionInstitution" ("linkSessionId", "institutionName", day)
    SELECT s, i, day FROM present WHERE day IS NOT NULL ORDER BY s, i
    ON CONFLICT DO NOTHING
    RETURNING "institutionName", day
  ), removed AS (
    DELETE FROM "AdminSessionInstitution" x USING present p
    WHERE x."linkSessionId" = p.s AND x."institutionName" = p.i AND p.day IS NULL
    RETURNING x."institutionName", x.day
  )
  INSERT INTO "AdminCounterDelta" (metric, day, key1, key2, n)
  SELECT 'institution_sessions', day, "institutionName", '', sum(n)
  FROM (SELECT "institutionName", day, 1 AS n FROM added UNION ALL SELECT "institutionName", day, -1 FROM removed) d
  GROUP BY day, "institutionName" HAVING sum(n) <> 0
$$;

-- One trigger function per table, alike but for the table's counts function: a single function
-- would need dynamic SQL (EXECUTE), planned again on every statement; these keep cached plans.
CREATE FUNCTION admin_count_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "AdminCounterDelta" (metric, day, key1, key2, n)
    SELECT f.metric, f.day, f.key1, f.key2, count(*) FROM new_rows r, admin_counts_of_user(r) f GROUP BY 1, 2, 3, 4;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "AdminCounterDelta" (metric, day, key1, key2, n)
    SELECT f.metric, f.day, f.key1, f.key2, -count(*) FROM old_rows r, admin_counts_of_user(r) f GROUP BY 1, 2, 3, 4;
  ELSE
    INSERT INTO "AdminCounterDelta" (metric, day, key1, key2, n)
    SELECT metric, day, key1, key2, sum(n) FROM (
      SELECT f.*, 1 AS n FROM new_rows r, admin_counts_of_user(r) f
      UNION ALL SELECT f.*, -1 AS n FROM old_rows r, admin_counts_of_user(r) f
    ) d GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION admin_count_accounts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "AdminCounterDelta" (metric, day, key1, key2, n)
    SELECT f.metric, f.day, f.key1, f.key2, count(*) FROM new_rows r, admin_counts_of_account(r) f GROUP BY 1, 2, 3, 4;
    PERFORM admin_recount_session_institutions(
      ARRAY(SELECT "linkSessionId" FROM new_rows ORDER BY id), ARRAY(SELECT "institutionName" FROM new_rows ORDER BY id));
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "AdminCounterDelta" (metric, day, key1, key2, n)
    SELECT f.metric, f.day, f.key1, f.key2, -count(*) FROM old_rows r, admin_counts_of_account(r) f GROUP BY 1, 2, 3, 4;
    PERFORM admin_recount_session_institutions(
      ARRAY(SELECT "linkSessionId" FROM old_rows ORDER BY id), ARRAY(SELECT "institutionName" FROM old_rows ORDER BY id));
  ELSE
    INSERT INTO "AdminCounterDelta" (metric, day, key1, key2, n)
    SELECT metric, day, key1, key2, sum(n) FROM (
      SELECT f.*, 1 AS n FROM new_rows r, admin_counts_of_account(r) f
      UNION ALL SELECT f.*, -1 AS n FROM old_rows r, admin_counts_of_account(r) f
    ) d GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
    -- Only rows whose session or institution changed can change the distinct-session counts.
    PERFORM admin_recount_session_institutions(array_agg(s), array_agg(i))
    FROM (
      SELECT x.s, x.i
      FROM old_rows o JOIN new_rows n ON n.id = o.id,
           LATERAL (VALUES (o."linkSessionId", o."institutionName"), (n."linkSessionId", n."institutionName")) AS x (s, i)
      WHERE o."linkSessionId" IS DISTINCT FROM n."linkSessionId" OR o."institutionName" IS DISTINCT FROM n."institutionName"
    ) changed
    HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION admin_count_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "AdminCounterDelta" (metric, day, key1, key2, n)
    SELECT f.metric, f.day, f.key1, f.key2, count(*) FROM new_rows r, admin_counts_of_session(r) f GROUP BY 1, 2, 3, 4;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "AdminCounterDelta" (metric, day, key1, key2, n)
    SELECT f.metric, f.day, f.key1, f.key2, -count(*) FROM old_rows r, admin_counts_of_session(r) f GROUP BY 1, 2, 3, 4;
  ELSE
    INSERT INTO "AdminCounterDelta" (metric, day, key1, key2, n)
    SELECT metric, day, key1, key2, sum(n) FROM (
      SELECT f.*, 1 AS n FROM new_rows r, admin_counts_of_session(r) f
      UNION ALL SELECT f.*, -1 AS n FROM old_rows r, admin_counts_of_session(r) f
    ) d GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
  END IF;
  RETURN NULL;
END $$;

-- Webhook events are the most written rows (stored, claimed, settled) and only a change to or
-- from "failed" counts: row triggers whose WHEN clause the server checks without calling a function.
CREATE FUNCTION admin_count_webhook_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "AdminCounterDelta" (metric, day, key1, key2, n)
  VALUES ('webhooks_failed', DATE '1970-01-01', '', '',
          CASE WHEN TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.state = 'failed') THEN -1 ELSE 1 END);
  RETURN NULL;
END $$;

-- A trigger with transition tables fires for one kind of statement, hence three per table.
CREATE TRIGGER admin_count_insert AFTER INSERT ON "User" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_count_users();
CREATE TRIGGER admin_count_update AFTER UPDATE ON "User" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_count_users();
CREATE TRIGGER admin_count_delete AFTER DELETE ON "User" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_count_users();

CREATE TRIGGER admin_count_insert AFTER INSERT ON "LinkedAccount" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_count_accounts();
CREATE TRIGGER admin_count_update AFTER UPDATE ON "LinkedAccount" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_count_accounts();
CREATE TRIGGER admin_count_delete AFTER DELETE ON "LinkedAccount" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_count_accounts();

CREATE TRIGGER admin_count_insert AFTER INSERT ON "LinkSession" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_count_sessions();
CREATE TRIGGER admin_count_update AFTER UPDATE ON "LinkSession" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_count_sessions();
CREATE TRIGGER admin_count_delete AFTER DELETE ON "LinkSession" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_count_sessions();

CREATE TRIGGER admin_count_insert AFTER INSERT ON "WebhookEvent" FOR EACH ROW WHEN (NEW.state = 'failed') EXECUTE FUNCTION admin_count_webhook_row();
CREATE TRIGGER admin_count_update AFTER UPDATE ON "WebhookEvent" FOR EACH ROW WHEN ((OLD.state = 'failed') <> (NEW.state = 'failed')) EXECUTE FUNCTION admin_count_webhook_row();
CREATE TRIGGER admin_count_delete AFTER DELETE ON "WebhookEvent" FOR EACH ROW WHEN (OLD.state = 'failed') EXECUTE FUNCTION admin_count_webhook_row();

-- The counts of the rows already there.
INSERT INTO "AdminSessionInstitution" ("linkSessionId", "institutionName", day)
SELECT "linkSessionId", "institutionName", min("createdAt")::date FROM "LinkedAccount"
WHERE "linkSessionId" IS NOT NULL GROUP BY 1, 2;

INSERT INTO "AdminCounter" (metric, day, key1, key2, n)
SELECT f.metric, f.day, f.key1, f.key2, count(*) FROM "User" r, admin_counts_of_user(r) f GROUP BY 1, 2, 3, 4;
INSERT INTO "AdminCounter" (metric, day, key1, key2, n)
SELECT f.metric, f.day, f.key1, f.key2, count(*) FROM "LinkedAccount" r, admin_counts_of_account(r) f GROUP BY 1, 2, 3, 4;
INSERT INTO "AdminCounter" (metric, day, key1, key2, n)
SELECT f.metric, f.day, f.key1, f.key2, count(*) FROM "LinkSession" r, admin_counts_of_session(r) f GROUP BY 1, 2, 3, 4;
INSERT INTO "AdminCounter" (metric, day, key1, key2, n)
SELECT f.metric, f.day, f.key1, f.key2, count(*) FROM "WebhookEvent" r, admin_counts_of_webhook(r) f GROUP BY 1, 2, 3, 4;
INSERT INTO "AdminCounter" (metric, day, key1, key2, n)
SELECT 'institution_sessions', day, "institutionName", '', count(*) FROM "AdminSessionInstitution" GROUP BY 2, 3;
