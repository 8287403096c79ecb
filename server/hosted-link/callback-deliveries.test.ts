// Admins see undelivered integrator callbacks first and can send one again: a given-up callback
// gets one more try, the retry is audited, and a delivered one is not sent twice.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { prisma } from "@/server/db/client";
import { setEnvForTests } from "@/server/env";
import { MAX_ATTEMPTS } from "@/server/hosted-link/deliver-callbacks";
import { listIntegratorCallbacks, retryIntegratorCallback } from "./callback-deliveries";

// The receiver runs on this machine: the development opt-in.
setEnvForTests({ CALLBACKS_ALLOW_LOOPBACK: "true" });

let server: Server;
let url: string;
let received = 0;
/** Status codes the integrator answers with, in order; 200 once they run out. */
let answers: number[] = [];
const admin = { id: "", role: "admin" as const };

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume().on("end", () => {
      received++;
      response.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks?token=integrator-secret`;
  admin.id = (await prisma.user.create({ data: { email: `callbacks-admin-${randomUUID()}@example.com`, role: "admin" } })).id;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = 0;
  answers = [];
});

async function storedCallback(data: { attempts: number; deliveredAt?: Date; lastError?: string }) {
  const key = await prisma.apiKey.create({ data: { integration: { create: { name: "Test integration", redirectUris: [] } }, name: "Mobile app", prefix: "lw_test", secretHash: randomUUID(), webhookUrl: url } });
  return prisma.integratorCallback.create({
    data: { apiKeyId: key.id, linkSessionId: randomUUID(), url, body: "{}", nextAttemptAt: new Date(Date.now() + 3_600_000), ...data },
  });
}

it("lists given-up callbacks first, without the URL's query, and counts them", async () => {
  const delivered = await storedCallback({ attempts: 1, deliveredAt: new Date() });
  const givenUp = await storedCallback({ attempts: MAX_ATTEMPTS, lastError: "answered 503" });
  const { rows, givenUp: count } = await listIntegratorCallbacks();
  expect(count).toBeGreaterThanOrEqual(1);
  const states = new Map(rows.map((row) => [row.id, row.state]));
  expect(states.get(givenUp.id)).toBe("given_up");
  expect(states.get(delivered.id)).toBe("delivered");
  expect(rows.findIndex((row) => row.id === givenUp.id)).toBeLessThan(rows.findIndex((row) => row.id === delivered.id));
  expect(JSON.stringify(rows)).not.toContain("integrator-secret");
});

it("gives a given-up callback one more try now, and audits the retry", async () => {
  const callback = await storedCallback({ attempts: MAX_ATTEMPTS, lastError: "answered 503" });
  expect(await retryIntegratorCallback(admin, callback.id)).toEqual({ id: callback.id, state: "delivered", attempts: MAX_ATTEMPTS });
  expect(received).toBe(1);
  const audit = await prisma.auditLog.findFirstOrThrow({ where: { targetId: callback.id } });
  expect(audit).toMatchObject({ actorId: admin.id, action: "integrator_callback.retry", metadata: { attempts: MAX_ATTEMPTS, lastError: "answered 503" } });
});

it("reports a retry the integrator refuses, which gives the callback up again", async () => {
  const callback = await storedCallback({ attempts: MAX_ATTEMPTS, lastError: "answered 503" });
  answers = [502];
  expect(await retryIntegratorCallback(admin, callback.id)).toEqual({ id: callback.id, state: "given_up", attempts: MAX_ATTEMPTS, error: "answered 502" });
  expect(received).toBe(1);
});

it("refuses a delivered or unknown callback and non-admins, sending nothing", async () => {
  const delivered = await storedCallback({ attempts: 1, deliveredAt: new Date() });
  await expect(retryIntegratorCallback(admin, delivered.id)).rejects.toMatchObject({ kind: "conflict" });
  await expect(retryIntegratorCallback(admin, "missing")).rejects.toMatchObject({ kind: "not_found" });
  const pending = await storedCallback({ attempts: 2 });
  await expect(retryIntegratorCallback({ id: admin.id, role: "user" }, pending.id)).rejects.toMatchObject({ kind: "not_found" });
  expect(received).toBe(0);
  expect(await prisma.auditLog.count({ where: { targetId: { in: [delivered.id, pending.id] } } })).toBe(0);
  expect((await prisma.integratorCallback.findUniqueOrThrow({ where: { id: pending.id } })).attempts).toBe(2);
});

it("shows an error stored before outcomes were coarse as the coarse outcome, not the receiver's words", async () => {
  const legacy = await storedCallback({ attempts: 2, lastError: "connect ECONNREFUSED 10.0.0.7:5432" });
  const current = await storedCallback({ attempts: 2, lastError: "refused: 10.0.0.7 is a private address" });
  const { rows } = await listIntegratorCallbacks();
  expect(rows.find((row) => row.id === legacy.id)?.lastError).toBe("not delivered: no HTTP answer");
  expect(rows.find((row) => row.id === current.id)?.lastError).toBe("refused: 10.0.0.7 is a private address");
});
