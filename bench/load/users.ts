// Simulated users: each an ordinary user with a next-auth database session, written straight
// to the database the way any sign-in leaves them (server/auth/demo-sign-in.ts does the same).
import { randomBytes } from "node:crypto";
import { sessionCookie } from "@/server/auth/session-cookie";
import { prisma } from "@/server/db/client";

export type LoadUser = { id: string; email: string; cookie: string };

export async function createLoadUsers(count: number): Promise<LoadUser[]> {
  const run = randomBytes(4).toString("hex");
  const users = Array.from({ length: count }, (_, i) => ({
    id: `load_${run}_${i}`,
    email: `load-${run}-${i}@linkwell.test`,
    token: randomBytes(32).toString("hex"),
  }));
  const expires = new Date(Date.now() + 24 * 60 * 60 * 1000);
  await prisma.user.createMany({ data: users.map(({ id, email }) => ({ id, email, name: `Load user ${email.split("@")[0]}`, emailVerified: new Date() })) });
  await prisma.session.createMany({ data: users.map(({ id, token }) => ({ userId: id, sessionToken: token, expires })) });
  const { name } = sessionCookie();
  return users.map(({ id, email, token }) => ({ id, email, cookie: `${name}=${token}` }));
}
