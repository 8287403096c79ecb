import "server-only";

// The pure part of balance history: which days a window covers, and each day's balance from
// the balances the bank reported plus the transactions between them. No database here, so the
// arithmetic is tested on its own (derive-balance-history.test.ts).

/** A balance the bank reported: a day's snapshot, or the account's own newest balance. */
export type KnownBalance = { day: string; asOf: Date; current: bigint | null; available: bigint | null };

/**
 * One UTC day's non-void transactions, split at that day's known balance: those at or before its
 * asOf, and those after it. A day without a known balance has all of them in `atOrBefore`.
 */
export type DaySums = { atOrBefore: bigint; after: bigint };

export type BalancePoint = { day: string; current: bigint | null; available: bigint | null; source: "snapshot" | "derived" };

export const DEFAULT_HISTORY_DAYS = 90;
export const MAX_HISTORY_DAYS = 365;

const DAY_MS = 86_400_000;

/** "YYYY-MM-DD" of an instant, in UTC. */
export const utcDay = (instant: Date): string => instant.toISOString().slice(0, 10);

/** The day `offset` days from `day` (both "YYYY-MM-DD"). */
export function addDays(day: string, offset: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + offset * DAY_MS));
}

/**
 * The window's days, oldest first: `days` of them ending with the UTC day of `now`. Out-of-range
 * counts are clamped rather than refused: the API validates its own input before this.
 */
export function historyWindow(options: { days?: number; now?: Date } = {}): string[] {
  const asked = options.days !== undefined && Number.isFinite(options.days) ? Math.trunc(options.days) : DEFAULT_HISTORY_DAYS;
  const count = Math.min(MAX_HISTORY_DAYS, Math.max(1, asked));
  const last = utcDay(options.now ?? new Date());
  return Array.from({ length: count }, (_, i) => addDays(last, i - count + 1));
}

const NO_TRANSACTIONS: DaySums = { atOrBefore: BigInt(0), after: BigInt(0) };

/**
 * One point per day of `days` (oldest first). A day with a known balance shows it. A day without
 * one is derived backwards from the nearest later known balance L:
 *
 *   current(end of day d) = L.current − Σ amounts of non-void transactions after the end of d, at or before L.asOf
 *
 * walking one day at a time: at L's own day the balance at its start is L.current minus that
 * day's transactions up to L.asOf; each earlier day ends where the next one starts. A known
 * balance without a current amount is shown but does not restart the walk (the later one goes
 * on through its whole day). Derived points have no available amount: banks report it without
 * the holds behind it, so it cannot be rebuilt from transactions. Days after the newest known
 * balance have nothing to derive from and are null.
 *
 * `known` may reach past the window's end (a later balance derives the window's last days);
 * `sums` must hold every day from the second of the window to the newest known balance's day.
 */
export function deriveBalancePoints(days: readonly string[], known: readonly KnownBalance[], sums: ReadonlyMap<string, DaySums>): BalancePoint[] {
  const first = days[0];
  const lastOfWindow = days.at(-1);
  if (first === undefined || lastOfWindow === undefined) return [];
  const knownByDay = new Map(known.map((k) => [k.day, k]));
  const newestKnown = known.reduce<string | undefined>((newest, k) => (newest === undefined || k.day > newest ? k.day : newest), undefined);
  const start = newestKnown !== undefined && newestKnown > lastOfWindow ? newestKnown : lastOfWindow;

  const points = new Map<string, BalancePoint>();
  // The balance at the end of the day being visited: undefined while no later balance is known,
  // null when the later one gave no current amount.
  let endOfDay: bigint | null | undefined;
  for (let day = start; day >= first; day = addDays(day, -1)) {
    const reported = knownByDay.get(day);
    const moved = sums.get(day) ?? NO_TRANSACTIONS;
    if (reported) {
      points.set(day, { day, current: reported.current, available: reported.available, source: "snapshot" });
      if (reported.current !== null) endOfDay = reported.current - moved.atOrBefore;
      else if (typeof endOfDay === "bigint") endOfDay -= moved.atOrBefore + moved.after;
    } else {
      points.set(day, { day, current: endOfDay ?? null, available: null, source: "derived" });
      if (typeof endOfDay === "bigint") endOfDay -= moved.atOrBefore + moved.after;
    }
  }
  return days.map((day) => points.get(day) ?? { day, current: null, available: null, source: "derived" });
}
