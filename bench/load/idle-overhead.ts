// What POST /api/link-sessions adds to the Stripe call it makes, measured while nothing else
// runs: N sequential requests of one user beside N sessions.create calls made straight to the
// same emulator with stripe-node, for the same customer and settings.
import Stripe from "stripe";
import { prisma } from "@/server/db/client";
import { summarize, type Summary } from "./stats";

async function timedSeries(n: number, run: () => Promise<void>): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

export async function measureCreateOverhead(options: { appUrl: string; emulatorUrl: string; stripeKey: string; user: { id: string; cookie: string }; n: number }) {
  const headers = { cookie: options.user.cookie, origin: options.appUrl, "content-type": "application/json" };
  const create = async () => {
    const response = await fetch(`${options.appUrl}/api/link-sessions`, { method: "POST", headers, body: JSON.stringify({ attemptId: crypto.randomUUID() }) });
    if (response.status !== 201) throw new Error(`POST /api/link-sessions answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
  const warmup = Math.min(20, options.n);
  for (let i = 0; i < warmup; i++) await create();
  const { stripeCustomerId } = await prisma.stripeCustomer.findFirstOrThrow({ where: { userId: options.user.id } });
  const emulator = new URL(options.emulatorUrl);
  const stripe = new Stripe(options.stripeKey, { host: emulator.hostname, port: Number(emulator.port), protocol: "http" });
  // The app's default settings (server/env.ts); the load stack sets none of LINK_*.
  const params: Stripe.FinancialConnections.SessionCreateParams = {
    account_holder: { type: "customer", customer: stripeCustomerId },
    permissions: ["payment_method", "balances", "ownership", "transactions"],
    prefetch: ["balances"],
    filters: { country: "US" },
    limits: { accounts: 100 },
  };
  const direct = () => stripe.financialConnections.sessions.create(params).then(() => undefined);
  for (let i = 0; i < warmup; i++) await direct();
  const route = await timedSeries(options.n, create);
  const stripeOnly = await timedSeries(options.n, direct);
  return { route, stripeOnly, overheadP50: route.p50 - stripeOnly.p50 };
}
