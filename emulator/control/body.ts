// Control endpoints take JSON or form bodies, whichever is handier from curl or a test.
import type { IncomingMessage } from "node:http";
import { invalidParam } from "../http/errors.js";
import { parseForm } from "../http/form.js";

export function parseControlBody(req: IncomingMessage, raw: string, query: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(query.entries());
  if (!raw.trim()) return out;
  const ct = String(req.headers["content-type"] ?? "");
  if (ct.includes("json") || raw.trimStart().startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
      return { ...out, ...(parsed as Record<string, unknown>) };
    } catch {
      throw invalidParam("Invalid JSON body");
    }
  }
  return { ...out, ...parseForm(raw) };
}

export function int(v: unknown, name: string, fallback: number, min = 0, max = 1e9): number {
  if (v === undefined || v === null || v === "") return fallback;
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw invalidParam(`Invalid ${name}: must be an integer between ${min} and ${max}`, name);
  return n;
}
