import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Stripe from "stripe";
import { startEmulator } from "./server.js";
import { startTestEmulator, stripeFor, type TestEmulator } from "./test-support.js";

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => {
  await t.emulator.close();
});

const AUTH = { authorization: "Bearer sk_test_raw" };

async function raw(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; json: { error?: { type: string; message: string; param?: string } }; headers: Headers }> {
  const res = await fetch(t.emulator.url + path, { method, body, headers: { ...AUTH, ...headers } });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : {}, headers: res.headers };
}

const FORM = { "content-type": "application/x-www-form-urlencoded" };

describe("bad input gets Stripe-style errors, never a crash", () => {
  it.each([
    ["unknown route", "GET", "/v1/nope", undefined, {}, 404, "Unrecognized request URL (GET: /v1/nope)"],
    ["wrong method", "PUT", "/v1/customers", "", FORM, 404, "Unrecognized request URL (PUT: /v1/customers)"],
    ["wrong method on a resource", "DELETE", "/v1/financial_connections/sessions/fcsess_x", undefined, {}, 404, "Unrecognized request URL"],
    ["JSON body", "POST", "/v1/customers", '{"email":"a@b.c"}', { "content-type": "application/json" }, 400, "unsupported Content-Type application/json"],
    ["bad percent-encoding", "POST", "/v1/customers", "email=%E0%A4%A", FORM, 400, "Invalid URL encoding"],
    ["hash where a string goes", "POST", "/v1/customers", "email[a]=b", FORM, 400, "Invalid string"],
    ["value and hash for one name", "POST", "/v1/customers", "metadata=x&metadata[a]=b", FORM, 400, "Invalid"],
    ["deep nesting", "POST", "/v1/customers", "a[b][c][d][e][f][g][h][i]=1", FORM, 400, "nesting"],
    ["unbalanced brackets", "POST", "/v1/customers", "email[=x", FORM, 400, "Received unknown parameter: email["],
    ["non-root path", "GET", "/", undefined, {}, 404, "Unrecognized request URL (GET: /)"],
  ])("%s", async (_name, method, path, body, headers, status, message) => {
    const r = await raw(method, path, body, headers);
    expect(r.status).toBe(status);
    expect(r.json.error?.type).toBe("invalid_request_error");
    expect(r.json.error?.message).toContain(message);
    expect(r.headers.get("request-id")).toMatch(/^req_/);
  });

  it("refuses oversized bodies with 413 and keeps serving", async () => {
    const big = `description=${"x".repeat(2 * 1024 * 1024)}`;
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(t.emulator.url + "/v1/customers");
      const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: "POST", headers: { ...AUTH, ...FORM, "content-length": Buffer.byteLength(big) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end(big);
    });
    expect(status).toBe(413);
    expect((await t.stripe.customers.create({})).id).toMatch(/^cus_/);
  });

  it("accepts `[]` arrays and Basic auth like Stripe", async () => {
    const c = await t.stripe.customers.create({});
    const body = `account_holder[type]=customer&account_holder[customer]=${c.id}&permissions[]=balances&permissions[]=ownership`;
    const basic = { authorization: `Basic ${Buffer.from("sk_test_basic:").toString("base64")}`, ...FORM };
    const res = await fetch(`${t.emulator.url}/v1/financial_connections/sessions`, { method: "POST", body, headers: basic });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { permissions: string[] }).permissions).toEqual(["balances", "ownership"]);
  });

  it("serves the Stripe.js stand-in with the release train of @stripe/stripe-js", async () => {
    const res = await fetch(`${t.emulator.url}/v3/stripe.js`);
    expect(res.headers.get("content-type")).toContain("javascript");
    expect(await res.text()).toContain('Stripe.version = "endive"');
  });
});

