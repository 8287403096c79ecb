// A first gate on the bodies of JSON API mutations, applied in proxy.ts before a route reads
// anything: a declared size over the limit is refused without reading it, and a body in another
// format (text/plain is the classic cross-site "simple request") gets a 415 that says what to send.
// The routes still parse and validate (server/http/api-error.ts readJson + zod).
// No "server-only" here: proxy.ts imports it.

/** Far above any JSON this app accepts (readJson's default is 64 KiB), far below a memory problem. */
export const MAX_API_BODY_BYTES = 1024 * 1024;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/** API routes whose bodies are not JSON, or are read raw: they check their bodies themselves. */
const NOT_JSON = [/^\/api\/auth\//, /^\/api\/dev\/demo-sign-in$/, /^\/api\/webhooks\/stripe$/];

export type BodyVerdict = { ok: true } | { ok: false; status: 413 | 415; message: string };

type RequestLike = { method: string; url: string; headers: Headers };

export function checkJsonBody(request: RequestLike): BodyVerdict {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { ok: true };
  const { pathname } = new URL(request.url);
  if (!pathname.startsWith("/api/") || NOT_JSON.some((pattern) => pattern.test(pathname))) return { ok: true };

  const length = request.headers.get("content-length");
  const declared = length === null ? null : Number(length);
  if (declared !== null && Number.isFinite(declared) && declared > MAX_API_BODY_BYTES) {
    return { ok: false, status: 413, message: `Request body is larger than ${MAX_API_BODY_BYTES} bytes` };
  }
  const hasBody = (declared !== null && declared > 0) || request.headers.has("transfer-encoding");
  if (!hasBody) return { ok: true };
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type)) return { ok: true };
  return { ok: false, status: 415, message: `Send the body as JSON with Content-Type: application/json (got ${type || "none"})` };
}
