// The deployment self-check (admin page /admin/health, `npm run doctor`): each check passes on
// a good setting and warns or fails, with a remedy, on a bad one.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { prisma } from "@/server/db/client";
import { parseEnv } from "@/server/env";
import { setLogDestination } from "@/server/log/logger";
import { NOTHING_TO_DO, type DoctorContext, type HeaderFetcher } from "./check";
import { checkCallbackEndpoints, checkFailingCallbacks } from "./callback-checks";
import { checkDatabase, checkEmail } from "./database-checks";
import { runDeploymentChecks } from "./run-deployment-checks";
import { checkStripeAccepted, checkStripeKeys, checkStripeMode, checkWebhookSecret } from "./stripe-checks";
import { checkLatestWebhook, checkWebhookProcessing } from "./webhook-checks";
import { checkHsts, checkLinkingPages, checkPublicUrl, checkReturnUrl, checkSecureCookies } from "./web-checks";

const GOOD = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/app",
  NEXTAUTH_URL: "https://link.example.com",
  NEXTAUTH_SECRET: "x".repeat(32),
  EMAIL_SERVER: "smtps://mailer:smtp-password@smtp.example.com:465",
  STRIPE_SECRET_KEY: "sk_live_abc",
  STRIPE_PUBLISHABLE_KEY: "pk_live_abc",
  STRIPE_WEBHOOK_SECRET: "whsec_real_secret",
};
setLogDestination({ write: () => true }); // a crashing check logs; the assertions read its result

const goodHeaders: HeaderFetcher = async () => ({ status: 200, headers: new Headers({ "referrer-policy": "strict-origin-when-cross-origin" }) });

function ctx(vars: Record<string, string | undefined> = {}, extra: Partial<DoctorContext> = {}): DoctorContext {
  return { env: parseEnv({ ...GOOD, ...vars }), production: true, now: new Date(), fetchHeaders: goodHeaders, ...extra };
}

describe("Stripe", () => {
  it("passes live keys of one mode and a real webhook secret", () => {
    for (const result of [checkStripeKeys(ctx()), checkStripeMode(ctx()), checkWebhookSecret(ctx())]) {
      expect(result).toMatchObject({ status: "pass", remedy: NOTHING_TO_DO });
    }
  });

  it("fails missing keys, mixed modes, the emulator and its public webhook secret in production", () => {
    expect(checkStripeKeys(ctx({ STRIPE_SECRET_KEY: undefined }))).toMatchObject({ status: "fail", message: /STRIPE_SECRET_KEY not set/, remedy: /dashboard/ });
    expect(checkStripeKeys(ctx({ STRIPE_API_BASE: "http://127.0.0.1:12111" }))).toMatchObject({ status: "fail", message: /127\.0\.0\.1:12111/ });
    expect(checkStripeMode(ctx({ STRIPE_PUBLISHABLE_KEY: "pk_test_abc" }))).toMatchObject({ status: "fail", message: /live-mode .* test-mode/ });
    expect(checkStripeMode(ctx({ STRIPE_SECRET_KEY: "sk_test_a", STRIPE_PUBLISHABLE_KEY: "pk_test_a" }))).toMatchObject({ status: "warn" });
    expect(checkWebhookSecret(ctx({ STRIPE_WEBHOOK_SECRET: undefined }))).toMatchObject({ status: "fail" });
    expect(checkWebhookSecret(ctx({ STRIPE_WEBHOOK_SECRET: "whsec_emulator_local_signing_secret" }))).toMatchObject({ status: "fail", message: /public/ });
    // Development with the emulator: fine for the keys, a warning for the public secret.
    const dev = { STRIPE_API_BASE: "http://127.0.0.1:12111", STRIPE_WEBHOOK_SECRET: "whsec_emulator_local_signing_secret" };
    expect(checkStripeKeys(ctx(dev, { production: false }))).toMatchObject({ status: "pass", message: /emulator/ });
    expect(checkWebhookSecret(ctx(dev, { production: false }))).toMatchObject({ status: "warn" });
  });

  describe("with the emulator", () => {
    let emulator: RunningEmulator;
    beforeAll(async () => {
      emulator = await startEmulator({ port: 0, persist: false });
    });
    afterAll(async () => {
      await emulator.close();
    });

    it("passes when an authenticated call is accepted, fails a refused key and an unreachable API", async () => {
      const at = { STRIPE_API_BASE: emulator.url, STRIPE_SECRET_KEY: "sk_test_doctor", STRIPE_PUBLISHABLE_KEY: "pk_test_doctor" };
      expect(await checkStripeAccepted(ctx(at))).toMatchObject({ status: "pass", message: /emulator.*test mode/ });
      expect(await checkStripeAccepted(ctx({ ...at, STRIPE_SECRET_KEY: "sk_test_not-a-valid-key!" }))).toMatchObject({ status: "fail", message: /refused the secret key/ });
      expect(await checkStripeAccepted(ctx({ ...at, STRIPE_API_BASE: "http://127.0.0.1:9" }))).toMatchObject({ status: "fail", message: /Could not reach Stripe/ });
    });
  });
});

