// Test support (not a test): an in-memory Stripe emulator whose webhooks go, signed, through a
// tiny HTTP server into the app's real route handler, and helpers to link accounts. Sets the
// Stripe settings (server/env.ts's test overrides) that the app's modules read from then on.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { POST as webhookRoute } from "@/app/api/webhooks/stripe/route";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { prisma } from "@/server/db/client";
import { setEnvForTests } from "@/server/env";
import { completeLinkSession } from "@/server/linking/complete-link-session";
import { createLinkSession } from "@/server/linking/create-link-session";
import { drainWebhookQueue } from "@/server/webhooks/webhook-queue";

export const SIGNING_SECRET = "whsec_harness_current_secret";
export const PREVIOUS_SECRET = "whsec_harness_previous_secret";

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** One answer the app gave to a delivery from the emulator (duplicates included). */
export type DeliveryAnswer = { eventId: string; status: number; body: { state?: string; duplicate?: boolean } };

export async function startHarness(options: { refreshDelayMs?: number; refreshCooldownSeconds?: number } = {}) {
  let handle: ((request: Request) => Promise<Response>) | null = null;
  const answers: DeliveryAnswer[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request("http://localhost/api/webhooks/stripe", { method: "POST", headers, body: Buffer.concat(chunks) });
      const eventId = eventIdOf(Buffer.concat(chunks).toString("utf8"));
      void handle!(request)
        .then(async (response) => {
          const text = await response.text();
          answers.push({ eventId, status: response.status, body: parseJson(text) });
          res.writeHead(response.status, { "content-type": "application/json" });
          res.end(text);
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/stripe`;
  const emulator: RunningEmulator = await startEmulator({
    port: 0,
    persist: false,
    webhookUrls: [hookUrl],
    webhookSecret: SIGNING_SECRET,
    refreshDelayMs: options.refreshDelayMs ?? 100,
    refreshCooldownSeconds: options.refreshCooldownSeconds ?? 0,
    webhookRetryBaseMs: 100,
    webhookRetryMaxMs: 1000,
    webhookTimeoutMs: 30_000,
  });
  setEnvForTests({
    STRIPE_SECRET_KEY: "sk_test_webhook_harness",
    STRIPE_PUBLISHABLE_KEY: "pk_test_webhook_harness",
    STRIPE_API_BASE: emulator.url,
    STRIPE_WEBHOOK_SECRET: `${PREVIOUS_SECRET},${SIGNING_SECRET}`,
    LINK_SESSIONS_PER_MINUTE: "1000",
  });
  handle = webhookRoute;

  async function control(path: string, body?: Record<string, unknown>, method = "POST") {
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body && JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  }

  /**
   * Waits until refreshes have finished and every webhook delivery has settled, and applies
   * what the deliveries stored (the server's queue does that; tests drain it themselves).
   */
  async function settle() {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, (options.refreshDelayMs ?? 100) + 50));
      await emulator.emu.webhooks.whenIdle();
      await drainWebhookQueue();
    }
  }

  /** Posts a payload signed like Stripe straight to the route handler. */
  async function deliver(payload: string, opts: { secret?: string; timestamp?: number; header?: string | null } = {}) {
    const header =
      opts.header === undefined
        ? Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? SIGNING_SECRET, timestamp: opts.timestamp })
        : opts.header;
    const headers = new Headers({ "content-type": "application/json" });
    if (header !== null) headers.set("stripe-signature", header);
    return webhookRoute(new Request("http://localhost/api/webhooks/stripe", { method: "POST", headers, body: payload }));
  }

  /** An event exactly as the emulator sent (or would send) it. */
  async function stripeEvent(id: string): Promise<string> {
    const response = await fetch(`${emulator.url}/v1/events/${id}`, { headers: { authorization: "Bearer sk_test_webhook_harness" } });
    return JSON.stringify(await response.json(), null, 2);
  }

  async function eventsOf(type: string, objectId: string): Promise<Array<{ id: string; created: number; data: { object: { id: string } } }>> {
    const response = await fetch(`${emulator.url}/v1/events?type=${encodeURIComponent(type)}&limit=100`, {
      headers: { authorization: "Bearer sk_test_webhook_harness" },
    });
    const list = (await response.json()) as { data: Array<{ id: string; created: number; data: { object: { id: string } } }> };
    return list.data.filter((e) => e.data.object.id === objectId);
  }

  /**
   * A user who links accounts through the app's own code; `browserCompletes: false` leaves
   * the link session as a browser that went away after the modal would.
   */
  async function linkAccounts(email: string, accounts: string[] = ["checking"], browserCompletes = true, institution = "test_institution") {
    const user = await prisma.user.upsert({ where: { email }, create: { email }, update: {} });
    const { linkSessionId } = await createLinkSession(user, `attempt-${Math.random().toString(36).slice(2)}`);
    const linkSession = await prisma.linkSession.findUniqueOrThrow({ where: { id: linkSessionId } });
    await control(`/_emulator/test_helpers/sessions/${linkSession.stripeSessionId}/complete`, { institution, accounts });
    if (browserCompletes) await completeLinkSession(user.id, linkSessionId);
    return { user, linkSessionId, stripeSessionId: linkSession.stripeSessionId };
  }

  /** A GET of Stripe's API (the emulator), as the app would read it. */
  async function stripeGet<T>(path: string): Promise<T> {
    const response = await fetch(`${emulator.url}${path}`, { headers: { authorization: "Bearer sk_test_webhook_harness" } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<T>;
  }

  /** Every transaction Stripe holds for an account (all pages). */
  async function stripeTransactions(accountId: string): Promise<Stripe.FinancialConnections.Transaction[]> {
    const all: Stripe.FinancialConnections.Transaction[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await stripeGet<{ data: Stripe.FinancialConnections.Transaction[]; has_more: boolean }>(
        `/v1/financial_connections/transactions?account=${accountId}&limit=100${after ? `&starting_after=${after}` : ""}`,
      );
      all.push(...page.data);
      if (!page.has_more || page.data.length === 0) return all;
      after = page.data.at(-1)!.id;
    }
  }

  async function close() {
    await emulator.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The app's answers to the emulator's deliveries of one event, in the order given. */
  const answersFor = (eventId: string) => answers.filter((a) => a.eventId === eventId);

  return { emulator, hookUrl, control, settle, deliver, stripeEvent, eventsOf, linkAccounts, stripeGet, stripeTransactions, answers, answersFor, close };
}

function parseJson(text: string): DeliveryAnswer["body"] {
  try {
    return JSON.parse(text) as DeliveryAnswer["body"];
  } catch {
    return {};
  }
}

function eventIdOf(body: string): string {
  const id = (parseJson(body) as { id?: unknown }).id;
  return typeof id === "string" ? id : "";
}
