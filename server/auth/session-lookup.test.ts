// The session read behind every signed-in request: one statement, next-auth's rules for expiry
// and extension, and a forged cookie treated as no session.
import { randomUUID } from "node:crypto";
import { expect, it, vi } from "vitest";
import { getPrisma, prisma } from "@/server/db/client";
import { SESSION_MAX_AGE_SECONDS } from "./session-lifetime";
import { readSessionUser } from "./session-lookup";

const DAY_MS = 24 * 60 * 60 * 1000;

async function sessionExpiring(inMs: number, role: "user" | "admin" = "user") {
  const user = await prisma.user.create({ data: { email: `${randomUUID()}@example.com`, name: "Ada Lovelace", role } });
  const sessionToken = randomUUID();
  await prisma.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + inMs) } });
  return { user, sessionToken };
}

const expiresOf = async (sessionToken: string) => (await prisma.session.findUniqueOrThrow({ where: { sessionToken } })).expires;

it("reads the user and role of a live session", async () => {
  const { user, sessionToken } = await sessionExpiring(SESSION_MAX_AGE_SECONDS * 1000 - 60_000, "admin");
  await expect(readSessionUser(sessionToken)).resolves.toEqual({ id: user.id, email: user.email, name: "Ada Lovelace", role: "admin" });
});

it("answers no session for an expired or unknown token", async () => {
  const { sessionToken } = await sessionExpiring(-1_000);
  await expect(readSessionUser(sessionToken)).resolves.toBeNull();
  await expect(readSessionUser(randomUUID())).resolves.toBeNull();
  await expect(readSessionUser(undefined)).resolves.toBeNull();
});

it("treats a mangled cookie as signed out rather than failing the page", async () => {
  for (const token of ["", "\u0000", "x".repeat(5000), "<script>", "' OR 1=1 --"]) {
    await expect(readSessionUser(token)).resolves.toBeNull();
  }
});

it("extends a session to its full lifetime once a day, not on every read", async () => {
  const fresh = await sessionExpiring(SESSION_MAX_AGE_SECONDS * 1000 - 60_000);
  const before = await expiresOf(fresh.sessionToken);
  await readSessionUser(fresh.sessionToken);
  expect(await expiresOf(fresh.sessionToken)).toEqual(before);

  const stale = await sessionExpiring(SESSION_MAX_AGE_SECONDS * 1000 - 2 * DAY_MS);
  const now = new Date();
  await readSessionUser(stale.sessionToken, now);
  expect((await expiresOf(stale.sessionToken)).getTime()).toBe(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
});

it("throws when the database cannot be read, so a blip is never a sign-out", async () => {
  const { sessionToken } = await sessionExpiring(60_000);
  const failing = Object.assign(new Error("Connection terminated unexpectedly"), { code: "ECONNRESET" });
  const spy = vi.spyOn(getPrisma(), "$queryRaw").mockRejectedValueOnce(failing);
  try {
    await expect(readSessionUser(sessionToken)).rejects.toBe(failing);
  } finally {
    spy.mockRestore();
  }
});
