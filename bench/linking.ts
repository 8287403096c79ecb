// Linking figures, printed (not a test). Starts the production build (`npm run build` first)
// against a fresh database and an in-memory emulator, then measures on loopback:
//  - POST /api/link-sessions (the app's route) beside stripe-node creating a session directly
//    on the same emulator: the ratio is what the app adds (auth, rate limit, customer, row);
//  - POST /api/link-sessions/:id/complete for sessions with 1, 5 and 20 accounts;
//  - what Chromium actually loads for /accounts, /admin and /link/<token> (a fresh profile, no
//    cache): every request the page makes until the network is idle, with its transfer size
//    (encoded: what went over the wire, gzip as `next start` serves it) and decoded size, by
//    resource type; Stripe.js and its modal come from STRIPE_JS_URL (the emulator here) and are
//    listed on their own line.
// Run: npm run build && npm run bench:linking   (BENCH_N to change the sample size;
// PLAYWRIGHT_CHROMIUM_PATH, else `chromium` on PATH)
import { randomBytes, randomUUID } from "node:crypto";
import { execSync } from "node:child_process";
import { chromium, type Browser } from "@playwright/test";
import pg from "pg";
import Stripe from "stripe";
import { startEmulator } from "../emulator/server";
import { createTestDatabase } from "../test/database";
import { startNext, waitForHttp } from "../scripts/stack/next-server";

