// Serves the Stripe.js stand-in (/v3/stripe.js), the modal page and its JSON API.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emu } from "../core.js";
import { sendJson } from "../http/io.js";
import { parseControlBody } from "../control/body.js";
import { StripeApiError } from "../http/errors.js";
import { stripeJsSource } from "./stripe-js.js";
import { modalHtml, oauthHtml } from "./page.js";
import { MODAL_JS, OAUTH_JS } from "./client.js";
import { ModalError, cancelResult, handleModalApi } from "./api.js";

function send(res: ServerResponse, type: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(200, { "content-type": `${type}; charset=utf-8`, "content-length": Buffer.byteLength(body), "cache-control": "no-cache", ...extra });
  res.end(body);
}

// The modal page may be framed by any app origin (that is its purpose), but nothing else loads.
const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

export async function handleModal(emu: Emu, req: IncomingMessage, res: ServerResponse, url: URL, raw: string, rid: string): Promise<boolean> {
  const path = url.pathname;
  const method = req.method ?? "GET";
  if (method === "GET" && (path === "/v3/stripe.js" || path === "/v3" || path === "/v3/")) {
    send(res, "application/javascript", stripeJsSource(emu.options.publicUrl ?? ""), { "cross-origin-resource-policy": "cross-origin" });
    return true;
  }
  if (!path.startsWith("/_emulator/modal")) return false;
  if (method === "GET" && path === "/_emulator/modal") {
    send(res, "text/html", modalHtml(), { "content-security-policy": PAGE_CSP, "referrer-policy": "same-origin" });
    return true;
  }
  if (method === "GET" && path === "/_emulator/modal/oauth") {
    send(res, "text/html", oauthHtml(), { "content-security-policy": PAGE_CSP, "referrer-policy": "same-origin" });
    return true;
  }
  if (method === "GET" && path === "/_emulator/modal/modal.js") {
    send(res, "application/javascript", MODAL_JS);
    return true;
  }
  if (method === "GET" && path === "/_emulator/modal/oauth.js") {
    send(res, "application/javascript", OAUTH_JS);
    return true;
  }
  const m = /^\/_emulator\/modal\/api\/([a-z_]+)$/.exec(path);
  if (m && method === "POST") {
    try {
      const body = parseControlBody(req, raw, new URLSearchParams());
      const action = m[1] ?? "";
      const result = action === "cancel" ? cancelResult(emu, body) : handleModalApi(emu, action, body);
      sendJson(res, 200, result, {}, false);
    } catch (err) {
      if (err instanceof ModalError) sendJson(res, err.status, { error: { type: "invalid_request_error", message: err.message } });
      else if (err instanceof StripeApiError) sendJson(res, err.status, err.body(rid));
      else throw err;
    }
    return true;
  }
  return false;
}
