// Load test (not part of CI): the production build with the Stripe emulator, on loopback only.
//  Phase 1: N simulated users (one autocannon connection each, own session cookie) create and
//           complete link sessions for D seconds; per-step p50/p99/max and req/s; every non-2xx,
//           timeout or wrong answer is an error. Then the database is checked against the emulator.
//  Phase 2: a burst of signed webhook events (with duplicates) at /api/webhooks/stripe; every
//           event must be stored once and applied exactly once.
// Exits non-zero when there was any error or a check failed. The whole run has a hard time cap.
//
//   npm run build && npm run load                         # embedded PGlite
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run load   # a fresh database there
//   npm run load -- --users 50 --duration 20 --events 2000
import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { disconnectPrisma, prisma } from "@/server/db/client";
import { getOverview } from "@/server/admin/overview";
import { runInWorker } from "./load/cannon";
import { measureCreateOverhead } from "./load/idle-overhead";
import { plainInsertRate } from "./load/plain-inserts";
import { profileClock, summarizeProfiles } from "./load/profile";
import { startLoadStack } from "./load/stack";
import { formatCounts, formatSummary, loadAverage, summarize } from "./load/stats";
import { createLoadUsers } from "./load/users";
import { countStripeReads, deliveryStats, verifyBurst, verifyLinking, waitForQueue, waitForWebhooks, type Check } from "./load/verify";
import { buildBurst } from "./load/webhook-burst";

const USAGE = `npm run load -- [--users 200] [--duration 60] [--events 10000] [--duplicates 0.05]
  [--webhook-connections 50] [--timeout 60] [--max-minutes 15] [--accounts checking,savings]
  [--workers 1] [--cpu-prof 0] [--idle-requests 100] [--overview-reads 50]
                                 (--idle-requests: sequential link-session creates measured before the load;
                                  --workers: next start processes sharing the port, as WEB_CONCURRENCY;
                                  --cpu-prof 1: a V8 CPU profile per server process, summarised at the end)`;

const FLAGS = {
  users: 200,
  duration: 60,
  events: 10_000,
  duplicates: 0.05,
  "webhook-connections": 50,
  // A person waits on the "Saving your accounts…" spinner; the browser itself never gives up.
  timeout: 60,
  "max-minutes": 15,
  workers: 1,
  "cpu-prof": 0,
  "idle-requests": 100,
  "overview-reads": 50,
} as const;
type Flag = keyof typeof FLAGS;

function parseArgs(argv: string[]): Record<Flag, number> & { accounts: string[] } {
  const options = { ...FLAGS } as Record<Flag, number>;
  let accounts = ["checking", "savings"];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.replace(/^--/, "");
    const value = argv[++i];
    if (name === "help" || value === undefined) throw new Error(USAGE);
    if (name === "accounts") accounts = value.split(",").map((s) => s.trim()).filter(Boolean);
    else if (name in FLAGS && Number.isFinite(Number(value)) && Number(value) >= 0) options[name as Flag] = Number(value);
    else throw new Error(`bad option --${name} ${value}\n${USAGE}`);
  }
  if (!Number.isInteger(options.users) || options.users < 1) throw new Error("--users must be a whole number of at least 1");
  if (options.duplicates > 1) throw new Error("--duplicates is a share of --events, from 0 to 1");
  if (!Number.isInteger(options.workers) || options.workers < 1) throw new Error("--workers must be a whole number of at least 1");
  return { ...options, accounts };
}

