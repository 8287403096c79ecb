// Stripe's cursor pagination over a newest-first list.
import { invalidParam } from "./errors.js";
import { list } from "../resources/objects.js";
import type { Params } from "./params.js";

export function paginate<T extends { id: string }, O>(
  items: T[],
  p: Params,
  url: string,
  toObject: (item: T) => O,
): { object: "list"; data: O[]; has_more: boolean; url: string } {
  const limit = typeof p.limit === "number" ? p.limit : 10;
  const after = typeof p.starting_after === "string" ? p.starting_after : undefined;
  const before = typeof p.ending_before === "string" ? p.ending_before : undefined;
  if (after && before) throw invalidParam("You may only specify one of these parameters: ending_before, starting_after.", "ending_before");
  let page: T[];
  let hasMore: boolean;
  if (before) {
    const i = items.findIndex((x) => x.id === before);
    if (i === -1) throw invalidParam(`No such object: '${before}'`, "ending_before", "resource_missing");
    const start = Math.max(0, i - limit);
    page = items.slice(start, i);
    hasMore = start > 0;
  } else {
    let start = 0;
    if (after) {
      const i = items.findIndex((x) => x.id === after);
      if (i === -1) throw invalidParam(`No such object: '${after}'`, "starting_after", "resource_missing");
      start = i + 1;
    }
    page = items.slice(start, start + limit);
    hasMore = start + limit < items.length;
  }
  return list(page.map(toObject), url, hasMore);
}

/** Newest first, ties broken by creation order, as Stripe lists do. */
export function newestFirst<T extends { seq: number }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => b.seq - a.seq);
}
