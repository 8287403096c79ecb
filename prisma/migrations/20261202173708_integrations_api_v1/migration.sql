-- AlterTable
ALTER TABLE "AccountTransaction" ADD COLUMN     "changeSeq" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "createdSeq" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "integrationId" TEXT,
ADD COLUMN     "scopes" TEXT[] DEFAULT ARRAY['read', 'refresh', 'link', 'delete']::TEXT[];

-- CreateTable
CREATE TABLE "Integration" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Integration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiIdempotentAnswer" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiIdempotentAnswer_pkey" PRIMARY KEY ("id")
);

-- Every existing key becomes a key of an integration: one per user namespace (keys created into
-- another key's namespace share it), named after its oldest key, with the namespace as its id so
-- the users it already mapped stay its users.
UPDATE "ApiKey" SET "userNamespace" = id WHERE "userNamespace" IS NULL;
INSERT INTO "Integration" ("id", "name", "createdById", "createdAt")
SELECT DISTINCT ON ("userNamespace") "userNamespace", "name", "createdById", "createdAt"
  FROM "ApiKey" ORDER BY "userNamespace", "createdAt";
UPDATE "ApiKey" SET "integrationId" = "userNamespace";
ALTER TABLE "ApiKey" ALTER COLUMN "integrationId" SET NOT NULL;
ALTER TABLE "ApiKey" DROP COLUMN "userNamespace";

-- Change numbers for the transactions sync (see AccountTransaction in schema.prisma). Existing
-- rows are numbered in the order they were stored; the trigger numbers every write after.
CREATE SEQUENCE "AccountTransaction_change_seq";
UPDATE "AccountTransaction" t SET "createdSeq" = n.seq, "changeSeq" = n.seq
  FROM (SELECT id, row_number() OVER (ORDER BY "linkedAccountId", "transactedAt", id) AS seq FROM "AccountTransaction") n
 WHERE t.id = n.id;
SELECT setval('"AccountTransaction_change_seq"', GREATEST((SELECT max("changeSeq") FROM "AccountTransaction"), 1));

CREATE FUNCTION account_transaction_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- A write that changes nothing (the same copy stored again) is not a change to sync.
    IF NEW IS NOT DISTINCT FROM OLD THEN RETURN NEW; END IF;
    NEW."createdSeq" := OLD."createdSeq";
  END IF;
  -- Writers of one account's transactions take turns on the account's row (a no-op when the
  -- transaction holds it already), so its change numbers are handed out in commit order: a
  -- reader that has seen number N can never later find a committed change below N.
  PERFORM 1 FROM "LinkedAccount" WHERE id = NEW."linkedAccountId" FOR NO KEY UPDATE;
  NEW."changeSeq" := nextval('"AccountTransaction_change_seq"');
  IF TG_OP = 'INSERT' THEN NEW."createdSeq" := NEW."changeSeq"; END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER account_transaction_change_seq BEFORE INSERT OR UPDATE ON "AccountTransaction"
  FOR EACH ROW EXECUTE FUNCTION account_transaction_change_seq();

-- CreateIndex
CREATE INDEX "Integration_createdAt_idx" ON "Integration"("createdAt");

-- CreateIndex
CREATE INDEX "ApiIdempotentAnswer_createdAt_idx" ON "ApiIdempotentAnswer"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiIdempotentAnswer_integrationId_key_key" ON "ApiIdempotentAnswer"("integrationId", "key");

-- CreateIndex
CREATE INDEX "AccountTransaction_linkedAccountId_changeSeq_idx" ON "AccountTransaction"("linkedAccountId", "changeSeq");

-- CreateIndex
CREATE INDEX "ApiKey_integrationId_idx" ON "ApiKey"("integrationId");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiIdempotentAnswer" ADD CONSTRAINT "ApiIdempotentAnswer_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;
