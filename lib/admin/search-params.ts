// Admin lists keep their state (filters, sort, cursor) in the URL, so pages stay server
// components and every view is a shareable link. These helpers read that state safely.
import { z } from "zod";

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

/** The first value of a query parameter, trimmed; empty strings count as absent. */
export function param(params: SearchParamsRecord | URLSearchParams, key: string): string | undefined {
  const raw = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value : undefined;
}

export function toRecord(params: URLSearchParams): SearchParamsRecord {
  const record: SearchParamsRecord = {};
  for (const key of new Set(params.keys())) record[key] = params.get(key) ?? undefined;
  return record;
}

/** A keyset cursor: the sort values and id of a boundary row, opaque to the browser. */
export type Cursor = { values: string[]; id: string };

export function encodeCursor(values: string[], id: string): string {
  return Buffer.from(JSON.stringify({ v: values, id })).toString("base64url");
}

// No control characters: a NUL in an edited cursor would otherwise reach PostgreSQL (a 500).
const cursorText = z.string().regex(/^[^\u0000-\u001f]*$/);
const cursorShape = z.object({ v: z.array(cursorText.max(500)).max(4), id: cursorText.min(1).max(100) });

/** A broken or edited cursor is treated as no cursor (the first page), never as an error. */
export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw || raw.length > 2000) return null;
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? { values: parsed.data.v, id: parsed.data.id } : null;
  } catch {
    return null;
  }
}

/**
 * Rows after (or before) a cursor in lexicographic (k1, k2, ..., id) order, written so that
 * PostgreSQL can use the leading key as an index bound: k1 <= v1 AND (k1 < v1 OR (k1 = v1 AND ...)).
 * Prisma cannot express a row comparison `(k1, id) < (v1, $id)`, and a bare OR would make
 * the planner scan the index from its end.
 */
export function keysetWhere<W>(
  keys: { field: string; value: unknown }[],
  id: string,
  direction: "asc" | "desc",
): W {
  const strict = direction === "desc" ? "lt" : "gt";
  const loose = direction === "desc" ? "lte" : "gte";
  const all = [...keys, { field: "id", value: id }];
  const build = (index: number): Record<string, unknown> => {
    const key = all[index]!;
    if (index === all.length - 1) return { [key.field]: { [strict]: key.value } };
    return { OR: [{ [key.field]: { [strict]: key.value } }, { AND: [{ [key.field]: key.value }, build(index + 1)] }] };
  };
  const first = all[0]!;
  return { AND: [{ [first.field]: { [loose]: first.value } }, build(0)] } as W;
}

/** yyyy-mm-dd from a date input; anything else is ignored. */
export function parseDay(raw: string | undefined): Date | undefined {
  if (!raw || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return undefined;
  const date = new Date(`${raw}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Rebuilds a query string from the given values, dropping empty ones. */
export function queryString(values: Record<string, string | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

/**
 * The rows after a cursor in (k1, ..., kn, id) order as disjoint pieces, each one index range:
 * [k1 = v1 AND ... AND id > x], ..., [k1 = v1 AND k2 > v2], [k1 > v1]. Read in this order
 * until a page is full, they give the rows in sort order. A single OR of them would make
 * PostgreSQL scan the whole group of rows sharing k1 (e.g. every Chase account).
 */
export function keysetSegments<W>(keys: { field: string; value: unknown }[], id: string, direction: "asc" | "desc"): W[] {
  const strict = direction === "desc" ? "lt" : "gt";
  const all = [...keys, { field: "id", value: id }];
  const segments: W[] = [];
  for (let i = all.length - 1; i >= 0; i--) {
    const equal = all.slice(0, i).map((key) => ({ [key.field]: key.value }));
    segments.push({ AND: [...equal, { [all[i]!.field]: { [strict]: all[i]!.value } }] } as W);
  }
  return segments;
}

/** Reads up to `take` rows after a cursor, segment by segment (see keysetSegments). */
export async function readSegments<W, R>(
  segments: W[],
  take: number,
  read: (segment: W, take: number) => Promise<R[]>,
): Promise<R[]> {
  const rows: R[] = [];
  for (const segment of segments) {
    rows.push(...(await read(segment, take - rows.length)));
    if (rows.length >= take) break;
  }
  return rows;
}

/**
 * The links of a filtered, paged admin list at `path`: `here` (the view without its cursor, where
 * sign-in returns to), `first` (only when past the first page), `next` for a cursor, and `clear`
 * (the unfiltered list, or false when nothing is filtered).
 */
export function listLinks(path: string, filters: Record<string, string | undefined>, after: string | undefined) {
  const here = `${path}${queryString(filters)}`;
  return {
    here,
    first: after ? here : undefined,
    next: (cursor: string | null | undefined) => (cursor ? `${path}${queryString({ ...filters, after: cursor })}` : null),
    clear: Object.values(filters).some(Boolean) ? path : (false as const),
  };
}
