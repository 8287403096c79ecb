// The server's one logger: pino writing JSON lines to stdout, one object per line, with the
// request id of the request being served (server/log/request-context.ts) on every line.
// No transports: they run in worker threads that Next's bundles cannot load.
// No "server-only" here: proxy.ts imports it.
import pino, { type DestinationStream, type Logger } from "pino";
import { env, LOG_LEVELS } from "@/server/env";
import { currentRequestId } from "./request-context";
import { REDACT_PATHS, serializeError } from "./redaction";

type Level = (typeof LOG_LEVELS)[number];

const shared = globalThis as typeof globalThis & { __linkwellLogger?: Logger };

function configuredLevel(): Level {
  try {
    return env().LOG_LEVEL;
  } catch {
    // An invalid configuration is reported (through this logger) and stops the start; the
    // report itself must still get out.
    return "info";
  }
}

/** A logger with the app's format and redaction, writing to `destination`. */
export function createLogger(destination: DestinationStream, level: Level = configuredLevel()): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      // "level":"warn" reads better in a log search than pino's numbers.
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { request_id: requestId } : {};
      },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      serializers: { err: serializeError },
    },
    destination,
  );
}

/**
 * The process's logger, or a child naming the part of the app that writes (`component`).
 * Writes are synchronous so that the last lines before a crash or process.exit are not lost.
 */
export function logger(component?: string): Logger {
  shared.__linkwellLogger ??= createLogger(pino.destination({ dest: 1, sync: true }));
  return component ? shared.__linkwellLogger.child({ component }) : shared.__linkwellLogger;
}

/** Tests: send the process's log lines to `destination` (at `level`) instead of stdout. */
export function setLogDestination(destination: DestinationStream, level?: Level): void {
  shared.__linkwellLogger = createLogger(destination, level);
}
