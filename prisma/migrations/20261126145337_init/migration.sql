-- CreateEnum
CREATE TYPE "Role" AS ENUM ('user', 'admin');

-- CreateEnum
CREATE TYPE "StripeMode" AS ENUM ('test', 'live');

-- CreateEnum
CREATE TYPE "LinkSessionStatus" AS ENUM ('pending', 'succeeded', 'cancelled', 'failed');

-- CreateEnum
CREATE TYPE "LinkedAccountStatus" AS ENUM ('active', 'inactive', 'disconnected');

-- CreateEnum
CREATE TYPE "RefreshStatus" AS ENUM ('pending', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "TransactionStatus" AS ENUM ('pending', 'posted', 'void');

-- CreateEnum
CREATE TYPE "AccountChangeSource" AS ENUM ('link', 'user', 'admin', 'webhook', 'reconcile');

-- CreateEnum
CREATE TYPE "WebhookEventState" AS ENUM ('received', 'processed', 'ignored', 'failed');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "emailVerified" TIMESTAMP(3),
    "image" TEXT,
    "role" "Role" NOT NULL DEFAULT 'user',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "sessionToken" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL
);

-- CreateTable
CREATE TABLE "DevOutboxMessage" (
    "id" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DevOutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StripeCustomer" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "mode" "StripeMode" NOT NULL,
    "stripeCustomerId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StripeCustomer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "stripeSessionId" TEXT NOT NULL,
    "mode" "StripeMode" NOT NULL,
    "status" "LinkSessionStatus" NOT NULL DEFAULT 'pending',
    "requestedPermissions" TEXT[],
    "accountCount" INTEGER NOT NULL DEFAULT 0,
    "errorMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "LinkSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkedAccount" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "linkSessionId" TEXT,
    "stripeAccountId" TEXT NOT NULL,
    "mode" "StripeMode" NOT NULL,
    "institutionName" TEXT NOT NULL,
    "displayName" TEXT,
    "last4" TEXT,
    "category" TEXT NOT NULL,
    "subcategory" TEXT NOT NULL,
    "status" "LinkedAccountStatus" NOT NULL,
    "permissions" TEXT[],
    "supportedPaymentMethodTypes" TEXT[],
    "subscriptions" TEXT[],
    "ownershipId" TEXT,
    "syncedTransactionRefreshId" TEXT,
    "expectedDeactivationAt" TIMESTAMP(3),
    "balanceCurrency" TEXT,
    "balanceCurrent" BIGINT,
    "balanceAvailable" BIGINT,
    "balanceCreditUsed" BIGINT,
    "balanceType" TEXT,
    "balanceAsOf" TIMESTAMP(3),
    "balanceRefreshStatus" "RefreshStatus",
    "balanceRefreshAttemptedAt" TIMESTAMP(3),
    "balanceRefreshNextAt" TIMESTAMP(3),
    "ownershipRefreshStatus" "RefreshStatus",
    "ownershipRefreshAttemptedAt" TIMESTAMP(3),
    "ownershipRefreshNextAt" TIMESTAMP(3),
    "transactionRefreshStatus" "RefreshStatus",
    "transactionRefreshAttemptedAt" TIMESTAMP(3),
    "transactionRefreshNextAt" TIMESTAMP(3),
    "replacedById" TEXT,
    "stripeCreatedAt" TIMESTAMP(3) NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "disconnectedAt" TIMESTAMP(3),

    CONSTRAINT "LinkedAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountOwner" (
    "id" TEXT NOT NULL,
    "linkedAccountId" TEXT NOT NULL,
    "stripeOwnerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "rawAddress" TEXT,
    "refreshedAt" TIMESTAMP(3),

    CONSTRAINT "AccountOwner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountTransaction" (
    "id" TEXT NOT NULL,
    "linkedAccountId" TEXT NOT NULL,
    "stripeTransactionId" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" "TransactionStatus" NOT NULL,
    "transactedAt" TIMESTAMP(3) NOT NULL,
    "postedAt" TIMESTAMP(3),
    "voidAt" TIMESTAMP(3),
    "stripeUpdatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccountTransaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountStatusChange" (
    "id" TEXT NOT NULL,
    "linkedAccountId" TEXT NOT NULL,
    "fromStatus" "LinkedAccountStatus",
    "toStatus" "LinkedAccountStatus" NOT NULL,
    "source" "AccountChangeSource" NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL,
    "stripeEventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "stripeObjectId" TEXT,
    "livemode" BOOLEAN NOT NULL DEFAULT false,
    "payload" JSONB NOT NULL,
    "state" "WebhookEventState" NOT NULL DEFAULT 'received',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "stripeCreated" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "actorId" TEXT,
    "subjectId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "reason" TEXT,
    "metadata" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_createdAt_idx" ON "User"("createdAt");

-- CreateIndex
CREATE INDEX "Account_userId_idx" ON "Account"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_sessionToken_key" ON "Session"("sessionToken");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_token_key" ON "VerificationToken"("token");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_identifier_token_key" ON "VerificationToken"("identifier", "token");

-- CreateIndex
CREATE INDEX "DevOutboxMessage_to_createdAt_idx" ON "DevOutboxMessage"("to", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StripeCustomer_stripeCustomerId_key" ON "StripeCustomer"("stripeCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX "StripeCustomer_userId_mode_key" ON "StripeCustomer"("userId", "mode");

-- CreateIndex
CREATE UNIQUE INDEX "LinkSession_stripeSessionId_key" ON "LinkSession"("stripeSessionId");

-- CreateIndex
CREATE INDEX "LinkSession_userId_createdAt_idx" ON "LinkSession"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "LinkSession_status_createdAt_idx" ON "LinkSession"("status", "createdAt");

-- CreateIndex
CREATE INDEX "LinkSession_createdAt_idx" ON "LinkSession"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LinkSession_userId_attemptId_key" ON "LinkSession"("userId", "attemptId");

-- CreateIndex
CREATE UNIQUE INDEX "LinkedAccount_stripeAccountId_key" ON "LinkedAccount"("stripeAccountId");

-- CreateIndex
CREATE INDEX "LinkedAccount_userId_status_idx" ON "LinkedAccount"("userId", "status");

-- CreateIndex
CREATE INDEX "LinkedAccount_userId_institutionName_last4_subcategory_idx" ON "LinkedAccount"("userId", "institutionName", "last4", "subcategory");

-- CreateIndex
CREATE INDEX "LinkedAccount_status_createdAt_idx" ON "LinkedAccount"("status", "createdAt");

-- CreateIndex
CREATE INDEX "LinkedAccount_last4_idx" ON "LinkedAccount"("last4");

-- CreateIndex
CREATE INDEX "LinkedAccount_createdAt_id_idx" ON "LinkedAccount"("createdAt", "id");

-- CreateIndex
CREATE INDEX "LinkedAccount_replacedById_idx" ON "LinkedAccount"("replacedById");

-- CreateIndex
CREATE UNIQUE INDEX "AccountOwner_linkedAccountId_stripeOwnerId_key" ON "AccountOwner"("linkedAccountId", "stripeOwnerId");

-- CreateIndex
CREATE UNIQUE INDEX "AccountTransaction_stripeTransactionId_key" ON "AccountTransaction"("stripeTransactionId");

-- CreateIndex
CREATE INDEX "AccountTransaction_linkedAccountId_transactedAt_id_idx" ON "AccountTransaction"("linkedAccountId", "transactedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "AccountStatusChange_linkedAccountId_createdAt_idx" ON "AccountStatusChange"("linkedAccountId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEvent_stripeEventId_key" ON "WebhookEvent"("stripeEventId");

-- CreateIndex
CREATE INDEX "WebhookEvent_type_receivedAt_idx" ON "WebhookEvent"("type", "receivedAt");

-- CreateIndex
CREATE INDEX "WebhookEvent_stripeObjectId_stripeCreated_idx" ON "WebhookEvent"("stripeObjectId", "stripeCreated");

-- CreateIndex
CREATE INDEX "WebhookEvent_state_receivedAt_idx" ON "WebhookEvent"("state", "receivedAt");

-- CreateIndex
CREATE INDEX "WebhookEvent_receivedAt_idx" ON "WebhookEvent"("receivedAt");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_createdAt_idx" ON "AuditLog"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_subjectId_createdAt_idx" ON "AuditLog"("subjectId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_targetType_targetId_idx" ON "AuditLog"("targetType", "targetId");

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StripeCustomer" ADD CONSTRAINT "StripeCustomer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkSession" ADD CONSTRAINT "LinkSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkedAccount" ADD CONSTRAINT "LinkedAccount_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkedAccount" ADD CONSTRAINT "LinkedAccount_linkSessionId_fkey" FOREIGN KEY ("linkSessionId") REFERENCES "LinkSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkedAccount" ADD CONSTRAINT "LinkedAccount_replacedById_fkey" FOREIGN KEY ("replacedById") REFERENCES "LinkedAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountOwner" ADD CONSTRAINT "AccountOwner_linkedAccountId_fkey" FOREIGN KEY ("linkedAccountId") REFERENCES "LinkedAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountTransaction" ADD CONSTRAINT "AccountTransaction_linkedAccountId_fkey" FOREIGN KEY ("linkedAccountId") REFERENCES "LinkedAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountStatusChange" ADD CONSTRAINT "AccountStatusChange_linkedAccountId_fkey" FOREIGN KEY ("linkedAccountId") REFERENCES "LinkedAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
