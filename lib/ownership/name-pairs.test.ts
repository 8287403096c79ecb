// The name matcher against the labelled set: it must almost never call two people the same
// (precision), and must recognize nearly every written variant of one person (recall).
// `npx tsx bench/ownership-match.ts` lists the pairs it gets wrong.
import { describe, expect, it } from "vitest";
import { compareNames } from "./match-name";
import { NAME_PAIRS } from "./name-pairs";

describe("NAME_PAIRS", () => {
  it("is large enough and has both labels", () => {
    expect(NAME_PAIRS.length).toBeGreaterThanOrEqual(200);
    expect(NAME_PAIRS.some((pair) => pair.same)).toBe(true);
    expect(NAME_PAIRS.some((pair) => !pair.same)).toBe(true);
  });

  it("has no pair twice", () => {
    const keys = NAME_PAIRS.map((pair) => `${pair.holder}\u0000${pair.owner}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("is matched with precision >= 0.99 and recall >= 0.95 (a match counts as same, partial as not)", () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const wrong: string[] = [];
    for (const pair of NAME_PAIRS) {
      const predicted = compareNames(pair.holder, pair.owner).result === "match";
      if (predicted && pair.same) tp++;
      if (predicted && !pair.same) fp++;
      if (!predicted && pair.same) fn++;
      if (predicted !== pair.same) wrong.push(`${pair.holder} / ${pair.owner} (${pair.note})`);
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    expect(precision, wrong.join("\n")).toBeGreaterThanOrEqual(0.99);
    expect(recall, wrong.join("\n")).toBeGreaterThanOrEqual(0.95);
  });
});
