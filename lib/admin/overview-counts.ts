import "server-only";
import { prisma } from "@/lib/db/client";

export async function getOverviewCounts() {
  const [users, admins, linkedAccounts] = await Promise.all([
    prisma.user.count(),
    prisma.user.count({ where: { role: "admin" } }),
    prisma.linkedAccount.count(),
  ]);
  return { users, admins, linkedAccounts };
}
