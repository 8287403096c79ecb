// Errors Next.js catches itself (a page or layout that throws while rendering, a server action)
// never pass through withErrors, so Next's onRequestError hook reports them here: one JSON line
// with the request id proxy.ts stamped on the request, and the digest the user's error page
// shows, so support can find the line from a screenshot.
import type { Instrumentation } from "next";
import { logger } from "./logger";
import { isValidRequestId, REQUEST_ID_HEADER } from "./request-context";

function header(headers: NodeJS.Dict<string | string[]>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function digestOf(error: unknown): string | undefined {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" ? digest : undefined;
}

// Next reports a render error once per pass that meets it (the server-components payload, then
// the HTML render), as separate objects with the same digest: one line per request and digest.
const recent = new Set<string>();
const RECENT_LIMIT = 1_000;

function firstReport(requestId: string | undefined, digest: string | undefined): boolean {
  if (!requestId || !digest) return true;
  const key = `${requestId} ${digest}`;
  if (recent.has(key)) return false;
  recent.add(key);
  // Sets iterate in insertion order: drop the oldest.
  if (recent.size > RECENT_LIMIT) recent.delete(recent.values().next().value as string);
  return true;
}

export const logRequestError: Instrumentation.onRequestError = (error, request, context) => {
  const incomingId = header(request.headers, REQUEST_ID_HEADER);
  const requestId = isValidRequestId(incomingId) ? incomingId : undefined;
  const digest = digestOf(error);
  if (!firstReport(requestId, digest)) return;
  logger("next").error(
    {
      err: error,
      digest,
      request_id: requestId,
      method: request.method,
      // Without the query string: sign-in callbacks carry their one-time token there.
      path: request.path.split("?")[0],
      route: context.routePath,
      route_type: context.routeType,
    },
    "request failed",
  );
};
