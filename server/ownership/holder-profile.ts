import "server-only";
import { prisma } from "@/server/db/client";
import type { HolderProfile as HolderProfileRow, Prisma } from "@/server/db/generated/prisma/client";
import { refreshOwnershipMatches } from "./match-accounts";

export const PROFILE_FIELDS = ["name", "email", "phone", "addressLine1", "addressLine2", "city", "state", "postalCode", "country"] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
/** What a person or their integration says about the account holder; undefined leaves a field as it is. */
export type HolderProfileInput = Partial<Record<ProfileField, string | null>>;

/** The stored profile's fields for the profile form: blanks where nothing is stored. */
export async function getHolderProfileFields(userId: string): Promise<Record<ProfileField, string>> {
  const row = await prisma.holderProfile.findUnique({ where: { userId } });
  return Object.fromEntries(PROFILE_FIELDS.map((field) => [field, row?.[field] ?? ""])) as Record<ProfileField, string>;
}

const clean = (value: string | null | undefined) => (value === undefined ? undefined : value?.trim() || null);

/**
 * Saves the profile and, when anything changed, compares every linked account's owners with it
 * again in the same transaction, so a verdict never describes a profile that is gone.
 */
export async function saveHolderProfile(userId: string, input: HolderProfileInput): Promise<{ changed: boolean }> {
  return prisma.$transaction(async (tx) => {
    // The row lock makes concurrent saves take turns, so `version` counts every change once.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
    const stored = await tx.holderProfile.findUnique({ where: { userId } });
    const data: Partial<Record<ProfileField, string | null>> = {};
    for (const field of PROFILE_FIELDS) {
      const value = clean(input[field]);
      if (value !== undefined && value !== (stored?.[field] ?? null)) data[field] = value;
    }
    if (stored && Object.keys(data).length === 0) return { changed: false };
    await upsertProfile(tx, userId, stored, data);
    await refreshOwnershipMatches(tx, { userId });
    return { changed: true };
  });
}

function upsertProfile(tx: Prisma.TransactionClient, userId: string, stored: HolderProfileRow | null, data: Partial<Record<ProfileField, string | null>>) {
  return stored
    ? tx.holderProfile.update({ where: { userId }, data: { ...data, version: { increment: 1 } } })
    : tx.holderProfile.create({ data: { userId, ...data } });
}
