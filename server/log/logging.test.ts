// The log format: request ids on every line written for a request, redaction, and one line per
// Stripe call (against the emulator) naming both our request id and Stripe's.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { setEnvForTests } from "@/server/env";
import { withErrors } from "@/server/http/api-error";
import { stripe } from "@/server/stripe/client";
import { captureLogLines, type LogLine } from "@/test/log-lines";
import * as log from "./logger";
import { isValidRequestId, REQUEST_ID_HEADER, runWithRequestId } from "./request-context";

let emulator: RunningEmulator;
let lines: LogLine[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, persist: false });
  setEnvForTests({ STRIPE_SECRET_KEY: "sk_test_logging", STRIPE_API_BASE: emulator.url });
  lines = captureLogLines("debug");
});

beforeEach(() => {
  lines.length = 0;
});

afterAll(async () => {
  await emulator.close();
});

describe("request context", () => {
  it("puts the request id on every line written while serving the request, and on none outside", async () => {
    await runWithRequestId("req-test-1", async () => {
      log.logger().info("first");
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.logger("linking").warn({ account: "fca_1" }, "after an await");
    });
    log.logger().info("outside");

    expect(lines).toMatchObject([
      { level: "info", msg: "first", request_id: "req-test-1" },
      { level: "warn", msg: "after an await", component: "linking", account: "fca_1", request_id: "req-test-1" },
      { msg: "outside" },
    ]);
    expect(lines[2]).not.toHaveProperty("request_id");
    expect(typeof lines[0]?.time).toBe("string");
  });

  it("takes a well-formed incoming x-request-id and replaces anything else", async () => {
    const failing = withErrors(async (_request: Request) => {
      throw new Error("boom");
    });
    const send = (id: string) => failing(new Request("http://app.test/api/x", { headers: { [REQUEST_ID_HEADER]: id } }));

    expect((await send("lb-4f2a9c")).status).toBe(500);
    await send('forged","level":"fatal');
    await send("x".repeat(200));

    expect(lines.map((l) => l.msg)).toEqual(["unhandled error", "unhandled error", "unhandled error"]);
    expect(lines[0]).toMatchObject({ request_id: "lb-4f2a9c", component: "api", err: { message: "boom" } });
    expect(lines[1]?.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines[2]?.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(isValidRequestId("Root=1-67891233-abcdef012345678912345678")).toBe(true);
  });
});

describe("redaction", () => {
  it("censors credentials wherever this app puts them", () => {
    log.logger().info(
      {
        headers: { authorization: "Bearer lwk_secret", cookie: "next-auth.session-token=abc", "stripe-signature": "t=1,v1=x" },
        req: { headers: { "set-cookie": "a=b" } },
        session: { id: "fcsess_1", client_secret: "fcsess_1_secret_abc" },
        api_key: "sk_test_abc",
        webhook_secret: "whsec_abc",
        err: Object.assign(new Error("card declined"), {
          headers: { "request-id": "req_1" },
          payment_intent: { client_secret: "pi_1_secret_abc" },
        }),
      },
      "with secrets",
    );

    const text = JSON.stringify(lines);
    for (const secret of ["lwk_secret", "session-token=abc", "v1=x", "a=b", "fcsess_1_secret_abc", "sk_test_abc", "whsec_abc", "pi_1_secret_abc"]) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({ session: { id: "fcsess_1", client_secret: "[redacted]" }, err: { message: "card declined" } });
    expect(lines[0]?.err).not.toHaveProperty("headers");
  });

  it("keeps an error's plain fields and drops the objects drivers hang on it", () => {
    const lost = Object.assign(new Error("terminating connection due to administrator command"), {
      code: "57P01",
      severity: "FATAL",
      client: { connectionParameters: { user: "app", password: "hunter2", host: "db.internal" } },
    });
    log.logger().warn({ err: lost }, "idle database connection lost");
    expect(lines[0]?.err).toMatchObject({ message: lost.message, code: "57P01", severity: "FATAL", type: "Error" });
    expect(JSON.stringify(lines[0])).not.toMatch(/hunter2|db\.internal|connectionParameters/);
  });
});

describe("Stripe calls", () => {
  it("log Stripe's request id next to ours, without the query string", async () => {
    const email = "stripe-log@example.com";
    await runWithRequestId("req-test-stripe", async () => {
      await stripe().customers.create({ email });
      await stripe().customers.list({ email, limit: 1 });
    });

    const calls = lines.filter((l) => l.component === "stripe");
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ level: "debug", request_id: "req-test-stripe", method: "POST", path: "/v1/customers", status: 200 });
    expect(calls[0]?.stripe_request_id).toMatch(/^req_/);
    expect(calls[1]).toMatchObject({ method: "GET", path: "/v1/customers", request_id: "req-test-stripe" });
    expect(JSON.stringify(lines)).not.toContain(email);
    expect(JSON.stringify(lines)).not.toContain("sk_test_logging");
  });

  it("log a failed call at info, and the error answer carries its Stripe request id", async () => {
    const failing = withErrors(async (_request: Request) => {
      await stripe().customers.retrieve("cus_missing");
      return new Response("unreachable");
    });
    const response = await failing(new Request("http://app.test/api/x", { headers: { [REQUEST_ID_HEADER]: "req-test-404" } }));

    expect(response.status).toBe(500);
    const [call, error] = lines;
    expect(call).toMatchObject({ level: "info", component: "stripe", status: 404, request_id: "req-test-404" });
    expect(error).toMatchObject({ level: "error", msg: "unhandled error", request_id: "req-test-404", stripe_status: 404 });
    expect(error?.stripe_request_id).toBe(call?.stripe_request_id);
  });
});
