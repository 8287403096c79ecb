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

export const logRequestError: Instrumentation.onRequestError = (error, request, context) => {
  const requestId = header(request.headers, REQUEST_ID_HEADER);
  logger("next").error(
    {
      err: error,
      digest: digestOf(error),
      request_id: isValidRequestId(requestId) ? requestId : undefined,
      method: request.method,
      // Without the query string: sign-in callbacks carry their one-time token there.
      path: request.path.split("?")[0],
      route: context.routePath,
      route_type: context.routeType,
    },
    "request failed",
  );
};
