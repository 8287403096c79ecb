// What a load run must leave behind, checked in the database against the emulator (Stripe's
// side of the truth, read through its API): each check is a line of the report.
import Stripe from "stripe";
import { prisma } from "@/server/db/client";
import { countBy, formatCounts } from "./stats";

export type Check = { name: string; ok: boolean; detail: string };

const CONCURRENCY = 8;

async function pool<T>(items: T[], run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < items.length) await run(items[next++]!);
  }));
}

function emulatorClient(emulatorUrl: string, key: string): Stripe {
  const url = new URL(emulatorUrl);
  return new Stripe(key, { host: url.hostname, port: Number(url.port), protocol: "http", maxNetworkRetries: 2 });
}

/** Waits until the emulator has no webhook delivery pending (each retried until it succeeds or gives up). */
export async function waitForWebhooks(emulatorUrl: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const wait = Math.min(60_000, Math.max(1_000, deadline - Date.now()));
    const response = await fetch(`${emulatorUrl}/_emulator/webhooks/wait`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ timeout_ms: wait }) });
    if (response.status === 200) return true;
  }
  return false;
}

/**
 * Waits until the app's webhook queue has applied every stored event (none received, none
 * failed with a retry planned); returns how long that took, or null on timeout.
 */
export async function waitForQueue(timeoutMs: number): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const waiting = await prisma.webhookEvent.count({ where: { state: { in: ["received", "failed"] }, nextAttemptAt: { not: null } } });
    if (waiting === 0) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
}

export type StripeReads = { sessions: number; accounts: number; transactions: number; owners: number; other: number };

/**
 * Counts the app's reads of Stripe (GETs at the emulator) from now until `stop()`, by kind: the
 * session and account objects (what linking and webhook handling re-read) apart from the data
 * lists a link asks for once (transactions, owners). Zero-delay fault rules are the emulator's
 * counters: the first rule a request matches takes it, so the narrow ones come first.
 */
