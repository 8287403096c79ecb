import "server-only";
import { prisma } from "@/server/db/client";

/**
 * The user's linked accounts: live ones (active, needing relink) first, then disconnected
 * ones as history. Accounts replaced by a newer link of the same bank account are hidden.
 */
export async function listUserAccounts(userId: string) {
  const accounts = await prisma.linkedAccount.findMany({
    where: { userId, replacedById: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return {
    live: accounts.filter((a) => a.status !== "disconnected"),
    disconnected: accounts.filter((a) => a.status === "disconnected"),
  };
}

export type UserAccount = Awaited<ReturnType<typeof listUserAccounts>>["live"][number];
