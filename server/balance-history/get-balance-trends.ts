import "server-only";
import { historyWindow } from "./derive-balance-history";
import { loadBalanceHistories } from "./load-balance-histories";

/** A sparkline's data: plain numbers (integer minor units), safe to hand to a client component. */
export type BalanceTrend = { currency: string | null; points: { day: string; current: number | null }[] };

/**
 * The current balance per day of each account, for the accounts list's sparklines: the same
 * history as getBalanceHistory, for many accounts in a constant number of statements. Minor
 * units as numbers: a sparkline's scale has no use for exact cents beyond 2^53.
 */
export async function getBalanceTrends(accountIds: string[], options: { days?: number; now?: Date } = {}): Promise<Map<string, BalanceTrend>> {
  const histories = await loadBalanceHistories(accountIds, historyWindow(options));
  const trends = new Map<string, BalanceTrend>();
  for (const [accountId, history] of histories) {
    trends.set(accountId, {
      currency: history.currency,
      points: history.points.map((p) => ({ day: p.day, current: p.current === null ? null : Number(p.current) })),
    });
  }
  return trends;
}