describe("fault injection", () => {
  it("answers 500 for the next N matching requests; stripe-node retries through them", async () => {
    await t.control("/_emulator/faults", { path: "/v1/customers", method: "POST", action: "500", count: 2 });
    const noRetry = stripeFor(t.emulator.url, "sk_test_f", 0);
    await expect(noRetry.customers.create({})).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
    const retrying = stripeFor(t.emulator.url, "sk_test_f", 2);
    expect((await retrying.customers.create({})).id).toMatch(/^cus_/);
    expect((await t.stripe.customers.create({})).id).toMatch(/^cus_/);
  });

  it("answers 429 with Retry-After", async () => {
    await t.control("/_emulator/faults", { path: "/v1/financial_connections/accounts*", action: "429", retry_after: 7 });
    const r = await raw("GET", "/v1/financial_connections/accounts");
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("7");
    expect(r.json.error?.type).toBe("rate_limit_error");
    expect((await raw("GET", "/v1/financial_connections/accounts")).status).toBe(200);
  });

  it("resets the connection, and delays", async () => {
    // stripe-node retries a reset connection once even with maxNetworkRetries 0 (stale keep-alive
    // sockets), so one reset is invisible and two surface as a StripeConnectionError.
    await t.control("/_emulator/faults", { path: "/v1/events", action: "reset", count: 1 });
    expect((await t.stripe.events.list()).object).toBe("list");
    await t.control("/_emulator/faults", { path: "/v1/events", action: "reset", count: 2 });
    await expect(t.stripe.events.list()).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError);
    await t.control("/_emulator/faults", { path: "/v1/events", action: "delay", delay_ms: 300 });
    const start = Date.now();
    await t.stripe.events.list();
    expect(Date.now() - start).toBeGreaterThanOrEqual(280);
  });

  it("removes one rule by id, leaving the others", async () => {
    const mine = await t.control("/_emulator/faults", { path: "/v1/mine", action: "500", count: 5 });
    await t.control("/_emulator/faults", { path: "/v1/theirs", action: "500", count: 5 });
    expect((await t.control(`/_emulator/faults/${String(mine.json.id)}`, undefined, "DELETE")).status).toBe(200);
    expect(((await t.control("/_emulator/faults", undefined, "GET")).json.data as Array<{ path: string }>).map((r) => r.path)).toEqual(["/v1/theirs"]);
    expect((await t.control(`/_emulator/faults/${String(mine.json.id)}`, undefined, "DELETE")).status).toBe(404);
    await t.control("/_emulator/faults", undefined, "DELETE");
  });

  it("lists and clears rules", async () => {
    await t.control("/_emulator/faults", { path: "/v1/never", action: "500", count: 5 });
    expect(((await t.control("/_emulator/faults", undefined, "GET")).json.data as unknown[]).length).toBe(1);
    await t.control("/_emulator/faults", undefined, "DELETE");
    expect(((await t.control("/_emulator/faults", undefined, "GET")).json.data as unknown[]).length).toBe(0);
    const bad = await t.control("/_emulator/faults", { path: "/v1/x", action: "explode" });
    expect(bad.status).toBe(400);
  });
});

describe("persistence", () => {
  it("keeps state across a restart and wipes it on reset", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emu-state-"));
    try {
      const first = await startEmulator({ port: 0, dataDir: dir });
      const c = await stripeFor(first.url).customers.create({ email: "persist@example.com" });
      await first.close();
      const second = await startEmulator({ port: 0, dataDir: dir });
      expect((await stripeFor(second.url).customers.retrieve(c.id)).id).toBe(c.id);
      await fetch(`${second.url}/_emulator/reset`, { method: "POST" });
      await expect(stripeFor(second.url).customers.retrieve(c.id)).rejects.toMatchObject({ statusCode: 404 });
      await second.close();
      const third = await startEmulator({ port: 0, dataDir: dir });
      await expect(stripeFor(third.url).customers.retrieve(c.id)).rejects.toMatchObject({ statusCode: 404 });
      await third.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
