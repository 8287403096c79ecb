// startEmulator(): the whole emulator on one node:http server. Used by main.ts (the CLI) and
// in-process by tests, which pass port 0 and persist: false.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Emu } from "./core.js";
import { Store } from "./store/store.js";
import { requestId as newRequestId } from "./store/ids.js";
import { Router } from "./http/router.js";
import { createApiHandler } from "./http/api.js";
import { StripeApiError, unrecognizedUrl } from "./http/errors.js";
import { readBody, sendJson } from "./http/io.js";
import { customerRoutes } from "./resources/customers.js";
import { sessionRoutes } from "./resources/sessions.js";
import { accountRoutes } from "./resources/accounts.js";
import { transactionRoutes } from "./resources/transactions.js";
import { eventRoutes } from "./resources/events.js";
import { setupIntentRoutes } from "./resources/setup-intents.js";
import { setupAttemptRoutes } from "./resources/setup-attempts.js";
import { paymentMethodRoutes } from "./resources/payment-methods.js";
import { mandateRoutes } from "./resources/mandates.js";
import { resumeRefreshes } from "./resources/refresh.js";
import { handleControl } from "./control/routes.js";
import { handleModal } from "./modal/routes.js";
import { parseLinkChoice } from "./resources/link.js";
import type { LinkChoice } from "./store/records.js";

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** Keep state in `dataDir` (default true). Tests pass false for a throwaway in-memory emulator. */
  persist?: boolean;
  dataDir?: string;
  webhookUrls?: string[];
  webhookSecret?: string;
  publicUrl?: string;
  /** The business name the modal shows (Stripe shows the platform account's). Default: Linkwell. */
  businessName?: string;
  refreshDelayMs?: number;
  refreshCooldownSeconds?: number;
  webhookRetryBaseMs?: number;
  webhookRetryMaxMs?: number;
  webhookMaxAttempts?: number;
  webhookTimeoutMs?: number;
  /**
   * Off by default. Sessions created while on complete with these accounts (Test Institution's
   * checking by default) when the API first returns them, as if their user finished the modal
   * at once: for load tests, which cannot drive the modal. `/_emulator/auto_complete` changes it.
   */
  autoComplete?: Partial<LinkChoice> | null;
}

export interface RunningEmulator {
  url: string;
  port: number;
  emu: Emu;
  webhookSecret: string;
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_BUSINESS_NAME = "Linkwell";
export const DEFAULT_WEBHOOK_SECRET = "whsec_emulator0000000000000000000000000000";

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const persist = options.persist ?? true;
  const store = new Store(persist ? (options.dataDir ?? ".data/emulator") : null);
  const webhookSecret = options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET;
  const autoComplete = options.autoComplete ? parseLinkChoice(options.autoComplete).choice : null;
  const emu = new Emu(store, {
    refreshDelayMs: options.refreshDelayMs ?? 1000,
    refreshCooldownSeconds: options.refreshCooldownSeconds ?? 0,
    publicUrl: options.publicUrl ?? null,
    businessName: options.businessName?.trim() || DEFAULT_BUSINESS_NAME,
    autoComplete,
    webhooks: {
      urls: [...(options.webhookUrls ?? [])],
      secret: webhookSecret,
      retryBaseMs: options.webhookRetryBaseMs ?? 500,
      retryMaxMs: options.webhookRetryMaxMs ?? 30_000,
      maxAttempts: options.webhookMaxAttempts ?? 8,
      timeoutMs: options.webhookTimeoutMs ?? 5000,
    },
  });
  const router = new Router().add([
    ...customerRoutes,
    ...sessionRoutes,
    ...accountRoutes,
    ...transactionRoutes,
    ...eventRoutes,
    ...setupIntentRoutes,
    ...setupAttemptRoutes,
    ...paymentMethodRoutes,
    ...mandateRoutes,
  ]);
  const api = createApiHandler(emu, router);
  const reset = () => {
    emu.faults.clear();
    emu.options.autoComplete = autoComplete;
    api.clearIdempotency();
    store.reset();
  };

  const sockets = new Set<Socket>();
  const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => void onRequest(req, res));
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  // A malformed request line or header never reaches the handler: answer it and move on.
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
    else socket.destroy();
  });

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rid = newRequestId();
    res.setHeader("request-id", rid);
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("access-control-expose-headers", "request-id, stripe-version, idempotency-key");
    try {
      const url = new URL(req.url ?? "/", "http://emulator.local");
      const method = req.method ?? "GET";
      if (method === "OPTIONS") {
        res.writeHead(204, {
          "access-control-allow-methods": "GET, POST, DELETE",
          "access-control-allow-headers": "authorization, content-type, idempotency-key, stripe-version",
          "access-control-max-age": "600",
        });
        res.end();
        return;
      }
      const raw = await readBody(req);
      const path = url.pathname;
      if (!path.startsWith("/_emulator/")) {
        const fault = emu.faults.take(method, path);
        if (fault) {
          if (fault.action === "reset") {
            req.socket.destroy();
            return;
          }
          if (fault.action === "delay") await new Promise((r) => setTimeout(r, fault.delay_ms));
          if (fault.action === "500") {
            sendJson(res, 500, new StripeApiError(500, "api_error", "An unknown error occurred (injected by the emulator).").body(rid));
            return;
          }
          if (fault.action === "429") {
            const e = new StripeApiError(429, "rate_limit_error", "Too many requests made to the API too quickly (injected by the emulator).", { code: "rate_limit" });
            sendJson(res, 429, e.body(rid), { "retry-after": String(fault.retry_after) });
            return;
          }
        }
      }
      if (path === "/v1" || path.startsWith("/v1/")) return await api.handle(req, res, url, raw, rid);
      if (await handleModal(emu, req, res, url, raw, rid)) return;
      if (path.startsWith("/_emulator/")) return await handleControl({ emu, reset }, req, res, url, raw, rid);
      const e = unrecognizedUrl(method, path);
      sendJson(res, e.status, e.body(rid));
    } catch (err) {
      if (err instanceof StripeApiError) {
        sendJson(res, err.status, err.body(rid));
        if (err.status === 413) res.once("finish", () => req.socket.destroy());
        return;
      }
      console.error("[emulator] unexpected error", err);
      sendJson(res, 500, new StripeApiError(500, "api_error", "An unknown error occurred").body(rid));
    }
  }

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 12111, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  if (!emu.options.publicUrl) emu.options.publicUrl = url;
  resumeRefreshes(emu);
  emu.webhooks.resume();

  return {
    url,
    port,
    emu,
    webhookSecret,
    reset,
    close: async () => {
      emu.close();
      store.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}
