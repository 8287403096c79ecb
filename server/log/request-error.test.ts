// A render error Next.js reports through onRequestError becomes one JSON line naming the
// request id, route and digest, without the query string (one-time tokens live there).
import { beforeEach, expect, it } from "vitest";
import { captureLogLines } from "@/test/log-lines";
import { logRequestError } from "./request-error";

const lines = captureLogLines("info");

beforeEach(() => {
  lines.length = 0;
});

const context = { routerKind: "App Router", routePath: "/accounts/[id]", routeType: "render", revalidateReason: undefined } as const;

it("logs the error with the request id, route, digest and a path without its query", async () => {
  const error = Object.assign(new Error("relation does not exist"), { digest: "2417503185" });
  await logRequestError(
    error,
    { path: "/accounts/la_1?token=one-time-secret", method: "GET", headers: { "x-request-id": "req-render-1", cookie: "session=abc" } },
    context,
  );
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({
    level: "error",
    component: "next",
    msg: "request failed",
    request_id: "req-render-1",
    digest: "2417503185",
    method: "GET",
    path: "/accounts/la_1",
    route: "/accounts/[id]",
    route_type: "render",
    err: { message: "relation does not exist" },
  });
  const text = JSON.stringify(lines[0]);
  expect(text).not.toContain("one-time-secret");
  expect(text).not.toContain("session=abc");
});

it("drops a request id that is not well-formed rather than writing it into the line", async () => {
  await logRequestError(new Error("x"), { path: "/", method: "GET", headers: { "x-request-id": 'forged","level":"fatal' } }, context);
  expect(lines[0]).not.toHaveProperty("request_id");
  expect(lines[0]).toMatchObject({ level: "error", path: "/" });
});

it("logs an error Next reports once per render pass once per request", async () => {
  const pass = () => Object.assign(new Error("render failed"), { digest: "99" });
  const request = (id: string) => ({ path: "/admin", method: "GET", headers: { "x-request-id": id } });
  await logRequestError(pass(), request("req-a"), { ...context, renderSource: "react-server-components" });
  await logRequestError(pass(), request("req-a"), { ...context, renderSource: "server-rendering" });
  await logRequestError(pass(), request("req-b"), context);
  expect(lines.map((l) => l.request_id)).toEqual(["req-a", "req-b"]);
});
