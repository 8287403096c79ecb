-- CreateEnum
CREATE TYPE "OwnershipVerdict" AS ENUM ('confirmed', 'partial', 'unconfirmed', 'no_data');

-- AlterTable
ALTER TABLE "LinkedAccount" ADD COLUMN     "ownershipMatch" JSONB,
ADD COLUMN     "ownershipMatchInputs" TEXT,
ADD COLUMN     "ownershipMatchedAt" TIMESTAMP(3),
ADD COLUMN     "ownershipScore" INTEGER,
ADD COLUMN     "ownershipVerdict" "OwnershipVerdict";

-- CreateTable
CREATE TABLE "HolderProfile" (
    "userId" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "addressLine1" TEXT,
    "addressLine2" TEXT,
    "city" TEXT,
    "state" TEXT,
    "postalCode" TEXT,
    "country" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HolderProfile_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "BalanceSnapshot" (
    "linkedAccountId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "asOf" TIMESTAMP(3) NOT NULL,
    "currency" TEXT NOT NULL,
    "current" BIGINT,
    "available" BIGINT,

    CONSTRAINT "BalanceSnapshot_pkey" PRIMARY KEY ("linkedAccountId","day")
);

-- CreateIndex
CREATE INDEX "LinkedAccount_ownershipVerdict_createdAt_id_idx" ON "LinkedAccount"("ownershipVerdict", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "HolderProfile" ADD CONSTRAINT "HolderProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BalanceSnapshot" ADD CONSTRAINT "BalanceSnapshot_linkedAccountId_fkey" FOREIGN KEY ("linkedAccountId") REFERENCES "LinkedAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
