import "server-only";
import { historyWindow, type BalancePoint } from "./derive-balance-history";
import { loadBalanceHistories, type BalanceHistory } from "./load-balance-histories";

export type { BalancePoint, BalanceHistory };

/**
 * One account's balance for each UTC day of the window (default 90 days, at most 365, ending
 * today), oldest first: the day's snapshot where there is one, else derived from transactions
 * back from the next known balance (see deriveBalancePoints). The caller has checked that the
 * account is the caller's: this takes the id alone.
 */
export async function getBalanceHistory(linkedAccountId: string, options: { days?: number; now?: Date } = {}): Promise<BalanceHistory> {
  const days = historyWindow(options);
  const histories = await loadBalanceHistories([linkedAccountId], days);
  return histories.get(linkedAccountId) ?? { currency: null, points: [] };
}

/** One day with its amounts as numbers (integer minor units): what a client component's props can carry. */
export type PlainBalancePoint = { day: string; current: number | null; available: number | null; source: BalancePoint["source"] };

/** The history for a chart: no bigint crosses to the browser; a chart has no use for cents beyond 2^53. */
export function toPlainBalanceHistory(history: BalanceHistory): { currency: string | null; points: PlainBalancePoint[] } {
  const plain = (value: bigint | null) => (value === null ? null : Number(value));
  return { currency: history.currency, points: history.points.map((p) => ({ day: p.day, current: plain(p.current), available: plain(p.available), source: p.source })) };
}