export async function countStripeReads(emulatorUrl: string): Promise<{ stop(): Promise<StripeReads> }> {
  const LIMIT = 1_000_000; // the emulator's largest count
  const kinds: [keyof StripeReads, string][] = [
    ["transactions", "/v1/financial_connections/transactions"],
    ["owners", "/v1/financial_connections/accounts/*/owners"],
    ["accounts", "/v1/financial_connections/accounts"],
    ["sessions", "/v1/financial_connections/sessions"],
    ["other", "/v1/"],
  ];
  const ids = new Map<keyof StripeReads, string>();
  for (const [kind, path] of kinds) {
    const response = await fetch(`${emulatorUrl}/_emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path, method: "GET", action: "delay", delay_ms: 0, count: LIMIT }),
    });
    if (!response.ok) throw new Error(`could not count Stripe reads: ${response.status} ${await response.text()}`);
    ids.set(kind, ((await response.json()) as { id: string }).id);
  }
  return {
    async stop() {
      const rules = (await (await fetch(`${emulatorUrl}/_emulator/faults`)).json()) as { data: Array<{ id: string; remaining: number }> };
      const reads = { sessions: 0, accounts: 0, transactions: 0, owners: 0, other: 0 };
      for (const [kind, id] of ids) {
        await fetch(`${emulatorUrl}/_emulator/faults/${id}`, { method: "DELETE" });
        reads[kind] = LIMIT - (rules.data.find((r) => r.id === id)?.remaining ?? LIMIT);
      }
      return reads;
    },
  };
}

export async function verifyLinking(options: { userIds: string[]; emulatorUrl: string; stripeKey: string; expectedAccounts: number; completedFlows: number }): Promise<Check[]> {
  const stripe = emulatorClient(options.emulatorUrl, options.stripeKey);
  const checks: Check[] = [];
  const userIds = new Set(options.userIds);

  const sessions = await prisma.linkSession.findMany({ where: { userId: { in: options.userIds } }, select: { id: true, userId: true, status: true, stripeSessionId: true, accountCount: true } });
  const accounts = await prisma.linkedAccount.findMany({
    where: { userId: { in: options.userIds } },
    select: { id: true, userId: true, linkSessionId: true, stripeAccountId: true, institutionName: true, last4: true, subcategory: true, replacedById: true },
  });
  const succeeded = sessions.filter((s) => s.status === "succeeded").length;
  checks.push({
    name: "link sessions stored",
    // Flows cut off when the run ended may still have completed on the server (or from the
    // webhook), one per user at most; one more is the unmeasured warm-up flow.
    ok: succeeded >= options.completedFlows && succeeded <= options.completedFlows + userIds.size + 1,
    detail: `${sessions.length} sessions (${formatCounts(countBy(sessions, (s) => s.status))}); ${options.completedFlows} completions answered during the run`,
  });

  // Each session holds exactly the accounts Stripe linked to it; nothing linked at Stripe is missing.
  const bySession = new Map<string, typeof accounts>();
  for (const a of accounts) {
    if (!a.linkSessionId) continue;
    const list = bySession.get(a.linkSessionId) ?? [];
    list.push(a);
    bySession.set(a.linkSessionId, list);
  }
  const mismatches: string[] = [];
  let atStripe = 0;
  await pool(sessions, async (s) => {
    const linked: string[] = [];
    for await (const a of stripe.financialConnections.accounts.list({ session: s.stripeSessionId, limit: 100 })) linked.push(a.id);
    atStripe += linked.length;
    const stored = bySession.get(s.id) ?? [];
    const same = stored.length === linked.length && stored.every((a) => linked.includes(a.stripeAccountId) && a.userId === s.userId);
    const expected = s.status === "succeeded" ? linked.length === options.expectedAccounts && s.accountCount === linked.length : linked.length === 0;
    if (!same || !expected) mismatches.push(`${s.id} (${s.status}): Stripe has ${linked.length}, stored ${stored.length}, accountCount ${s.accountCount}`);
  });
  const sessionIds = new Set(sessions.map((s) => s.id));
  const orphans = accounts.filter((a) => !a.linkSessionId || !sessionIds.has(a.linkSessionId));
  checks.push({
    name: "each session has exactly its accounts",
    ok: mismatches.length === 0 && orphans.length === 0 && atStripe === accounts.length,
    detail: `${accounts.length} accounts stored, ${atStripe} linked at Stripe; ${mismatches.length} sessions differ${mismatches.length ? ` (${mismatches.slice(0, 3).join("; ")})` : ""}; ${orphans.length} accounts outside the run's sessions`,
  });

  // Relinks of the same bank account replace the older link: one current account per bank account.
  const current = countBy(accounts.filter((a) => a.replacedById === null), (a) => `${a.userId}|${a.institutionName}|${a.last4}|${a.subcategory}`);
  const doubled = [...current].filter(([, n]) => n > 1);
  const stripeIds = new Set(accounts.map((a) => a.stripeAccountId));
  checks.push({
    name: "no duplicate accounts",
    ok: doubled.length === 0 && stripeIds.size === accounts.length,
    detail: `${current.size} current accounts (the rest replaced by relinks); ${doubled.length} bank accounts with more than one current link; ${accounts.length - stripeIds.size} repeated Stripe ids`,
  });

  // Auto-complete links new bank accounts each time: a relink would mean the run measured the relink path.
  const relinked = accounts.filter((a) => a.replacedById !== null).length;
  const institutions = new Set(accounts.map((a) => a.institutionName));
  checks.push({
    name: "every session linked new bank accounts",
    ok: relinked === 0,
    detail: `${accounts.length - relinked} new links at ${institutions.size} institutions; ${relinked} replaced by a relink`,
  });

  const customers: Stripe.Customer[] = [];
  for await (const c of stripe.customers.list({ limit: 100 })) customers.push(c);
  const stored = await prisma.stripeCustomer.findMany({ where: { userId: { in: options.userIds } } });
  const active = new Set(sessions.map((s) => s.userId));
  const perUser = countBy(customers, (c) => c.metadata.linkwell_user_id ?? "(none)");
  const wrong = [...active].filter((u) => perUser.get(u) !== 1 || stored.filter((s) => s.userId === u).length !== 1 || !customers.some((c) => c.id === stored.find((s) => s.userId === u)?.stripeCustomerId));
  const strangers = customers.filter((c) => !userIds.has(c.metadata.linkwell_user_id ?? ""));
  checks.push({
    name: "one Stripe customer per user",
    ok: wrong.length === 0 && strangers.length === 0,
    detail: `${customers.length} customers at the emulator (/v1/customers) for ${active.size} users who linked; ${wrong.length} users without exactly one; ${strangers.length} customers of nobody`,
  });

  // The emulator's own webhooks (account created, refreshes) during the run: each stored and settled.
  const events: string[] = [];
  for await (const e of stripe.events.list({ limit: 100 })) events.push(e.id);
  const rows = await prisma.webhookEvent.findMany({ where: { stripeEventId: { in: events } }, select: { state: true, attempts: true, type: true } });
  const states = countBy(rows, (r) => r.state);
  const unsettled = rows.filter((r) => r.state !== "processed" && r.state !== "ignored");
  checks.push({
    name: "the emulator's webhooks all applied",
    ok: rows.length === events.length && unsettled.length === 0,
    detail: `${events.length} events sent, ${rows.length} stored (${formatCounts(states)}; attempts ${formatCounts(countBy(rows, (r) => String(r.attempts)))})`,
  });
  return checks;
}

