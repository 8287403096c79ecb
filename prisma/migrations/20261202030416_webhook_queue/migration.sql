-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "nextAttemptAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP;

-- Settled events leave the queue; received and failed ones are applied (or retried) by it.
UPDATE "WebhookEvent" SET "nextAttemptAt" = NULL WHERE "state" IN ('processed', 'ignored');

-- CreateIndex
CREATE INDEX "WebhookEvent_nextAttemptAt_idx" ON "WebhookEvent"("nextAttemptAt");