describe("public URL, cookies, HSTS", () => {
  it("passes an https NEXTAUTH_URL that matches the requested host", () => {
    expect(checkPublicUrl(ctx({}, { requestHost: "link.example.com" }))).toMatchObject({ status: "pass" });
    expect(checkSecureCookies(ctx())).toMatchObject({ status: "pass" });
    expect(checkHsts(ctx())).toMatchObject({ status: "pass", message: /max-age=/ });
  });

  it("fails http or unset NEXTAUTH_URL and a host mismatch in production; warns in development", () => {
    const http = { NEXTAUTH_URL: "http://link.example.com" };
    expect(checkPublicUrl(ctx(http))).toMatchObject({ status: "fail", message: /not https/, remedy: /NEXTAUTH_URL/ });
    expect(checkPublicUrl(ctx({ NEXTAUTH_URL: undefined }))).toMatchObject({ status: "fail", message: /not set/ });
    expect(checkPublicUrl(ctx({}, { requestHost: "10.0.0.5:3000" }))).toMatchObject({ status: "fail", message: /requested on 10\.0\.0\.5:3000/ });
    expect(checkSecureCookies(ctx(http))).toMatchObject({ status: "fail" });
    expect(checkHsts(ctx(http))).toMatchObject({ status: "fail" });
    expect(checkPublicUrl(ctx(http, { production: false }))).toMatchObject({ status: "warn" });
    expect(checkHsts(ctx({}, { production: false }))).toMatchObject({ status: "warn", message: /development/ });
  });
});

