// A webhook sender gives up after a few seconds. Under load every connection of the app's pool
// is busy and its waiters queue; deliveries are stored on connections of their own, so they
// are answered while the pool is exhausted. (PostgreSQL server only: the embedded database runs
// one transaction at a time, so holding the pool there holds every connection.)
import { afterAll, beforeAll, expect, it } from "vitest";
import { prisma } from "@/server/db/client";
import { databaseSettings } from "@/server/env";
import { startHarness, type Harness } from "@/test/webhook-harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

it.runIf(Boolean(process.env.TEST_DATABASE_URL))("answers and stores a delivery while every connection of the app's pool is held", async () => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const size = databaseSettings().DATABASE_POOL_SIZE;
  let holding = 0;
  const holders = Array.from({ length: size }, () =>
    prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        holding++;
        await held;
      },
      { timeout: 30_000 },
    ),
  );
  try {
    while (holding < size) await new Promise((resolve) => setTimeout(resolve, 10));
    const event = { id: "evt_priority_1", object: "event", type: "customer.created", created: Math.floor(Date.now() / 1000), livemode: false, data: { object: { id: "cus_priority" } } };
    const started = performance.now();
    const response = await h.deliver(JSON.stringify(event));
    const answeredMs = performance.now() - started;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: true, duplicate: false });
    expect(answeredMs).toBeLessThan(2_000);
  } finally {
    release();
    await Promise.all(holders);
  }
  expect(await prisma.webhookEvent.findUnique({ where: { stripeEventId: "evt_priority_1" }, select: { type: true, state: true } })).toMatchObject({ type: "customer.created" });
});
