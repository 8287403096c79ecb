// The servers the end-to-end tests drive: a fresh database (a new database on
// TEST_DATABASE_URL's server, else an in-memory embedded PostgreSQL), an in-memory Stripe
// emulator, the production build on PORT+1 (for the "not in production" checks) and the
// app in development mode on PORT. Started by playwright.config.ts.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createTestDatabase } from "../test/database";
import { loadEnvFile } from "./stack/load-env-file";
import { startLocalServices } from "./stack/local-services";
import { startNext, waitForHttp } from "./stack/next-server";

async function main() {
  loadEnvFile(".env.test");
  const portArg = process.argv.indexOf("--port");
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 3100;
  const prodPort = port + 1;
  const appUrl = `http://localhost:${port}`;
  const stackFile = `.data/e2e-stack-${port}.json`;

  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  // Real Stripe keys in the shell must not leak into the tests: always the emulator here.
  delete process.env.STRIPE_SECRET_KEY;
  const services = await startLocalServices({ appUrl, emulatorDataDir: null, emulatorPort: 0 });
  const env: Record<string, string> = {
    ...services.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: "e2e-only-secret-with-at-least-32-characters",
    ADMIN_EMAILS: "e2e-admin@linkwell.test",
    LINK_REDIRECT_URIS: "linkwell-e2e://linked",
    // Every test signs in (and probes bad API keys) from 127.0.0.1: the per-client limits would
    // throttle the suite itself. The per-address sign-in limit keeps its default and is tested.
    SIGN_IN_EMAILS_PER_CLIENT: "100000",
    API_KEY_FAILURES_PER_CLIENT: "100000",
    // Tests' callback receivers listen on this machine (development's opt-in; production ignores it).
    CALLBACKS_ALLOW_LOOPBACK: "true",
    // GitHub sign-in is offered, so a test can start it (GitHub itself is answered by the test).
    GITHUB_ID: "e2e-github-client",
    GITHUB_SECRET: "e2e-github-secret-never-in-a-bundle",
  };

  // Tests read these to check what the app stored and to drive the emulator's test helpers.
  mkdirSync(".data", { recursive: true });
  // prodEnv: what the production server gets besides the inherited environment, so a test can
  // start more instances of it (e2e/spawn-instance.ts).
  // TEST_DEPLOYMENT: this production build runs against the emulator, on http, with sign-in links
  // in the outbox table; a production start without it refuses all three (server/env.ts).
  const prodEnv = { ...env, NODE_ENV: "production", TEST_DEPLOYMENT: "1" };
  writeFileSync(stackFile, JSON.stringify({ databaseUrl: database.url, emulatorUrl: env.STRIPE_API_BASE, appUrl, prodEnv }, null, 2));

  const prod = startNext("start", prodPort, { ...prodEnv, NEXTAUTH_URL: `http://localhost:${prodPort}` });
  await waitForHttp(`http://127.0.0.1:${prodPort}/`, 60_000);
  const dev = startNext("dev", port, { ...env, NEXTAUTH_URL: appUrl });

  await waitForHttp(`http://127.0.0.1:${port}/api/health`);
  await warmUp(`http://127.0.0.1:${port}`);
  console.log("e2e stack ready");

  const shutdown = async () => {
    dev.kill("SIGTERM");
    prod.kill("SIGTERM");
    await services.close();
    await database.drop();
    rmSync(stackFile, { force: true });
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
  dev.on("exit", () => void shutdown());
  prod.on("exit", () => void shutdown());
}

/**
 * `next dev` compiles each route on its first request, which can take seconds on a small
 * machine; doing it here keeps those seconds out of the tests' timeouts.
 */
async function warmUp(base: string) {
  const routes: [string, string][] = [
    ["GET", "/"], ["GET", "/signin"], ["GET", "/signin/check-email"], ["GET", "/dev/outbox"],
    ["GET", "/accounts"], ["GET", "/accounts/warm-up"], ["GET", "/admin"],
    ["GET", "/api/auth/session"], ["GET", "/api/auth/csrf"], ["POST", "/api/dev/demo-sign-in"],
    ["POST", "/api/link-sessions"], ["POST", "/api/link-sessions/warm-up/complete"],
    ["GET", "/api/accounts/warm-up"],
    ["POST", "/api/webhooks/stripe"],
    ["GET", "/link/warm-up"], ["GET", "/link/resume/warm-up"], ["POST", "/api/link-tokens"],
    ["POST", "/api/link-tokens/start"], ["POST", "/api/link-tokens/complete"], ["GET", "/api/link-sessions/warm-up"],
    ["GET", "/admin/api-keys"], ["GET", "/admin/health"], ["GET", "/admin/accounts/warm-up"], ["GET", "/admin/users/warm-up"],
    ["GET", "/admin/webhooks/warm-up"],
  ];
  const started = performance.now();
  for (const [method, path] of routes) {
    // POSTs carry an empty JSON body so they get past the proxy's body checks to the route itself.
    const body = method === "POST" ? { headers: { "content-type": "application/json" }, body: "{}" } : {};
    await fetch(base + path, { method, redirect: "manual", ...body, signal: AbortSignal.timeout(120_000) }).catch(() => undefined);
  }
  console.log(`warmed up ${routes.length} routes in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
