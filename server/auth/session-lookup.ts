// The database session behind a session cookie, read in one statement (session joined with its
// user). next-auth writes sessions (sign-in, sign-out); reading them on every request goes
// through here instead of getServerSession, which costs two queries and next-auth's whole
// request pipeline per call. The rules are next-auth's: an expired session is no session, and a
// live one is extended to the full lifetime at most once a day.
import "server-only";
import { prisma } from "@/server/db/client";
import type { Role } from "@/server/db/generated/prisma/client";
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "./session-lifetime";

export type SessionUser = { id: string; email: string | null; name: string | null; role: Role };

type Row = SessionUser & { expires: Date };

/** next-auth's tokens are UUIDs; anything else (a forged or mangled cookie) names no session. */
const TOKEN = /^[\w-]{1,255}$/;

/**
 * The user signed in with `token`, or null when it names no live session. A failing read throws
 * (the edge answers a retryable 503): a database blip must never look like a sign-out.
 */
export async function readSessionUser(token: string | undefined, now = new Date()): Promise<SessionUser | null> {
  if (!token || !TOKEN.test(token)) return null;
  const [row] = await prisma.$queryRaw<Row[]>`
    SELECT u.id, u.email, u.name, u.role::text AS role, s.expires
      FROM "Session" s JOIN "User" u ON u.id = s."userId"
     WHERE s."sessionToken" = ${token}`;
  if (!row || row.expires <= now) return null;
  const updatedAt = row.expires.getTime() - SESSION_MAX_AGE_SECONDS * 1000;
  if (now.getTime() - updatedAt >= SESSION_UPDATE_AGE_SECONDS * 1000) {
    await prisma.session.updateMany({
      where: { sessionToken: token },
      data: { expires: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) },
    });
  }
  const { id, email, name, role } = row;
  return { id, email, name, role };
}
