// Reading bodies with a size cap and writing JSON responses.
import type { IncomingMessage, ServerResponse } from "node:http";
import { StripeApiError } from "./errors.js";

export const MAX_BODY_BYTES = 1024 * 1024;

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > limit) {
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", (err) => {
      if (done) return;
      done = true;
      reject(err);
    });
  });
}

function tooLarge(limit: number): StripeApiError {
  return new StripeApiError(413, "invalid_request_error", `Request body too large: the limit is ${limit} bytes.`, {}, { beforeExecution: true });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, pretty = true): void {
  if (res.headersSent || res.destroyed) return;
  const text = typeof body === "string" ? body : JSON.stringify(body, null, pretty ? 2 : undefined);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "cache-control": "no-cache, no-store", ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, err: StripeApiError, requestId: string): void {
  sendJson(res, err.status, err.body(requestId), err.headers);
}
