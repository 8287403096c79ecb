-- CreateTable
CREATE TABLE "IntegratorCallback" (
    "id" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "linkSessionId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IntegratorCallback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IntegratorCallback_linkSessionId_key" ON "IntegratorCallback"("linkSessionId");

-- CreateIndex
CREATE INDEX "IntegratorCallback_nextAttemptAt_idx" ON "IntegratorCallback"("nextAttemptAt");

-- AddForeignKey
ALTER TABLE "IntegratorCallback" ADD CONSTRAINT "IntegratorCallback_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