const N = Number(process.env.BENCH_N ?? 200);
const PORT = Number(process.env.BENCH_PORT ?? 3900);
const BASE = `http://127.0.0.1:${PORT}`;
const KEY = "sk_test_bench";

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
function summary(label: string, samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} n=${String(s.length).padStart(4)}  p50 ${pct(s, 50).toFixed(2).padStart(7)} ms  p99 ${pct(s, 99).toFixed(2).padStart(7)} ms`);
  return pct(s, 50);
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const value = await fn();
  return [performance.now() - t, value];
}

async function main() {
  const database = await createTestDatabase();
  const emulator = await startEmulator({ port: 0, persist: false, refreshDelayMs: 50 });
  const next = startNext("start", PORT, {
    NODE_ENV: "production",
    // A test deployment: the emulator, http on loopback, no mail server (server/env.ts refuses them otherwise).
    TEST_DEPLOYMENT: "1",
    DATABASE_URL: database.url,
    NEXTAUTH_URL: `http://localhost:${PORT}`,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    STRIPE_SECRET_KEY: KEY,
    STRIPE_PUBLISHABLE_KEY: "pk_test_bench",
    STRIPE_API_BASE: emulator.url,
    STRIPE_JS_URL: `${emulator.url}/v3/stripe.js`,
    LINK_SESSIONS_PER_MINUTE: "1000",
    LINK_REDIRECT_URIS: "benchapp://linked",
  });
  const db = new pg.Client({ connectionString: database.url });
  try {
    await waitForHttp(`${BASE}/api/health`);
    await db.connect();
    // A signed-in user: an ordinary next-auth database session, as any sign-in makes.
    const userId = randomUUID();
    const token = randomBytes(32).toString("hex");
    await db.query(`INSERT INTO "User"(id, email, "updatedAt") VALUES ($1, $2, now())`, [userId, `bench-${userId}@example.com`]);
    await db.query(`INSERT INTO "Session"(id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, now() + interval '1 day')`, [randomUUID(), token, userId]);
    const headers = { cookie: `next-auth.session-token=${token}`, "content-type": "application/json" };
    const post = (path: string, body?: unknown) =>
      fetch(BASE + path, { method: "POST", headers, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (r) => {
        if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
        return r.json() as Promise<Record<string, unknown>>;
      });

    for (let i = 0; i < 10; i++) await post("/api/link-sessions", { attemptId: randomUUID() }); // warm-up
    const route: number[] = [];
    for (let i = 0; i < N; i++) route.push((await timed(() => post("/api/link-sessions", { attemptId: randomUUID() })))[0]);

    const stripe = new Stripe(KEY, { host: "127.0.0.1", port: emulator.port, protocol: "http" });
    const { rows } = await db.query<{ stripeCustomerId: string }>(`SELECT "stripeCustomerId" FROM "StripeCustomer" WHERE "userId" = $1`, [userId]);
    const customer = rows[0]!.stripeCustomerId;
    const direct: number[] = [];
    const params = { account_holder: { type: "customer" as const, customer }, permissions: ["payment_method", "balances", "ownership", "transactions"] as const, prefetch: ["balances"] as const, filters: { country: "US" } };
    for (let i = 0; i < 10; i++) await stripe.financialConnections.sessions.create({ ...params, permissions: [...params.permissions], prefetch: [...params.prefetch] });
    for (let i = 0; i < N; i++) {
      direct.push((await timed(() => stripe.financialConnections.sessions.create({ ...params, permissions: [...params.permissions], prefetch: [...params.prefetch] })))[0]);
    }
    console.log(`\nsession creation (${N} sequential requests, loopback)`);
    const appP50 = summary("POST /api/link-sessions (app route)", route);
    const directP50 = summary("stripe-node sessions.create (direct)", direct);
    console.log(`app overhead: ${(appP50 / directP50).toFixed(1)}x the direct call at p50 (+${(appP50 - directP50).toFixed(2)} ms)`);

    console.log(`\ncompletion (20 sessions per size)`);
    for (const count of [1, 5, 20]) {
      const samples: number[] = [];
      for (let i = 0; i < 20; i++) {
        const created = await post("/api/link-sessions", { attemptId: randomUUID() });
        const { rows: s } = await db.query<{ stripeSessionId: string }>(`SELECT "stripeSessionId" FROM "LinkSession" WHERE id = $1`, [created.linkSessionId]);
        const picked = await fetch(`${emulator.url}/_emulator/test_helpers/sessions/${s[0]!.stripeSessionId}/complete`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ institution: "test_institution", accounts: ["checking", "savings", "joint_checking"], count }),
        });
        if (!picked.ok) throw new Error(`emulator complete: ${picked.status}`);
        samples.push((await timed(() => post(`/api/link-sessions/${String(created.linkSessionId)}/complete`)))[0]);
      }
      summary(`POST …/complete with ${count} account${count === 1 ? "" : "s"}`, samples);
    }

    // Page weight as Chromium loads it: a user with two linked accounts, an admin, a hosted link.
    const person = await signedInUser(db, "user");
    const personPost = (path: string, body?: unknown) =>
      fetch(BASE + path, { method: "POST", headers: { cookie: `next-auth.session-token=${person.token}`, "content-type": "application/json" }, body: JSON.stringify(body ?? {}) }).then(
        async (r) => {
          if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
          return r.json() as Promise<Record<string, unknown>>;
        },
      );
    const linked = await personPost("/api/link-sessions", { attemptId: randomUUID() });
    const { rows: personSession } = await db.query<{ stripeSessionId: string }>(`SELECT "stripeSessionId" FROM "LinkSession" WHERE id = $1`, [linked.linkSessionId]);
    await fetch(`${emulator.url}/_emulator/test_helpers/sessions/${personSession[0]!.stripeSessionId}/complete`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ institution: "test_institution", accounts: ["checking", "savings"] }),
    });
    await personPost(`/api/link-sessions/${String(linked.linkSessionId)}/complete`);
    const minted = await personPost("/api/link-tokens", { redirect_uri: "benchapp://linked", state: "bench" });
    const admin = await signedInUser(db, "admin");

    const browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"] });
    try {
      console.log(`\npage weight in Chromium (fresh profile, no cache; transfer = bytes on the wire incl. headers, gzip as served; decoded = after decompression)`);
      await pageWeight(browser, "/accounts (2 linked accounts)", `${BASE}/accounts`, person.token, emulator.url);
      await pageWeight(browser, "/admin", `${BASE}/admin`, admin.token, emulator.url);
      const linkPath = new URL(String(minted.url)).pathname;
      await pageWeight(browser, "/link/<token> (hosted, no cookie)", `${BASE}${linkPath}`, null, emulator.url);
    } finally {
      await browser.close();
    }
  } finally {
    await db.end().catch(() => {});
    next.kill("SIGTERM");
    await emulator.close();
    await database.drop();
  }
}

