// The derivation alone: days of a window, and balances rebuilt backwards from the next known one.
import { describe, expect, it } from "vitest";
import { addDays, deriveBalancePoints, historyWindow, type DaySums, type KnownBalance } from "./derive-balance-history";

const b = (n: number) => BigInt(n);
const known = (day: string, time: string, current: number | null, available: number | null = null): KnownBalance => ({
  day,
  asOf: new Date(`${day}T${time}Z`),
  current: current === null ? null : b(current),
  available: available === null ? null : b(available),
});
const sums = (entries: Record<string, [number, number?]>) =>
  new Map<string, DaySums>(Object.entries(entries).map(([day, [atOrBefore, after = 0]]) => [day, { atOrBefore: b(atOrBefore), after: b(after) }]));
const currents = (points: { current: bigint | null }[]) => points.map((p) => (p.current === null ? null : Number(p.current)));

describe("historyWindow", () => {
  it("is `days` UTC days ending with the day of now, oldest first; 90 by default, 1 to 365", () => {
    const now = new Date("2026-03-01T23:30:00-05:00"); // already March 2 in UTC
    expect(historyWindow({ days: 3, now })).toEqual(["2026-02-28", "2026-03-01", "2026-03-02"]);
    const fallback = historyWindow({ now });
    expect(fallback).toHaveLength(90);
    expect(fallback.at(-1)).toBe("2026-03-02");
    expect(fallback[0]).toBe(addDays("2026-03-02", -89));
    expect(historyWindow({ days: 1000, now })).toHaveLength(365);
    expect(historyWindow({ days: 0, now })).toHaveLength(1);
    expect(historyWindow({ days: -5, now })).toHaveLength(1);
    expect(historyWindow({ days: Number.NaN, now })).toHaveLength(90);
  });

  it("counts days across a leap day and a year end", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
  });
});

describe("deriveBalancePoints", () => {
  const days = ["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05"];

  it("shows a known balance on its day and walks back through each day's transactions, leaving later days empty", () => {
    // Known at noon of May 4: -5.00 before noon and +2.00 after it on that day.
    const points = deriveBalancePoints(days, [known("2026-05-04", "12:00:00", 100_00, 90_00)], sums({ "2026-05-04": [-5_00, 2_00], "2026-05-03": [-10_00], "2026-05-02": [3_00] }));
    expect(points.map((p) => p.day)).toEqual(days);
    expect(currents(points)).toEqual([112_00, 115_00, 105_00, 100_00, null]);
    expect(points.map((p) => p.source)).toEqual(["derived", "derived", "derived", "snapshot", "derived"]);
    expect(points.map((p) => p.available)).toEqual([null, null, null, b(90_00), null]);
  });

  it("derives days between two known balances from the later one, not the earlier", () => {
    const points = deriveBalancePoints(
      days,
      [known("2026-05-02", "08:00:00", 50_00, 50_00), known("2026-05-05", "09:00:00", 80_00)],
      sums({ "2026-05-05": [10_00, -99_00], "2026-05-04": [5_00], "2026-05-03": [1_00], "2026-05-02": [7_00, 4_00] }),
    );
    // May 4 ends at 80 − 10; May 3 at 70 − 5; May 2 is known (50, not 65 − 1: the bank's word wins); May 1 from May 2's start.
    expect(currents(points)).toEqual([43_00, 50_00, 65_00, 70_00, 80_00]);
    expect(points.map((p) => p.source)).toEqual(["derived", "snapshot", "derived", "derived", "snapshot"]);
  });

  it("derives the window's last days from a known balance after the window", () => {
    const points = deriveBalancePoints(days.slice(0, 3), [known("2026-05-05", "10:00:00", 20_00)], sums({ "2026-05-05": [1_00, 5_00], "2026-05-04": [2_00], "2026-05-03": [3_00], "2026-05-02": [4_00] }));
    // May 5 starts at 20 − 1 = 19 (its 5.00 after the balance is not in it), May 4 at 17, May 3 at 14, May 2 at 10.
    expect(currents(points)).toEqual([10_00, 14_00, 17_00]);
    expect(points.every((p) => p.source === "derived")).toBe(true);
  });

  it("keeps walking through a known balance without a current amount", () => {
    const points = deriveBalancePoints(days, [known("2026-05-03", "12:00:00", null, 7_00), known("2026-05-05", "12:00:00", 30_00)], sums({ "2026-05-05": [1_00], "2026-05-04": [2_00], "2026-05-03": [3_00, 4_00] }));
    // May 5 starts at 29, May 4 at 27; May 3 tells no current amount, so its whole day (3 + 4) is walked through.
    expect(currents(points)).toEqual([20_00, 20_00, null, 29_00, 30_00]);
    expect(points[2]).toEqual({ day: "2026-05-03", current: null, available: b(7_00), source: "snapshot" });
  });

  it("gives every day null when nothing is known, and nothing for an empty window", () => {
    expect(deriveBalancePoints(days, [], sums({ "2026-05-03": [5_00] })).every((p) => p.current === null && p.available === null)).toBe(true);
    expect(deriveBalancePoints([], [known("2026-05-03", "12:00:00", 1)], new Map())).toEqual([]);
  });

  it("ignores a known balance before the window: every day of the window is after it", () => {
    expect(currents(deriveBalancePoints(days, [known("2026-04-20", "12:00:00", 5_00)], new Map()))).toEqual([null, null, null, null, null]);
  });
});
