import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "@/server/db/client";
import { SESSION_MAX_AGE_SECONDS } from "./session-lifetime";

export const DEMO_ACCOUNTS = {
  user: { email: "demo@linkwell.test", name: "Demo User", role: "user" },
  admin: { email: "demo-admin@linkwell.test", name: "Demo Admin", role: "admin" },
} as const;

export type DemoKind = keyof typeof DEMO_ACCOUNTS;

/**
 * Development-only one-click sign-in. It writes an ordinary next-auth database session,
 * so the rest of the app sees exactly what an email or OAuth sign-in produces.
 * Callers must check isDevelopment() first.
 */
export async function createDemoSession(kind: DemoKind): Promise<{ sessionToken: string; expires: Date }> {
  const demo = DEMO_ACCOUNTS[kind];
  const sessionToken = randomBytes(32).toString("hex");
  const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { email: demo.email },
      create: { email: demo.email, name: demo.name, role: demo.role, emailVerified: new Date() },
      update: { role: demo.role },
    });
    await tx.session.create({ data: { sessionToken, userId: user.id, expires } });
  });
  return { sessionToken, expires };
}
