// next-auth's own reports (adapter failures, OAuth callback errors, config warnings) as the app's
// JSON log lines with the request id, instead of next-auth's console text. Only the error and
// the report's code are kept: next-auth's metadata can hold the address being signed in or a
// provider's whole token response.
import type { LoggerInstance } from "next-auth";
import { logger } from "@/server/log/logger";

function errorIn(metadata: unknown): unknown {
  if (metadata instanceof Error) return metadata;
  if (metadata && typeof metadata === "object" && "error" in metadata) return (metadata as { error: unknown }).error;
  return undefined;
}

export function authLogger(): LoggerInstance {
  const log = logger("next-auth");
  return {
    error: (code, metadata) => log.error({ code, err: errorIn(metadata) }, "next-auth error"),
    warn: (code) => log.warn({ code }, "next-auth warning"),
    debug: (code) => log.debug({ code }, "next-auth debug"),
  };
}
