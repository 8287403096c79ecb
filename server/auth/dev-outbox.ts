import "server-only";
import { prisma } from "@/server/db/client";

/** Newest sign-in mails held back in development (no EMAIL_SERVER configured). */
export function listOutboxMessages(limit = 50) {
  return prisma.devOutboxMessage.findMany({ orderBy: { createdAt: "desc" }, take: limit });
}

/** The newest sign-in link sent to an address, for the outbox page and the tests. */
export async function latestMagicLink(email: string): Promise<string | null> {
  const message = await prisma.devOutboxMessage.findFirst({
    where: { to: email.toLowerCase() },
    orderBy: { createdAt: "desc" },
  });
  return message?.url ?? null;
}
