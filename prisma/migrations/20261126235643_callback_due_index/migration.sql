-- DropIndex
DROP INDEX "IntegratorCallback_nextAttemptAt_idx";

-- CreateIndex
CREATE INDEX "IntegratorCallback_deliveredAt_nextAttemptAt_idx" ON "IntegratorCallback"("deliveredAt", "nextAttemptAt");