describe("linking pages", () => {
  it("passes without COOP same-origin and with a Referrer-Policy, and a served https return_url", async () => {
    expect(await checkLinkingPages(ctx())).toMatchObject({ status: "pass", message: /strict-origin-when-cross-origin/ });
    expect(await checkReturnUrl(ctx())).toMatchObject({ status: "pass", message: /https:\/\/link\.example\.com\/link\/resume\// });
  });

  it("fails COOP same-origin or no Referrer-Policy on /link and an http return_url; warns when a page cannot be loaded", async () => {
    const coop: HeaderFetcher = async () => ({ status: 200, headers: new Headers({ "cross-origin-opener-policy": "same-origin", "referrer-policy": "no-referrer" }) });
    expect(await checkLinkingPages(ctx({}, { fetchHeaders: coop }))).toMatchObject({ status: "fail", message: /Cross-Origin-Opener-Policy: same-origin/ });
    const bare: HeaderFetcher = async () => ({ status: 200, headers: new Headers() });
    expect(await checkLinkingPages(ctx({}, { fetchHeaders: bare }))).toMatchObject({ status: "fail", message: /no Referrer-Policy/ });
    expect(await checkLinkingPages(ctx({}, { fetchHeaders: async () => null }))).toMatchObject({ status: "warn", message: /Could not load https:\/\/link\.example\.com\/link\// });
    expect(await checkReturnUrl(ctx({ NEXTAUTH_URL: "http://link.example.com" }))).toMatchObject({ status: "fail", message: /not https/ });
    expect(await checkReturnUrl(ctx({}, { fetchHeaders: async () => null }))).toMatchObject({ status: "warn", message: /did not answer/ });
    expect(await checkReturnUrl(ctx({}, { fetchHeaders: async () => ({ status: 502, headers: new Headers() }) }))).toMatchObject({ status: "warn", message: /status 502/ });
  });
});

describe("email", () => {
  it("passes a configured SMTP server without showing its password; fails (production) or warns (development) without one", () => {
    const ok = checkEmail(ctx());
    expect(ok).toMatchObject({ status: "pass", message: /smtp\.example\.com:465/ });
    expect(ok.message).not.toContain("smtp-password");
    expect(checkEmail(ctx({ EMAIL_SERVER: undefined }))).toMatchObject({ status: "fail", remedy: /EMAIL_SERVER/ });
    expect(checkEmail(ctx({ EMAIL_SERVER: undefined }, { production: false }))).toMatchObject({ status: "warn", message: /dev\/outbox/ });
  });
});

describe("webhook events", () => {
  const event = (data: { state: "received" | "processed" | "failed"; receivedAt?: Date; livemode?: boolean }) =>
    prisma.webhookEvent.create({
      data: { stripeEventId: `evt_${randomUUID()}`, type: "financial_connections.account.refreshed_balance", payload: {}, stripeCreated: new Date(), livemode: true, ...data },
    });

  it("warns when none was ever received, then says when the latest verified one came and of which mode", async () => {
    await prisma.webhookEvent.deleteMany();
    expect(await checkLatestWebhook(ctx())).toMatchObject({ status: "warn", remedy: /https:\/\/link\.example\.com\/api\/webhooks\/stripe/ });
    const latest = await event({ state: "processed" });
    expect(await checkLatestWebhook(ctx())).toMatchObject({ status: "pass", message: new RegExp(latest.receivedAt.toISOString()) });
    expect(await checkLatestWebhook(ctx({ STRIPE_SECRET_KEY: "sk_test_a", STRIPE_PUBLISHABLE_KEY: "pk_test_a" }))).toMatchObject({ status: "warn", message: /live-mode while the secret key is test-mode/ });
  });

  it("warns about failed events and fails on events stuck unprocessed", async () => {
    await prisma.webhookEvent.deleteMany();
    expect(await checkWebhookProcessing(ctx())).toMatchObject({ status: "pass" });
    await event({ state: "failed" });
    expect(await checkWebhookProcessing(ctx())).toMatchObject({ status: "warn", message: /1 event failed/ });
    await event({ state: "received", receivedAt: new Date(Date.now() - 2 * 60 * 60 * 1000) });
    await event({ state: "received" }); // just arrived: not stuck
    expect(await checkWebhookProcessing(ctx())).toMatchObject({ status: "fail", message: /1 event has waited over an hour/ });
  });
});

describe("integrator callbacks", () => {
  const key = (webhookUrl: string) => prisma.apiKey.create({ data: { integration: { create: { name: "Test integration", redirectUris: [] } }, name: `Key ${randomUUID().slice(0, 8)}`, prefix: "lw_test", secretHash: randomUUID(), webhookUrl } });

  it("passes public https endpoints, then fails one the rule refuses, and warns about a loopback one only development allows", async () => {
    await key("https://api.example.com/hooks?token=secret");
    expect(await checkCallbackEndpoints(ctx())).toMatchObject({ status: "pass" });
    const local = await key("http://127.0.0.1:4000/hooks");
    const dev = ctx({ CALLBACKS_ALLOW_LOOPBACK: "true" }, { production: false });
    expect(await checkCallbackEndpoints(dev)).toMatchObject({ status: "warn", message: /127\.0\.0\.1:4000/ });
    expect(await checkCallbackEndpoints(ctx())).toMatchObject({ status: "fail" });
    await prisma.apiKey.update({ where: { id: local.id }, data: { revokedAt: new Date() } });
    await key("https://169.254.169.254/latest?token=secret");
    const refused = await checkCallbackEndpoints(dev);
    expect(refused).toMatchObject({ status: "fail", message: /169\.254\.169\.254 is a link-local/ });
    expect(refused.message).not.toContain("token=secret");
  });

  it("warns about endpoints whose callbacks keep failing", async () => {
    expect(await checkFailingCallbacks(ctx())).toMatchObject({ status: "pass" });
    const failing = await key("https://down.example.com/hooks");
    await prisma.integratorCallback.create({ data: { apiKeyId: failing.id, linkSessionId: randomUUID(), url: failing.webhookUrl!, body: "{}", attempts: 3, lastError: "answered 503" } });
    expect(await checkFailingCallbacks(ctx())).toMatchObject({ status: "warn", message: /1 undelivered callback .*down\.example\.com/ });
  });
});

describe("database", () => {
  it("passes a reachable, migrated database with room for the pool; fails a pool larger than the server allows", async () => {
    const [reachable, migrations, pool] = await checkDatabase(ctx());
    expect(reachable).toMatchObject({ id: "database.reachable", status: "pass" });
    expect(migrations).toMatchObject({ id: "database.migrations", status: "pass" });
    expect(pool).toMatchObject({ id: "database.pool", status: "pass", message: /room for \d+ instances/ });
    const [max] = await prisma.$queryRawUnsafe<{ max_connections: string }[]>("SHOW max_connections");
    const huge = ctx();
    huge.env = { ...huge.env, DATABASE_POOL_SIZE: Number(max!.max_connections) };
    expect((await checkDatabase(huge))[2]).toMatchObject({ status: "fail", message: /not even one instance fits/ });
  });

  it("fails with the pending migration named", async () => {
    const [latest] = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      "DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations) RETURNING migration_name",
    );
    expect((await checkDatabase(ctx()))[1]).toMatchObject({ status: "fail", message: new RegExp(latest!.migration_name), remedy: /db:migrate/ });
  });
});

it("runs every check, and a check that throws fails alone", async () => {
  const checks = await runDeploymentChecks(
    ctx({ STRIPE_API_BASE: "http://127.0.0.1:9" }, { fetchHeaders: async () => Promise.reject(new Error("boom")) }),
  );
  expect(checks.map((c) => c.id)).toEqual([
    "stripe.keys", "stripe.mode", "stripe.api", "stripe.webhook_secret", "webhooks.latest", "webhooks.processing",
    "web.public_url", "web.cookies", "web.hsts", "linking.headers", "linking.return_url", "email.delivery",
    "database.reachable", "database.migrations", "database.pool", "callbacks.failing", "callbacks.endpoints",
  ]);
  expect(checks.find((c) => c.id === "linking.headers")).toMatchObject({ status: "fail", message: /The check itself failed: boom/ });
  expect(checks.find((c) => c.id === "email.delivery")).toMatchObject({ status: "pass" });
  for (const c of checks) expect(c.remedy.length).toBeGreaterThan(0);
});