/** A user (or admin) with an ordinary next-auth database session, as any sign-in makes. */
async function signedInUser(db: pg.Client, role: "user" | "admin") {
  const id = randomUUID();
  const token = randomBytes(32).toString("hex");
  await db.query(`INSERT INTO "User"(id, email, role, "updatedAt") VALUES ($1, $2, $3, now())`, [id, `bench-${role}-${id}@example.com`, role]);
  await db.query(`INSERT INTO "Session"(id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, now() + interval '1 day')`, [randomUUID(), token, id]);
  return { id, token };
}

function chromiumPath(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) return process.env.PLAYWRIGHT_CHROMIUM_PATH;
  try {
    return execSync("command -v chromium || command -v chromium-browser", { stdio: ["ignore", "pipe", "ignore"] }).toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

type Loaded = { url: string; type: string; transfer: number; decoded: number; encoding: string };

/**
 * Opens `url` in a new browser context (empty cache) and sums what Chromium loaded until the
 * network was idle: transfer sizes (Playwright's request sizes: encoded body + headers) and
 * decoded body sizes, per resource type, the app's own beside STRIPE_JS_URL's.
 */
async function pageWeight(browser: Browser, label: string, url: string, sessionToken: string | null, stripeJsOrigin: string) {
  const context = await browser.newContext();
  if (sessionToken) await context.addCookies([{ name: "next-auth.session-token", value: sessionToken, url: BASE }]);
  const page = await context.newPage();
  const loaded: Promise<Loaded | null>[] = [];
  page.on("requestfinished", (request) =>
    loaded.push(
      (async () => {
        const response = await request.response();
        if (!response) return null;
        const sizes = await request.sizes();
        const body = await response.body().catch(() => Buffer.alloc(0));
        return {
          url: request.url(),
          type: request.resourceType(),
          transfer: sizes.responseBodySize + sizes.responseHeadersSize,
          decoded: body.length,
          encoding: response.headers()["content-encoding"] ?? "none",
        };
      })(),
    ),
  );
  const response = await page.goto(url, { waitUntil: "networkidle", timeout: 60_000 });
  if (!response?.ok()) throw new Error(`${url}: ${response?.status()}`);
  const all = (await Promise.all(loaded)).filter((l): l is Loaded => l !== null);
  await context.close();

  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const sum = (items: Loaded[], key: "transfer" | "decoded") => items.reduce((total, l) => total + l[key], 0);
  const own = all.filter((l) => !l.url.startsWith(stripeJsOrigin));
  const stripeJs = all.filter((l) => l.url.startsWith(stripeJsOrigin));
  const types = [...new Set(own.map((l) => l.type))].sort();
  const byType = types.map((type) => {
    const items = own.filter((l) => l.type === type);
    return `${type} ${items.length}: ${kib(sum(items, "transfer"))}`;
  });
  const gzipped = own.filter((l) => l.encoding === "gzip" || l.encoding === "br").length;
  console.log(
    `${label.padEnd(36)} app: ${own.length} requests, ${kib(sum(own, "transfer"))} transferred, ${kib(sum(own, "decoded"))} decoded (${gzipped}/${own.length} compressed); ${byType.join("; ")}`,
  );
  console.log(`${"".padEnd(36)} Stripe.js origin (${stripeJsOrigin}): ${stripeJs.length} requests, ${kib(sum(stripeJs, "transfer"))} transferred, ${kib(sum(stripeJs, "decoded"))} decoded`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
