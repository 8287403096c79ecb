import "server-only";
import { env } from "@/server/env";
import { prisma } from "@/server/db/client";

export function isConfiguredAdmin(email: string | null | undefined): boolean {
  return Boolean(email) && env().ADMIN_EMAILS.includes(email!.toLowerCase());
}

/** ADMIN_EMAILS promotes on sign-in; it never demotes (admins may be promoted in the app). */
export async function promoteConfiguredAdmin(user: { id: string; email?: string | null }): Promise<void> {
  if (!isConfiguredAdmin(user.email)) return;
  await prisma.user.updateMany({ where: { id: user.id, role: "user" }, data: { role: "admin" } });
}
