// Without the development opt-in (as in production), a stored callback to an address on this
// machine is never sent, whenever it was stored: the rule is applied again at every send, and
// the admin sees why, not what the address answered.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { prisma } from "@/server/db/client";
import { env } from "@/server/env";
import { deliverDueCallbacks } from "./deliver-callbacks";

let server: Server;
let port: number;
let connections = 0;

beforeAll(async () => {
  expect(env().CALLBACKS_ALLOW_LOOPBACK).toBe(false);
  server = createServer((socket) => {
    connections++;
    socket.end("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function storedCallback(url: string) {
  const key = await prisma.apiKey.create({ data: { integration: { create: { name: "Test integration", redirectUris: [] } }, name: "Old key", prefix: "lw_test", secretHash: randomUUID(), webhookUrl: url } });
  return prisma.integratorCallback.create({
    data: { apiKeyId: key.id, linkSessionId: randomUUID(), url, body: "{}", nextAttemptAt: new Date(Date.now() - 1000) },
  });
}

it.each([
  ["http://127.0.0.1:%PORT%/hooks", "refused: https only"],
  ["https://127.0.0.1:%PORT%/hooks", "refused: 127.0.0.1 is a loopback address"],
  ["https://2130706433:%PORT%/hooks", "refused: 127.0.0.1 is a loopback address"],
  ["https://[::ffff:127.0.0.1]:%PORT%/hooks", "refused: ::ffff:7f00:1 is a loopback address"],
  ["https://localhost:%PORT%/hooks", "refused: localhost is a loopback name"],
])("does not send a stored callback to %s", async (template, lastError) => {
  connections = 0;
  const callback = await storedCallback(template.replace("%PORT%", String(port)));
  await deliverDueCallbacks(50);
  expect(connections).toBe(0);
  const after = await prisma.integratorCallback.findUniqueOrThrow({ where: { id: callback.id } });
  expect(after).toMatchObject({ deliveredAt: null, attempts: 1, lastError });
});