/** The server's log lines that say something went wrong, grouped by what they say, most frequent first. */
function serverLogProblems(file: string): [string, number][] {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const counts = new Map<string, number>();
  for (const line of text.split("\n")) {
    let what: string | null = null;
    try {
      const entry = JSON.parse(line) as { level?: string; component?: string; msg?: string; err?: { message?: string }; error?: string };
      if (entry.level === "warn" || entry.level === "error") what = `${entry.level} [${entry.component ?? "-"}] ${entry.msg ?? ""}: ${entry.err?.message ?? entry.error ?? ""}`;
    } catch {
      if (/error|warn|fail/i.test(line) && !line.startsWith(" ")) what = line;
    }
    if (what) counts.set(what.slice(0, 200), (counts.get(what.slice(0, 200)) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);


function printChecks(checks: Check[]): boolean {
  for (const c of checks) console.log(`  ${c.ok ? "ok  " : "FAIL"} ${c.name}: ${c.detail}`);
  return checks.every((c) => c.ok);
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  // Set as soon as the stack starts, so an interrupt during start-up cleans up too.
  let closeStack: (() => Promise<void>) | undefined;
  let stopping = false;
  const stop = async (why: string, code: number) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${why}: stopping the servers and dropping the run's database`);
    await closeStack?.();
    process.exit(code);
  };
  // A bound on the whole run, whatever hangs: the children and the database go with it.
  setTimeout(() => void stop(`hard time limit of ${options["max-minutes"]} minutes reached`, 2), options["max-minutes"] * 60_000).unref();
  process.once("SIGINT", () => void stop("interrupted", 130));
  process.once("SIGTERM", () => void stop("terminated", 143));

  const linkSessionsPerMinute = 1000;
  console.log(`load test: ${options.users} users × ${options.duration} s, then ${options.events} webhook events + ${Math.round(options.events * options.duplicates)} duplicates (${loadAverage()})`);
  // distinct: every session links bank accounts nobody linked before (institutions in turn), so
  // each round measures new links, not relinks of the same two accounts.
  const cpuProfileDir = options["cpu-prof"] ? path.resolve(`.data/load/profile-${new Date().toISOString().replace(/[:.]/g, "-")}`) : undefined;
  const stack = await startLoadStack(
    { autoComplete: { institution: "test_institution", accounts: options.accounts, distinct: true }, linkSessionsPerMinute, workers: options.workers, cpuProfileDir },
    (close) => (closeStack = close),
  );
  console.log(`  database: ${stack.databaseKind}`);
  const servers = options.workers > 1 ? `${options.workers} workers of next start sharing the port` : "next start";
  console.log(`  app: ${servers} (production build) at ${stack.appUrl}, LINK_SESSIONS_PER_MINUTE=${linkSessionsPerMinute} (the maximum; default 10), log in ${stack.serverLog}`);
  console.log(`  stripe: emulator at ${stack.emulatorUrl}, auto-complete on (${options.accounts.length} new bank accounts per session, institutions in turn, never a relink), webhooks to the app`);
  console.log(`  autocannon runs in a worker thread; the emulator${stack.databaseKind.startsWith("embedded") ? " and the embedded database share" : " runs in"} this process's main thread`);

  try {
    const users = await createLoadUsers(options.users);
    // One flow first, not measured: the server loads each route's code on its first request.
    const warm = { cookie: users[0]!.cookie, origin: stack.appUrl, "content-type": "application/json" };
    const created = (await (await fetch(`${stack.appUrl}/api/link-sessions`, { method: "POST", headers: warm, body: JSON.stringify({ attemptId: crypto.randomUUID() }) })).json()) as { linkSessionId?: string };
    const warmed = await fetch(`${stack.appUrl}/api/link-sessions/${created.linkSessionId}/complete`, { method: "POST", headers: { cookie: warm.cookie, origin: warm.origin } });
    if (!warmed.ok) throw new Error(`warm-up flow failed: ${warmed.status} ${await warmed.text()}`);

    // Phase 1
    const expectedAccounts = options.accounts.length;
    console.log(`\nphase 1: ${options.users} users creating and completing link sessions for ${options.duration} s (timeout ${options.timeout} s)`);
    const reads = await countStripeReads(stack.emulatorUrl);
    const cpuBefore = stack.serverCpuSeconds();
    const phase1From = profileClock();
    const link = await runInWorker(
      { kind: "link", url: stack.appUrl, connections: options.users, durationSeconds: options.duration, timeoutSeconds: options.timeout, cookies: users.map((u) => u.cookie), expectedAccounts },
      (text) => console.log(`  … ${text} (${loadAverage()})`),
    );
    const phase1Window = { from: phase1From, to: profileClock() };
    const phase1Load = loadAverage();
    const all = [...link.steps.create.latencies, ...link.steps.complete.latencies];
    console.log(formatSummary("POST /api/link-sessions", summarize(link.steps.create.latencies), link.seconds));
    console.log(formatSummary("POST /api/link-sessions/:id/complete", summarize(link.steps.complete.latencies), link.seconds));
    console.log(formatSummary("all requests", summarize(all), link.seconds));
    console.log(`  ${link.completedFlows} links completed = ${(link.completedFlows / link.seconds).toFixed(1)}/s in ${link.seconds.toFixed(1)} s (${phase1Load})`);
    let non2xx = 0;
    for (const [step, result] of Object.entries(link.steps)) {
      non2xx += Object.entries(result.statuses).filter(([s]) => !s.startsWith("2")).reduce((n, [, c]) => n + c, 0);
      console.log(`  ${step}: statuses ${formatCounts(new Map(Object.entries(result.statuses)))}; timeouts ${result.timeouts}`);
    }
    const linkErrors = non2xx + link.timeouts + link.connectionErrors + link.wrongAnswers;
    console.log(`  errors: ${linkErrors} (non-2xx ${non2xx}, timeouts ${link.timeouts}, connection errors ${link.connectionErrors}, wrong answers ${link.wrongAnswers})`);
    for (const p of link.problems) console.log(`    ${p}`);

    const delivered = await waitForWebhooks(stack.emulatorUrl, 180_000);
    const applied = delivered ? await waitForQueue(180_000) : null;
    const stripeReads = await reads.stop();
    const cpuAfter = stack.serverCpuSeconds();
    // Until the queue is empty: the webhooks a link brings are part of what it costs.
    // Per session the server completed in the run: those whose answer came after the run ended
    // (or never, completed from their webhooks) cost the server the same.
    const serverLinks = (await prisma.linkSession.count({ where: { userId: { in: users.map((u) => u.id) }, status: "succeeded" } })) - 1;
    const cpuPerLink = cpuBefore !== null && cpuAfter !== null && serverLinks > 0 ? ((cpuAfter - cpuBefore) * 1000) / serverLinks : null;
    if (cpuPerLink !== null) {
      console.log(
        `  server CPU (user + system of the next start processes, from /proc) from the start of phase 1 until its webhooks were applied: ` +
          `${(cpuAfter! - cpuBefore!).toFixed(1)} s for ${serverLinks} link sessions completed = ${cpuPerLink.toFixed(1)} ms per link`,
      );
    }
    const settled = delivered && applied !== null;
    const perLink = (n: number) => (n / Math.max(1, link.completedFlows)).toFixed(2);
    const objectReads = stripeReads.sessions + stripeReads.accounts;
    console.log(
      `  Stripe reads per completed link of ${expectedAccounts} accounts (GETs at the emulator while linking and applying the run's webhooks): ` +
        `${perLink(objectReads)} session and account reads (target <= ${1 + expectedAccounts}: ${perLink(stripeReads.sessions)} sessions, ${perLink(stripeReads.accounts)} accounts), ` +
        `plus the data asked for: ${perLink(stripeReads.transactions)} transaction lists, ${perLink(stripeReads.owners)} owner lists` +
        (stripeReads.other ? `, ${perLink(stripeReads.other)} other` : ""),
    );
    const sent = await deliveryStats(stack.emulatorUrl);
    const sentAnswer = summarize(sent.answerMs);
    console.log(
      `  the emulator's webhook deliveries to the app: ${sent.deliveries} (${sent.firstTry} answered on the first try); ${sent.attempts} attempts, ` +
        `${sent.timedOut} timed out at the sender (the emulator waits 5 s), ${sent.gaveUp} given up; attempts took p50 ${fmtMs(sentAnswer.p50)} / p99 ${fmtMs(sentAnswer.p99)} / max ${fmtMs(sentAnswer.max)}`,
    );
    console.log(`\nphase 1 checks (emulator webhooks: ${delivered ? "none pending" : "STILL PENDING after 3 minutes"}; app queue: ${applied === null ? "NOT EMPTY" : `empty ${applied.toFixed(1)} s after`}):`);
    const linkChecks = await verifyLinking({ userIds: users.map((u) => u.id), emulatorUrl: stack.emulatorUrl, stripeKey: stack.serverEnv.STRIPE_SECRET_KEY!, expectedAccounts, completedFlows: link.completedFlows });
    const linkOk = printChecks(linkChecks) && settled;

    // Phase 2
    const accounts = await prisma.linkedAccount.findMany({ where: { userId: { in: users.map((u) => u.id) } }, select: { stripeAccountId: true, user: { select: { stripeCustomers: { select: { stripeCustomerId: true } } } } } });
    const burst = buildBurst(
      accounts.map((a) => ({ stripeAccountId: a.stripeAccountId, stripeCustomerId: a.user.stripeCustomers[0]?.stripeCustomerId ?? "" })),
      options.events,
      Math.round(options.events * options.duplicates),
    );
    console.log(`\nphase 2: ${burst.order.length} webhook deliveries (${options.events} events about ${Math.min(accounts.length, options.events)} accounts, ${burst.order.length - options.events} duplicates), ${options["webhook-connections"]} connections`);
    const phase2From = profileClock();
    const hook = await runInWorker(
      { kind: "webhooks", url: stack.appUrl, connections: options["webhook-connections"], timeoutSeconds: options.timeout, maxSeconds: options["max-minutes"] * 60, secret: stack.webhookSecret, payloads: burst.payloads, order: burst.order },
      (text) => console.log(`  … ${text} (${loadAverage()})`),
    );
    const drained = await waitForQueue(options["max-minutes"] * 60_000);
    const phase2Window = { from: phase2From, to: profileClock() };
    console.log(formatSummary("POST /api/webhooks/stripe", summarize(hook.latencies), hook.seconds));
    console.log(`  ${hook.latencies.length} deliveries answered in ${hook.seconds.toFixed(1)} s = ${(hook.latencies.length / hook.seconds).toFixed(1)} deliveries/s (${loadAverage()})`);
    if (drained !== null) {
      const appliedSeconds = hook.seconds + drained;
      console.log(`  ${options.events} events applied ${drained.toFixed(1)} s after the last answer: ${appliedSeconds.toFixed(1)} s from the first delivery = ${(options.events / appliedSeconds).toFixed(1)} events/s`);
    } else console.log(`  the queue was NOT empty when the time limit came`);
    // The app's own pool size (server/env.ts's default when the run sets none).
    const poolSize = Number(stack.serverEnv.DATABASE_POOL_SIZE ?? 10);
    const plain = await plainInsertRate(stack.databaseUrl, burst.payloads, { concurrency: options["webhook-connections"], poolSize });
    const appliedRate = drained !== null ? options.events / (hook.seconds + drained) : null;
    console.log(
      `  plain INSERT baseline (the same ${plain.rows} events as rows of a copy of the table, ${options["webhook-connections"]} at a time, pool ${poolSize}): ${plain.perSecond.toFixed(0)} rows/s` +
        (appliedRate !== null ? `; events applied = ${(appliedRate / plain.perSecond).toFixed(3)}x that (${loadAverage()})` : ""),
    );
    const hookErrors = Object.entries(hook.statuses).filter(([s]) => s !== "200").reduce((n, [, c]) => n + c, 0) + hook.timeouts + hook.connectionErrors;
    console.log(`  statuses ${formatCounts(new Map(Object.entries(hook.statuses)))}; timeouts ${hook.timeouts}; connection errors ${hook.connectionErrors}; errors: ${hookErrors}`);
    for (const p of hook.problems) console.log(`    ${p}`);
    console.log(`\nphase 2 checks:`);
    const burstOk = printChecks(await verifyBurst({ eventIds: burst.eventIds, order: burst.order, acknowledged: hook.acknowledged, duplicateAnswers: hook.duplicateAnswers }));

    // Idle, once the queue is empty: what the route adds to its Stripe call. After the checks,
    // so the sessions it leaves pending (which Stripe reconciliation may complete) count in none.
    let idle: Awaited<ReturnType<typeof measureCreateOverhead>> | null = null;
    if (options["idle-requests"] > 0) {
      idle = await measureCreateOverhead({ appUrl: stack.appUrl, emulatorUrl: stack.emulatorUrl, stripeKey: stack.serverEnv.STRIPE_SECRET_KEY!, user: users[0]!, n: options["idle-requests"] });
      console.log(`\nidle: ${options["idle-requests"]} sequential POST /api/link-sessions of one user beside as many sessions.create calls straight to the emulator (${loadAverage()})`);
      console.log(formatSummary("POST /api/link-sessions", idle.route, 0));
      console.log(formatSummary("stripe-node sessions.create", idle.stripeOnly, 0));
      console.log(`  overhead over the Stripe call: p50 ${idle.overheadP50.toFixed(2)} ms`);
    }

    // The admin overview as an admin's page reads it, on this run's database.
    const overviewTimes: number[] = [];
    for (let i = 0; i < options["overview-reads"]; i++) {
      const started = performance.now();
      await getOverview();
      overviewTimes.push(performance.now() - started);
    }
    const accountCount = await prisma.linkedAccount.count();
    const overview = overviewTimes.length ? summarize(overviewTimes) : null;
    if (overview) console.log(`\nadmin overview (getOverview, ${overview.n} reads at ${accountCount} accounts): p50 ${overview.p50.toFixed(1)} ms, p95 ${overview.p95.toFixed(1)} ms (npm run bench:admin measures it at 1,000,000)`);

    const hookSummary = summarize(hook.latencies);
    const createSummary = summarize(link.steps.create.latencies);
    const completeSummary = summarize(link.steps.complete.latencies);
    const met = (ok: boolean) => (ok ? "met" : "not met");
    const rows: [string, string, string][] = [
      ["links completed per second, one instance", `${(link.completedFlows / link.seconds).toFixed(1)} (errors ${linkErrors})`, `>= 40: ${met(link.completedFlows / link.seconds >= 40 && linkErrors === 0)}`],
      ["per-step latency (create; complete)", `p50 ${fmtMs(createSummary.p50)} / p99 ${fmtMs(createSummary.p99)}; p50 ${fmtMs(completeSummary.p50)} / p99 ${fmtMs(completeSummary.p99)}`, `p50 <= 1 s, p99 <= 3 s: ${met(Math.max(createSummary.p50, completeSummary.p50) <= 1000 && Math.max(createSummary.p99, completeSummary.p99) <= 3000)}`],
      ["server CPU per link the server completed", cpuPerLink === null ? "n/a" : `${cpuPerLink.toFixed(1)} ms`, cpuPerLink === null ? "<= 30 ms" : `<= 30 ms: ${met(cpuPerLink <= 30)}`],
      ["Stripe reads per completed link", `${perLink(objectReads)} (+ ${perLink(stripeReads.transactions)} transaction, ${perLink(stripeReads.owners)} owner lists)`, `<= ${1 + expectedAccounts}: ${met(objectReads / Math.max(1, link.completedFlows) <= 1 + expectedAccounts)}`],
      ["webhook delivery answered, p99 of the burst", fmtMs(hookSummary.p99), `<= 50 ms: ${met(hookSummary.p99 <= 50)}`],
      ["webhook delivery answered during phase 1, p99 (sender timeouts)", `${fmtMs(sentAnswer.p99)} (${sent.timedOut} of ${sent.attempts} attempts timed out)`, `within the sender's timeout: ${met(sent.timedOut === 0)}`],
      ["events applied vs plain inserts", appliedRate === null ? "queue not empty" : `${appliedRate.toFixed(0)}/s vs ${plain.perSecond.toFixed(0)}/s = ${(appliedRate / plain.perSecond).toFixed(3)}x`, `>= 0.5x: ${met(appliedRate !== null && appliedRate / plain.perSecond >= 0.5)}`],
      [`admin overview p95 at ${accountCount} accounts`, overview ? fmtMs(overview.p95) : "not measured", "<= 20 ms at 1M: npm run bench:admin"],
      ["POST /api/link-sessions overhead over Stripe, idle p50", idle ? fmtMs(idle.overheadP50) : "not measured", idle ? `<= 3 ms: ${met(idle.overheadP50 <= 3)}` : "<= 3 ms"],
    ];
    console.log(`\nsummary (${stack.databaseKind.split(" (")[0]}, ${servers}; ${loadAverage()}):`);
    for (const [what, value, target] of rows) console.log(`  ${what.padEnd(56)} ${value.padEnd(48)} ${target}`);

    const logProblems = serverLogProblems(stack.serverLog);
    console.log(`\nserver log: ${logProblems.reduce((n, [, c]) => n + c, 0)} warnings and errors${logProblems.length ? `, most frequent:` : ""}`);
    for (const [what, count] of logProblems.slice(0, 8)) console.log(`  ${String(count).padStart(6)}× ${what}`);
    if (cpuProfileDir) {
      await stack.stopServer();
      console.log(`\nCPU profile of phase 1 (${cpuProfileDir}):`);
      console.log(summarizeProfiles(cpuProfileDir, { completedLinks: link.completedFlows, window: phase1Window }));
      console.log(`\nCPU profile of phase 2 (the webhook burst until the queue was empty):`);
      console.log(summarizeProfiles(cpuProfileDir, { window: phase2Window, top: 12 }));
    }
    const ok = linkErrors === 0 && hookErrors === 0 && linkOk && burstOk;
    console.log(`\n${ok ? "PASSED" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)} s (${loadAverage()}; uptime: ${execSync("uptime").toString().trim()})`);
    return ok ? 0 : 1;
  } finally {
    if (!stopping) {
      stopping = true;
      await disconnectPrisma().catch(() => {});
      await stack.close();
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
