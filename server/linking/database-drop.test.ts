// The database connection dropping in the middle of a completion's transaction: after one
// account is written, the socket under the transaction is destroyed (as when a managed
// PostgreSQL fails over). The transaction must roll back whole, and a retry must complete.
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { prisma } from "@/server/db/client";
import { PrismaClient } from "@/server/db/generated/prisma/client";
import { createLinkSession } from "./create-link-session";
import { completeLinkSession } from "./complete-link-session";
import { toErrorResponse } from "@/server/http/api-error";
import { setEnvForTests } from "@/server/env";

let emulator: RunningEmulator;

/** When set, the connection that sends the Nth write to LinkedAccount dies before sending it. */
const sabotage = { armed: false, writesBeforeDrop: 1, writesSeen: 0, dropped: 0 };

type Queryable = { query: (...args: unknown[]) => unknown; connection: { stream: { destroy(): void } } };

function watchConnection(client: Queryable) {
  const query = client.query.bind(client);
  client.query = (...args: unknown[]) => {
    const first = args[0];
    const text = typeof first === "string" ? first : ((first as { text?: string } | undefined)?.text ?? "");
    if (sabotage.armed && /^\s*(INSERT|UPDATE)\b[^;]*"LinkedAccount"/i.test(text)) {
      if (sabotage.writesSeen++ >= sabotage.writesBeforeDrop) {
        sabotage.armed = false;
        sabotage.dropped++;
        client.connection.stream.destroy();
      }
    }
    return query(...args);
  };
}

beforeAll(async () => {
  // The app's client, over a pool whose connections this test can cut.
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  pool.on("connect", (client) => watchConnection(client as unknown as Queryable));
  pool.on("error", () => {}); // the cut connection reports here once it is idle-dead
  (globalThis as { __prisma?: PrismaClient }).__prisma = new PrismaClient({ adapter: new PrismaPg(pool) });

  emulator = await startEmulator({ port: 0, persist: false, refreshDelayMs: 20 });
  setEnvForTests({ STRIPE_SECRET_KEY: "sk_test_dbdrop", STRIPE_API_BASE: emulator.url });
});

afterAll(async () => {
  await emulator.close();
});

it("rolls a completion back whole when the connection drops mid-transaction, and the retry completes", async () => {
  const user = await prisma.user.create({ data: { email: `${randomUUID()}@example.com` } });
  const { linkSessionId } = await createLinkSession(user, randomUUID());
  const { stripeSessionId } = await prisma.linkSession.findUniqueOrThrow({ where: { id: linkSessionId } });
  const picked = await fetch(`${emulator.url}/_emulator/test_helpers/sessions/${stripeSessionId}/complete`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ institution: "test_institution", accounts: ["checking", "savings", "credit_card"] }),
  });
  expect(picked.status).toBe(200);

  Object.assign(sabotage, { armed: true, writesBeforeDrop: 2, writesSeen: 0 });
  const error = await completeLinkSession(user.id, linkSessionId).then(
    () => expect.unreachable("the completion should have failed"),
    (e: unknown) => e,
  );
  expect(sabotage.dropped).toBe(1);
  const response = toErrorResponse(error);
  expect(response.status).toBe(503);
  expect(await response.json()).toMatchObject({ error: { retryable: true } });

  // Nothing of the transaction survived: no account, the session still pending.
  expect(await prisma.linkedAccount.count({ where: { userId: user.id } })).toBe(0);
  expect(await prisma.linkSession.findUniqueOrThrow({ where: { id: linkSessionId } })).toMatchObject({ status: "pending", completedAt: null });

  const retried = await completeLinkSession(user.id, linkSessionId);
  expect(retried).toMatchObject({ status: "succeeded", linked: 3 });
  const accounts = await prisma.linkedAccount.findMany({ where: { userId: user.id } });
  expect(accounts).toHaveLength(3);
  expect(new Set(accounts.map((a) => a.stripeAccountId)).size).toBe(3);
});
