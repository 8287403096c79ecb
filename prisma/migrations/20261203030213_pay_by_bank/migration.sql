-- CreateEnum
CREATE TYPE "PaymentAuthorizationState" AS ENUM ('pending', 'active', 'failed', 'inactive', 'revoked');

-- CreateEnum
CREATE TYPE "LinkPurpose" AS ENUM ('data', 'payments');

-- AlterTable
ALTER TABLE "LinkToken" ADD COLUMN     "purpose" "LinkPurpose" NOT NULL DEFAULT 'data';

-- CreateTable
CREATE TABLE "PaymentAuthorization" (
    "id" TEXT NOT NULL,
    "linkedAccountId" TEXT NOT NULL,
    "state" "PaymentAuthorizationState" NOT NULL DEFAULT 'pending',
    "stateReason" TEXT,
    "source" TEXT NOT NULL,
    "acceptedAt" TIMESTAMP(3) NOT NULL,
    "acceptedIp" TEXT NOT NULL,
    "acceptedUserAgent" TEXT NOT NULL,
    "stripeSetupIntentId" TEXT,
    "setupIntentStatus" TEXT,
    "stripePaymentMethodId" TEXT,
    "paymentMethodAttached" BOOLEAN NOT NULL DEFAULT false,
    "stripeMandateId" TEXT,
    "mandateStatus" TEXT,
    "failureCode" TEXT,
    "failureMessage" TEXT,
    "revokedAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PaymentAuthorization_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PaymentAuthorization_stripeSetupIntentId_key" ON "PaymentAuthorization"("stripeSetupIntentId");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentAuthorization_stripePaymentMethodId_key" ON "PaymentAuthorization"("stripePaymentMethodId");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentAuthorization_stripeMandateId_key" ON "PaymentAuthorization"("stripeMandateId");

-- CreateIndex
CREATE INDEX "PaymentAuthorization_linkedAccountId_createdAt_idx" ON "PaymentAuthorization"("linkedAccountId", "createdAt");

-- CreateIndex
CREATE INDEX "PaymentAuthorization_state_acceptedAt_idx" ON "PaymentAuthorization"("state", "acceptedAt");

-- AddForeignKey
ALTER TABLE "PaymentAuthorization" ADD CONSTRAINT "PaymentAuthorization_linkedAccountId_fkey" FOREIGN KEY ("linkedAccountId") REFERENCES "LinkedAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
