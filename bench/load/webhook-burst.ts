// Phase 2 load: a burst of signed Stripe events at POST /api/webhooks/stripe, some delivered
// twice (as Stripe does after a timeout), half of those right behind the original so both are
// in flight at once. Events are `refreshed_balance` for accounts linked in phase 1: the app
// reads each account from Stripe (the emulator) and stores it, so every event is real work.
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import Stripe from "stripe";
import { refreshedBalanceEvent } from "../balance-event";
import { parseJson, progressEvery, type Progress } from "./worker-kit";

export type BurstAccount = { stripeAccountId: string; stripeCustomerId: string };
export type Burst = { eventIds: string[]; payloads: string[]; order: number[] };

export type WebhookBurstJob = {
  kind: "webhooks";
  url: string;
  connections: number;
  timeoutSeconds: number;
  maxSeconds: number;
  secret: string;
  payloads: string[];
  /** Index into payloads of each delivery, in sending order. */
  order: number[];
};

export type WebhookBurstResult = {
  seconds: number;
  latencies: number[];
  statuses: Record<string, number>;
  /** Deliveries the app answered with `duplicate: true`. */
  duplicateAnswers: number;
  /** Per payload: how many deliveries were answered 200. */
  acknowledged: number[];
  problems: string[];
  timeouts: number;
  connectionErrors: number;
};

export const BURST_EVENT_PREFIX = "evt_load_";

/** `count` distinct events over `accounts` (round robin) and `duplicates` second deliveries. */
export function buildBurst(accounts: BurstAccount[], count: number, duplicates: number): Burst {
  if (accounts.length === 0) throw new Error("no linked accounts to send events about (phase 1 linked none)");
  const run = randomBytes(4).toString("hex");
  const created = Math.floor(Date.now() / 1000);
  const eventIds: string[] = [];
  const payloads = Array.from({ length: count }, (_, i) => {
    const account = accounts[i % accounts.length]!;
    const id = `${BURST_EVENT_PREFIX}${run}_${String(i).padStart(6, "0")}`;
    eventIds.push(id);
    return refreshedBalanceEvent({ id, accountId: account.stripeAccountId, customerId: account.stripeCustomerId, created, lastAttemptedAt: created });
  });
  const order = [...payloads.keys()];
  shuffle(order);
  // Distinct events delivered twice; every other one goes right behind its original.
  const twice = [...payloads.keys()];
  shuffle(twice);
  for (const [n, i] of twice.slice(0, Math.min(duplicates, count)).entries()) {
    const at = n % 2 === 0 ? order.indexOf(i) + 1 : Math.floor(Math.random() * (order.length + 1));
    order.splice(at, 0, i);
  }
  return { eventIds, payloads, order };
}

function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

export function runWebhookBurst(job: WebhookBurstJob, report: Progress): Promise<WebhookBurstResult> {
  const statuses: Record<string, number> = {};
  const acknowledged = new Array<number>(job.payloads.length).fill(0);
  const latencies: number[] = [];
  const problems: string[] = [];
  let duplicateAnswers = 0;
  let connectionErrors = 0;
  let next = 0;

  return new Promise((resolve, reject) => {
    const started = performance.now();
    const instance = autocannon(
      {
        url: job.url,
        connections: Math.min(job.connections, job.order.length),
        // Exactly one request per delivery: autocannon builds `amount` requests in all.
        amount: job.order.length,
        timeout: job.timeoutSeconds,
        requests: [
          {
            method: "POST",
            path: "/api/webhooks/stripe",
            setupRequest: (request, context) => {
              const index = job.order[next++];
              if (index === undefined) throw new Error("more deliveries requested than planned");
              const payload = job.payloads[index]!;
              context.payload = index;
              // Signed when sent, as Stripe does: the app refuses signatures older than 5 minutes.
              const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: job.secret });
              return {
                ...request,
                headers: { "content-type": "application/json; charset=utf-8", "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)", "stripe-signature": signature },
                body: payload,
              };
            },
            onResponse: (status, body, context) => {
              statuses[status] = (statuses[status] ?? 0) + 1;
              if (status === 200) acknowledged[context.payload as number]!++;
              else if (problems.length < 10) problems.push(`${status}: ${body.slice(0, 300)}`);
              if (parseJson(body).duplicate === true) duplicateAnswers++;
            },
          },
        ],
      },
      (error, result) => {
        clearInterval(ticker);
        clearTimeout(cap);
        if (error) return reject(error);
        resolve({ seconds: (performance.now() - started) / 1000, latencies, statuses, duplicateAnswers, acknowledged, problems, timeouts: result.timeouts, connectionErrors });
      },
    );
    instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
    instance.on("reqError", (error) => {
      if (error.message === "request timed out") return;
      connectionErrors++;
      if (problems.length < 10) problems.push(`connection error: ${error.message}`);
    });
    const ticker = progressEvery(report, () => `${latencies.length}/${job.order.length} deliveries answered`);
    const cap = setTimeout(() => {
      if (problems.length < 10) problems.push(`stopped after ${job.maxSeconds} s with deliveries left`);
      instance.stop();
    }, job.maxSeconds * 1000);
  });
}
