// /_emulator/...: health, reset, fault injection, webhook controls, test helpers. No Stripe key
// needed: these are for developers and tests on this machine, never part of Stripe's API.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emu } from "../core.js";
import { StripeApiError, invalidParam, unrecognizedUrl } from "../http/errors.js";
import { sendJson } from "../http/io.js";
import type { FaultAction } from "../faults/rules.js";
import { parseControlBody, int } from "./body.js";
import { handleTestHelper } from "./test-helpers.js";
import { parseLinkChoice } from "../resources/link.js";

export interface ControlDeps {
  emu: Emu;
  reset: () => void;
}

const FAULT_ACTIONS = ["500", "429", "reset", "delay"];

export async function handleControl(deps: ControlDeps, req: IncomingMessage, res: ServerResponse, url: URL, raw: string, requestId: string): Promise<void> {
  const { emu } = deps;
  const method = req.method ?? "GET";
  const path = url.pathname.replace(/\/+$/, "");
  try {
    const body = method === "GET" ? Object.fromEntries(url.searchParams.entries()) : parseControlBody(req, raw, url.searchParams);
    const reply = (status: number, value: unknown) => sendJson(res, status, value, { "request-id": requestId });

    if (path === "/_emulator/health" && method === "GET") {
      const d = emu.store.data;
      return reply(200, {
        ok: true,
        customers: Object.keys(d.customers).length,
        sessions: Object.keys(d.sessions).length,
        accounts: Object.keys(d.accounts).length,
        events: d.events.length,
        webhook_urls: emu.webhooks.opts.urls,
      });
    }
    if (path === "/_emulator/reset" && method === "POST") {
      deps.reset();
      return reply(200, { ok: true });
    }
    if (path.startsWith("/_emulator/faults/") && method === "DELETE") {
      // One rule, so a test can lift its own fault without clearing other tests' rules.
      const id = path.slice("/_emulator/faults/".length);
      if (!emu.faults.remove(id)) throw new StripeApiError(404, "invalid_request_error", `No such fault rule: '${id}'`, { param: "id" });
      return reply(200, { id, deleted: true });
    }
    if (path === "/_emulator/faults") {
      if (method === "GET") return reply(200, { data: emu.faults.describe() });
      if (method === "DELETE") {
        emu.faults.clear();
        return reply(200, { data: [] });
      }
      if (method === "POST") {
        const action = String(body.action ?? "");
        if (!FAULT_ACTIONS.includes(action)) throw invalidParam(`Invalid action: must be one of ${FAULT_ACTIONS.join(", ")}`, "action");
        const p = body.path;
        if (typeof p !== "string" || !p.startsWith("/")) throw invalidParam("Missing required param: path (e.g. /v1/customers).", "path");
        const rule = emu.faults.add({
          path: p,
          method: typeof body.method === "string" ? body.method : null,
          action: action as FaultAction,
          count: int(body.count, "count", 1, 1, 1_000_000),
          delay_ms: int(body.delay_ms, "delay_ms", 1000, 0, 120_000),
          retry_after: int(body.retry_after, "retry_after", 1, 0, 3600),
        });
        const { matcher: _m, ...shown } = rule;
        return reply(200, shown);
      }
    }
    if (path === "/_emulator/auto_complete") {
      // New sessions complete themselves at their first retrieve (see resources/link.ts); reset restores the start option.
      if (method === "POST") emu.options.autoComplete = parseLinkChoice(body).choice;
      else if (method === "DELETE") emu.options.autoComplete = null;
      if (method === "GET" || method === "POST" || method === "DELETE") return reply(200, { auto_complete: emu.options.autoComplete });
    }
    if (path === "/_emulator/webhooks" && method === "GET") {
      return reply(200, { urls: emu.webhooks.opts.urls, faults: emu.webhooks.faults, deliveries: emu.store.data.deliveries.slice(-200) });
    }
    if (path === "/_emulator/webhooks/deliveries" && method === "GET") {
      const ev = url.searchParams.get("event");
      const data = emu.store.data.deliveries.filter((d) => !ev || d.event === ev);
      return reply(200, { data });
    }
    if (path === "/_emulator/webhooks/endpoints") {
      if (method === "POST") {
        const u = String(body.url ?? "");
        try {
          new URL(u);
        } catch {
          throw invalidParam(`Invalid URL: ${u}`, "url");
        }
        if (!emu.webhooks.opts.urls.includes(u)) emu.webhooks.opts.urls.push(u);
        return reply(200, { urls: emu.webhooks.opts.urls });
      }
      if (method === "DELETE") {
        emu.webhooks.opts.urls.length = 0;
        return reply(200, { urls: [] });
      }
    }
    if (path === "/_emulator/webhooks/faults") {
      if (method === "POST") {
        const action = String(body.action ?? "fail");
        if (!["fail", "duplicate", "delay"].includes(action)) throw invalidParam("Invalid action: must be one of fail, duplicate, delay", "action");
        const f = {
          action: action as "fail" | "duplicate" | "delay",
          remaining: int(body.count, "count", 1, 1, 1_000_000),
          delay_ms: int(body.delay_ms, "delay_ms", 1000, 0, 120_000),
          type: typeof body.type === "string" ? body.type : null,
        };
        emu.webhooks.faults.push(f);
        return reply(200, f);
      }
      if (method === "DELETE") {
        emu.webhooks.faults.length = 0;
        return reply(200, { data: [] });
      }
    }
    if (path === "/_emulator/webhooks/flush" && method === "POST") {
      emu.webhooks.flush();
      return reply(200, { ok: true });
    }
    if (path === "/_emulator/webhooks/wait" && method === "POST") {
      // Waits until every delivery has succeeded or failed for good (bounded by timeout_ms).
      const timeout = int(body.timeout_ms, "timeout_ms", 10_000, 0, 120_000);
      const idle = await Promise.race([emu.webhooks.whenIdle().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), timeout))]);
      return reply(idle ? 200 : 408, { idle });
    }
    if (path.startsWith("/_emulator/test_helpers/")) {
      const result = handleTestHelper(emu, method, path, body);
      if (result !== undefined) return reply(200, result);
    }
    throw unrecognizedUrl(method, url.pathname);
  } catch (err) {
    if (err instanceof StripeApiError) return sendJson(res, err.status, err.body(requestId), { "request-id": requestId });
    console.error("[emulator] control error", err);
    sendJson(res, 500, new StripeApiError(500, "api_error", "An unknown error occurred").body(requestId), { "request-id": requestId });
  }
}
