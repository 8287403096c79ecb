// Tests that assert on log lines: the process's logger writes into an array instead of stdout.
import type { LOG_LEVELS } from "@/server/env";
import { setLogDestination } from "@/server/log/logger";

export type LogLine = Record<string, unknown>;

/**
 * Sends every log line from now on, parsed, into the returned array (empty it with
 * `lines.length = 0` between tests).
 */
export function captureLogLines(level: (typeof LOG_LEVELS)[number] = "debug"): LogLine[] {
  const lines: LogLine[] = [];
  setLogDestination({ write: (line: string) => void lines.push(JSON.parse(line) as LogLine) }, level);
  return lines;
}