export async function verifyBurst(options: { eventIds: string[]; order: number[]; acknowledged: number[]; duplicateAnswers: number }): Promise<Check[]> {
  const ids = options.eventIds;
  const rows = await prisma.webhookEvent.findMany({ where: { stripeEventId: { in: ids } }, select: { stripeEventId: true, state: true, attempts: true, error: true } });
  const states = countBy(rows, (r) => r.state);
  const notOnce = rows.filter((r) => r.state !== "processed" || r.attempts !== 1);
  const unacknowledged = options.acknowledged.filter((n) => n === 0).length;
  const duplicates = options.order.length - ids.length;
  return [
    {
      name: "every event stored once",
      ok: rows.length === ids.length,
      detail: `${ids.length} distinct events, ${rows.length} rows; ${unacknowledged} events never answered 200`,
    },
    {
      name: "every event applied exactly once",
      ok: notOnce.length === 0 && unacknowledged === 0,
      detail: `states ${formatCounts(states)}; attempts ${formatCounts(countBy(rows, (r) => String(r.attempts)))}${notOnce[0] ? `; e.g. ${notOnce[0].stripeEventId} ${notOnce[0].state} after ${notOnce[0].attempts}: ${notOnce[0].error ?? ""}` : ""}`,
    },
    {
      name: "duplicates acknowledged as duplicates",
      ok: options.duplicateAnswers === duplicates,
      detail: `${duplicates} duplicate deliveries, ${options.duplicateAnswers} answered {duplicate: true}`,
    },
  ];
}

export type DeliveryStats = { deliveries: number; attempts: number; timedOut: number; gaveUp: number; firstTry: number; answerMs: number[] };

/**
 * How the emulator's own deliveries to the app went (phase 1's webhooks): attempts that timed
 * out at the sender, deliveries it gave up on, and how long the app took to answer each attempt.
 */
export async function deliveryStats(emulatorUrl: string): Promise<DeliveryStats> {
  const response = await fetch(`${emulatorUrl}/_emulator/webhooks/deliveries`);
  if (!response.ok) throw new Error(`emulator deliveries: ${response.status}`);
  const { data } = (await response.json()) as { data: { status: string; attempts: { status: number | null; error?: string | null; duration_ms: number }[] }[] };
  const attempts = data.flatMap((d) => d.attempts);
  return {
    deliveries: data.length,
    attempts: attempts.length,
    timedOut: attempts.filter((a) => a.error === "timeout").length,
    gaveUp: data.filter((d) => d.status === "failed").length,
    firstTry: data.filter((d) => d.status === "succeeded" && d.attempts.length === 1).length,
    answerMs: attempts.map((a) => a.duration_ms),
  };
}
