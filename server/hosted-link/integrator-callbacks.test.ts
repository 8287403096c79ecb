// Integrator callbacks are stored before they are sent, retried from the database with backoff,
// signed, sent once per link session, and never sent twice by two concurrent senders.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { prisma } from "@/server/db/client";
import { setEnvForTests } from "@/server/env";
import { deliverDueCallbacks } from "./deliver-callbacks";
import { signCallback, webhookSigningSecret } from "./callback-signature";
import { notifyIntegrator } from "./notify-integrator";

// The receiver runs on this machine: the development opt-in.
setEnvForTests({ CALLBACKS_ALLOW_LOOPBACK: "true" });

type Received = { body: string; signature: string };
let server: Server;
let url: string;
let received: Received[] = [];
/** Status codes the integrator answers with, in order; 200 once they run out. */
let answers: number[] = [];
let answerDelayMs = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({ body, signature: String(request.headers["linkwell-signature"]) });
      setTimeout(() => response.writeHead(answers.shift() ?? 200).end(), answerDelayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/linkwell?token=abc`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  answers = [];
  answerDelayMs = 0;
});

async function newToken() {
  const key = await prisma.apiKey.create({
    data: { integration: { create: { name: "Test integration", redirectUris: [] } }, name: "Mobile app", prefix: "lw_test", secretHash: randomUUID(), webhookUrl: url },
  });
  return { apiKeyId: key.id, webhookUrl: url, linkSessionId: randomUUID(), state: "opaque-state" };
}

async function callbackOf(linkSessionId: string) {
  return prisma.integratorCallback.findUniqueOrThrow({ where: { linkSessionId } });
}

async function waitFor(check: () => Promise<boolean>) {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

it("stores the callback, retries a refused one from the database, and signs each try", async () => {
  const token = await newToken();
  answers = [500];
  await notifyIntegrator(token, "succeeded");
  await waitFor(async () => (await callbackOf(token.linkSessionId)).attempts === 1);
  const failed = await callbackOf(token.linkSessionId);
  expect(failed).toMatchObject({ attempts: 1, deliveredAt: null, lastError: "answered 500" });
  expect(failed.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(5_000); // backoff, not a hot loop

  // As after a restart: the sweeper of any instance finds it once it is due.
  await prisma.integratorCallback.update({ where: { id: failed.id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
  expect(await deliverDueCallbacks()).toBeGreaterThanOrEqual(1);
  const delivered = await callbackOf(token.linkSessionId);
  expect(delivered).toMatchObject({ attempts: 2, lastError: null });
  expect(delivered.deliveredAt).toBeInstanceOf(Date);

  expect(received).toHaveLength(2);
  const last = received[1]!;
  expect(JSON.parse(last.body)).toEqual({
    type: "link_session.completed",
    link_session_id: token.linkSessionId,
    status: "succeeded",
    error: null,
    state: "opaque-state",
  });
  const timestamp = Number(/^t=(\d+),/.exec(last.signature)?.[1]);
  expect(last.signature).toBe(signCallback(webhookSigningSecret(token.apiKeyId), last.body, timestamp));
});

it("queues one callback per link session however often the completion repeats", async () => {
  const token = await newToken();
  await Promise.all([notifyIntegrator(token, "succeeded"), notifyIntegrator(token, "succeeded")]);
  await notifyIntegrator(token, "succeeded");
  await waitFor(async () => (await callbackOf(token.linkSessionId)).deliveredAt !== null);
  expect(await prisma.integratorCallback.count({ where: { linkSessionId: token.linkSessionId } })).toBe(1);
  expect(received).toHaveLength(1);
});

it("is sent once when two instances sweep at the same moment", async () => {
  const token = await newToken();
  await prisma.integratorCallback.create({
    data: { apiKeyId: token.apiKeyId, linkSessionId: token.linkSessionId, url, body: "{}", nextAttemptAt: new Date(Date.now() - 1000) },
  });
  answerDelayMs = 200; // both sweeps overlap while the first send is in flight
  const tried = await Promise.all([deliverDueCallbacks(), deliverDueCallbacks(), deliverDueCallbacks()]);
  expect(tried.reduce((a, b) => a + b, 0)).toBe(1);
  expect(received).toHaveLength(1);
  expect((await callbackOf(token.linkSessionId)).attempts).toBe(1);
});

it("gives up after the last backoff step", async () => {
  const token = await newToken();
  await prisma.integratorCallback.create({
    data: { apiKeyId: token.apiKeyId, linkSessionId: token.linkSessionId, url, body: "{}", attempts: 6, nextAttemptAt: new Date(Date.now() - 1000) },
  });
  answers = [503];
  await deliverDueCallbacks();
  expect(await callbackOf(token.linkSessionId)).toMatchObject({ attempts: 7, deliveredAt: null, lastError: "answered 503" });
  await prisma.integratorCallback.update({ where: { linkSessionId: token.linkSessionId }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
  await deliverDueCallbacks();
  expect(received).toHaveLength(1);
});
