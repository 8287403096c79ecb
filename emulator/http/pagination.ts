// Stripe's cursor pagination over a newest-first list.
import { invalidParam } from "./errors.js";
import { list } from "../resources/objects.js";
import type { Params } from "./params.js";

/**
 * `rankOf` (optional) places any object of the collection, listed or not, in the list's order
 * (higher is newer): a cursor naming an object a filter now leaves out (an event delivered
 * since the last page) still marks a position, as Stripe's cursors do.
 */
export function paginate<T extends { id: string }, O>(
  items: T[],
  p: Params,
  url: string,
  toObject: (item: T) => O,
  rankOf?: (id: string) => number | undefined,
): { object: "list"; data: O[]; has_more: boolean; url: string } {
  const position = (id: string, param: string) => {
    const i = items.findIndex((x) => x.id === id);
    if (i !== -1) return { index: i, listed: true };
    const rank = rankOf?.(id);
    if (rank === undefined) throw invalidParam(`No such object: '${id}'`, param, "resource_missing");
    // The first listed item older than the cursor's object.
    const older = items.findIndex((x) => (rankOf!(x.id) ?? Infinity) < rank);
    return { index: older === -1 ? items.length : older, listed: false };
  };
  const limit = typeof p.limit === "number" ? p.limit : 10;
  const after = typeof p.starting_after === "string" ? p.starting_after : undefined;
  const before = typeof p.ending_before === "string" ? p.ending_before : undefined;
  if (after && before) throw invalidParam("You may only specify one of these parameters: ending_before, starting_after.", "ending_before");
  let page: T[];
  let hasMore: boolean;
  if (before) {
    const i = position(before, "ending_before").index;
    const start = Math.max(0, i - limit);
    page = items.slice(start, i);
    hasMore = start > 0;
  } else {
    let start = 0;
    if (after) {
      const at = position(after, "starting_after");
      start = at.listed ? at.index + 1 : at.index;
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
