// The /v1 pipeline: method, auth, content type, parameters, idempotency, dispatch, expand.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emu } from "../core.js";
import { StripeApiError, invalidParam, unrecognizedUrl } from "./errors.js";
import { parseForm, type FormObject } from "./form.js";
import { sendError, sendJson } from "./io.js";
import { IdempotencyCache } from "./idempotency.js";
import { applyExpand } from "./expand.js";
import type { Router } from "./router.js";
import { API_VERSION } from "../resources/objects.js";

const KEY_RE = /^(sk|rk)_(test|live)_[A-Za-z0-9_]{1,247}$/;

function authError(message: string): StripeApiError {
  return new StripeApiError(401, "authentication_error", message, {}, { headers: { "www-authenticate": 'Bearer realm="Stripe"' }, beforeExecution: true });
}

function apiKey(req: IncomingMessage): string {
  const h = req.headers.authorization;
  if (!h)
    throw authError(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  let key = "";
  const [scheme, value = ""] = h.split(/\s+/, 2);
  if (scheme?.toLowerCase() === "bearer") key = value;
  else if (scheme?.toLowerCase() === "basic") key = Buffer.from(value, "base64").toString("utf8").split(":")[0] ?? "";
  if (key.startsWith("pk_"))
    throw authError("This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.");
  if (!KEY_RE.test(key)) throw authError(`Invalid API Key provided: ${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`);
  return key;
}

export function createApiHandler(emu: Emu, router: Router) {
  const idempotency = new IdempotencyCache();

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: string, requestId: string): Promise<void> {
    const method = req.method ?? "GET";
    const path = url.pathname;
    const headers: Record<string, string> = { "stripe-version": String(req.headers["stripe-version"] ?? API_VERSION) };
    try {
      const key = apiKey(req);
      const match = router.match(method, path);
      if (!match) throw unrecognizedUrl(method, path);

      let params: FormObject = parseForm(url.search.slice(1));
      if (rawBody.length > 0) {
        const ct = String(req.headers["content-type"] ?? "");
        if (!/^application\/x-www-form-urlencoded\b/i.test(ct))
          throw invalidParam(`Invalid request: unsupported Content-Type ${ct || "(none)"}. If error persists and you need assistance, please contact support@stripe.com.`);
        params = { ...params, ...parseForm(rawBody) };
      }

      const idemKey = method === "POST" ? (req.headers["idempotency-key"] as string | undefined) : undefined;
      if (idemKey !== undefined && (idemKey.length === 0 || idemKey.length > 255))
        throw invalidParam("Idempotency-Key must be between 1 and 255 characters.", undefined, "idempotency_key_invalid");
      const fingerprint = `${method} ${path} ${JSON.stringify(params)}`;
      if (idemKey) {
        const prior = idempotency.get(key, idemKey);
        if (prior) {
          if (prior.fingerprint !== fingerprint)
            throw new StripeApiError(
              400,
              "idempotency_error",
              `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idemKey}' if you meant to execute a different request.`,
              {},
              { beforeExecution: true },
            );
          sendJson(res, prior.status, prior.body, { ...headers, "idempotency-key": idemKey, "idempotent-replayed": "true", "original-request": prior.requestId });
          return;
        }
      }

      let status = 200;
      let text: string;
      try {
        const result = match.route.handler({
          emu,
          method,
          path,
          args: match.args,
          params,
          livemode: key.includes("_live_"),
          apiVersion: headers["stripe-version"] ?? API_VERSION,
          request: { id: requestId, idempotency_key: idemKey ?? null },
        });
        applyExpand(result.body, params.expand, emu.store);
        status = result.status ?? 200;
        text = JSON.stringify(result.body, null, 2);
      } catch (err) {
        // Errors raised once the handler ran are part of the request's outcome and replay too.
        if (err instanceof StripeApiError && idemKey && !err.beforeExecution && err.status < 500) {
          idempotency.set(key, idemKey, { fingerprint, status: err.status, body: JSON.stringify(err.body(requestId), null, 2), requestId });
        }
        throw err;
      }
      if (idemKey) idempotency.set(key, idemKey, { fingerprint, status, body: text, requestId });
      sendJson(res, status, text, idemKey ? { ...headers, "idempotency-key": idemKey } : headers);
    } catch (err) {
      if (err instanceof StripeApiError) {
        sendJson(res, err.status, err.body(requestId), { ...headers, ...err.headers });
        return;
      }
      console.error("[emulator] internal error", err);
      sendError(res, new StripeApiError(500, "api_error", "An unknown error occurred"), requestId);
    }
  }

  return { handle, clearIdempotency: () => idempotency.clear() };
}
