// PostgreSQL text and jsonb cannot hold the NUL character (U+0000): one reaching a query fails
// there, as a 500, or mid-stream for the CSV export. No field of this app has a use for it, so
// it is refused where user text enters: the address (proxy.ts, for every page and route) and
// JSON bodies (readJson). No "server-only" here: proxy.ts imports it.

export const NUL_MESSAGE = "must not contain a NUL character (\\u0000 or %00)";

/** Whether a request address (path or query) carries a NUL, raw or percent-encoded. */
export function urlHasNul(url: string): boolean {
  return url.includes("\u0000") || /%00/i.test(url);
}

/**
 * The dotted path of the first string (value or key) holding a NUL in parsed JSON, or null.
 * Walked with a queue, not recursion: a body nested thousands deep must not overflow the stack.
 */
export function findNul(value: unknown): string | null {
  const queue: [unknown, string][] = [[value, ""]];
  for (let i = 0; i < queue.length; i++) {
    const [item, path] = queue[i]!;
    if (typeof item === "string") {
      if (item.includes("\u0000")) return path || "body";
    } else if (item && typeof item === "object") {
      for (const [key, child] of Object.entries(item)) {
        const at = path ? `${path}.${key}` : key;
        if (key.includes("\u0000")) return at;
        queue.push([child, at]);
      }
    }
  }
  return null;
}
