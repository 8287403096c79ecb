// Small pieces shared by the load phases that run in the worker thread.

/** Sends a progress line to the main thread, which prints it. */
export type Progress = (text: string) => void;

/** A progress line every 10 s while a phase runs (cleared by the caller). */
export function progressEvery(report: Progress, text: () => string, ms = 10_000): NodeJS.Timeout {
  const started = performance.now();
  return setInterval(() => report(`${((performance.now() - started) / 1000).toFixed(0)} s: ${text()}`), ms);
}

/** A JSON object answer, or {} for anything else (an HTML error page, a cut-off body). */
export function parseJson(body: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
