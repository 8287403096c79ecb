-- AlterEnum
ALTER TYPE "LinkSessionStatus" ADD VALUE 'expired';

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "mintsPerMinute" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "userNamespace" TEXT;

-- AlterTable
ALTER TABLE "ExternalUser" ADD COLUMN     "email" TEXT,
ADD COLUMN     "namespace" TEXT;

-- AlterTable
ALTER TABLE "LinkSession" ADD COLUMN     "errorCode" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ExternalUser_namespace_externalId_key" ON "ExternalUser"("namespace", "externalId");

-- Existing keys and mappings keep working: each key is its own namespace, and each existing
-- mapping is found in its key's namespace, pointing at the same user as before.
UPDATE "ApiKey" SET "userNamespace" = "id" WHERE "userNamespace" IS NULL;
UPDATE "ExternalUser" SET "namespace" = "apiKeyId" WHERE "namespace" IS NULL;
