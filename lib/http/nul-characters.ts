// PostgreSQL text and jsonb cannot hold the NUL character (U+0000): one reaching a query fails
// there, as a 500, or mid-stream for the CSV export. No field of this app has a use for it, so
// it is refused where user text enters: the address (proxy.ts, for every page and route) and
// JSON bodies (readJson). No "server-only" here: proxy.ts imports it.

export const NUL_MESSAGE = "must not contain a NUL character (\\u0000 or %00)";

/** Whether a request address (path or query) carries a NUL, raw or percent-encoded. */
export function urlHasNul(url: string): boolean {
  return url.includes("\u0000") || /%00/i.test(url);
}

/** The dotted path of the first string (value or key) holding a NUL in parsed JSON, or null. */
export function findNul(value: unknown, path = ""): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path || "body" : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], path ? `${path}.${i}` : String(i));
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes("\u0000")) return at;
      const found = findNul(item, at);
      if (found) return found;
    }
  }
  return null;
}
