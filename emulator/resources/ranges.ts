// Range filters like `created[gte]=…` or `transacted_at=…` (exact).
export function inRange(value: number, range: unknown): boolean {
  if (!range || typeof range !== "object") return true;
  const r = range as { eq?: number; gt?: number; gte?: number; lt?: number; lte?: number };
  if (r.eq !== undefined && value !== r.eq) return false;
  if (r.gt !== undefined && !(value > r.gt)) return false;
  if (r.gte !== undefined && !(value >= r.gte)) return false;
  if (r.lt !== undefined && !(value < r.lt)) return false;
  if (r.lte !== undefined && !(value <= r.lte)) return false;
  return true;
}
