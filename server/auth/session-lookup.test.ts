// When next-auth reports "no session" although the browser holds a cookie, the app tells a
// live session (next-auth's read failed: 503) from a dead one (really signed out).
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { prisma } from "@/server/db/client";
import { assertSessionTokenUnusable } from "./current-user";

async function sessionExpiring(inMs: number) {
  const user = await prisma.user.create({ data: { email: `${randomUUID()}@example.com` } });
  const sessionToken = randomUUID();
  await prisma.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + inMs) } });
  return sessionToken;
}

it("answers a retryable 503 for a live session next-auth could not read", async () => {
  const token = await sessionExpiring(60_000);
  await expect(assertSessionTokenUnusable(token)).rejects.toMatchObject({ kind: "unavailable", retryable: true });
});

it("lets an expired or unknown session count as signed out", async () => {
  await expect(assertSessionTokenUnusable(await sessionExpiring(-1_000))).resolves.toBeUndefined();
  await expect(assertSessionTokenUnusable(randomUUID())).resolves.toBeUndefined();
});

it("treats a mangled cookie as signed out rather than failing the page", async () => {
  for (const token of ["\u0000", "x".repeat(5000), "<script>", "' OR 1=1 --"]) {
    await expect(assertSessionTokenUnusable(token)).resolves.toBeUndefined();
  }
});
