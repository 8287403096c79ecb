// next-auth's reports reach the app's log as JSON with the request id, and without the
// metadata next-auth attaches (addresses, provider responses).
import { beforeEach, expect, it } from "vitest";
import { runWithRequestId } from "@/server/log/request-context";
import { captureLogLines } from "@/test/log-lines";
import { authLogger } from "./auth-logger";

const lines = captureLogLines("debug");

beforeEach(() => {
  lines.length = 0;
});

it("logs an adapter error with its code, message and the request id, and nothing else next-auth sent", () => {
  const failure = new Error("Can't reach database server");
  runWithRequestId("req-auth-1", () => {
    authLogger().error("adapter_error_getSessionAndUser", {
      error: failure,
      email: "someone@example.com",
      tokens: { access_token: "gho_secret" },
    } as never);
  });
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({
    level: "error",
    component: "next-auth",
    code: "adapter_error_getSessionAndUser",
    request_id: "req-auth-1",
    err: { message: "Can't reach database server" },
  });
  const text = JSON.stringify(lines[0]);
  expect(text).not.toContain("someone@example.com");
  expect(text).not.toContain("gho_secret");
});

it("takes a bare Error as the error, and logs warnings and debug reports by code only", () => {
  const log = authLogger();
  log.error("SIGNIN_EMAIL_ERROR", new Error("smtp refused"));
  log.warn("NEXTAUTH_URL");
  log.debug("callback", { token: "secret-token" });
  expect(lines.map((l) => [l.level, l.code])).toEqual([
    ["error", "SIGNIN_EMAIL_ERROR"],
    ["warn", "NEXTAUTH_URL"],
    ["debug", "callback"],
  ]);
  expect(lines[0]).toMatchObject({ err: { message: "smtp refused" } });
  expect(JSON.stringify(lines)).not.toContain("secret-token");
});
