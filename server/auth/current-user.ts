// Who is signed in: the database session behind the request's cookie, read once per request.
// The guards (./guards.ts) build on this; tests replace this module to sign someone in.
import "server-only";
import { getServerSession } from "next-auth";
import { cookies, headers } from "next/headers";
import { connection } from "next/server";
import { cache } from "react";
import { prisma } from "@/server/db/client";
import { DomainError } from "@/server/errors/domain-error";
import { requestIdFrom, runWithRequestId } from "@/server/log/request-context";
import { authOptions } from "./options";
import { sessionCookie } from "./session-cookie";

export type CurrentUser = { id: string; email: string | null; name: string | null; role: "user" | "admin" };

/** The signed-in user, read from the database session once per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  // Who is signed in is known only at request time: never prerender a page that asks.
  await connection();
  // Pages are not wrapped in withRequestContext: enter the request's context (the id proxy.ts
  // stamped) here, so what next-auth logs while reading the session names the request.
  return runWithRequestId(requestIdFrom(await headers()), readCurrentUser);
});

async function readCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) {
    await assertNotASessionLookupFailure();
    return null;
  }
  const { id, email, name, role } = session.user;
  return { id, email: email ?? null, name: name ?? null, role };
}

/**
 * next-auth answers "no session" when its database read fails (it logs the error and moves
 * on), which would sign people out during a database blip or a load spike. When the browser
 * does hold a session cookie, look the session up here: a failing read throws (a retryable
 * 503), and a valid session that next-auth could not read is a 503 too, never a sign-out.
 */
async function assertNotASessionLookupFailure(): Promise<void> {
  const token = (await cookies()).get(sessionCookie().name)?.value;
  if (token) await assertSessionTokenUnusable(token);
}

/** Throws a retryable 503 when `token` names a live session (so "signed out" would be wrong). */
export async function assertSessionTokenUnusable(token: string): Promise<void> {
  // next-auth's tokens are UUIDs; anything else (a forged or mangled cookie) is just signed out.
  if (!/^[\w-]{1,255}$/.test(token)) return;
  const stored = await prisma.session.findUnique({ where: { sessionToken: token }, select: { expires: true } });
  if (stored && stored.expires > new Date()) {
    throw new DomainError("unavailable", "We could not check your sign-in just now. Please try again in a moment.", { retryAfterSeconds: 2, retryable: true });
  }
}
